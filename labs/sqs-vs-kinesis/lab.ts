/**
 * SQS versus Kinesis Data Streams: the same kind of traffic through a queue with a DLQ and
 * through a two-shard stream, processed by two consumers that batch, order, retry and fail
 * differently, on one dashboard, compared from measurements.
 */
import type { AnyHandler } from "@/lib/runtime";
import { cleanUpStep } from "@/lib/lab-framework/clean-up";
import { defineLab } from "@/lib/lab-framework/define";
import { forgetComparisonRun } from "./comparison-runs";
import { diagram } from "./diagram";
import { streamProcessor } from "./handlers/kinesis-processor";
import { createKinesisProducer } from "./handlers/kinesis-producer";
import { createQueueProcessor, timeScaleOf } from "./handlers/sqs-processor";
import { createSqsProducer } from "./handlers/sqs-producer";
import { liveState } from "./live";
import { LAB_ID, resources, type KinesisLabResources } from "./resources";
import { compareStep } from "./steps/compare";
import { dashboardStep } from "./steps/dashboard";
import { kinesisProducerStep } from "./steps/kinesis-producer";
import { prefixStep } from "./steps/prefix";
import { queueProcessorStep } from "./steps/queue-processor";
import { queuesStep } from "./steps/queues";
import { sqsProducerStep } from "./steps/sqs-producer";
import { streamProcessorStep } from "./steps/stream-processor";
import { streamStep } from "./steps/stream";

export { resources };

export default defineLab<KinesisLabResources>({
  id: LAB_ID,
  order: 3,
  title: "SQS versus Kinesis Data Streams, side by side",
  summary:
    "Send the same kind of traffic through a queue with a DLQ and through a two-shard stream, and compare how each orders, batches, retries and fails, on one dashboard.",
  minutes: 90,
  level: "intermediate",
  services: ["SQS", "Kinesis Data Streams", "CloudWatch"],
  resources,
  steps: [
    prefixStep,
    queuesStep,
    streamStep,
    sqsProducerStep,
    queueProcessorStep,
    kinesisProducerStep,
    streamProcessorStep,
    dashboardStep,
    compareStep,
    cleanUpStep(resources, { beforeDelete: async (context) => forgetComparisonRun(context) }),
  ],
  handlers: {
    sqsProducer: (env) => createSqsProducer({ sqs: env.aws.sqs, queueUrl: env.variables.QUEUE_URL }) as AnyHandler,
    queueProcessor: (env) => createQueueProcessor({ timeScale: timeScaleOf(env.variables.PROCESSING_TIME_SCALE) }) as AnyHandler,
    kinesisProducer: (env) => createKinesisProducer({ kinesis: env.aws.kinesis, streamName: env.variables.STREAM_NAME }) as AnyHandler,
    streamProcessor: () => streamProcessor as AnyHandler,
  },
  diagram,
  live: liveState,
});
