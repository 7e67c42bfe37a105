import { connectStep } from "../framework/connect-step";
import { defineLab, defineResources } from "../framework/define";

export const resources = defineResources({
  orderDlq: { kind: "sqs-queue", name: "order-dlq", description: "Dead-letter queue, 14 days' retention." },
  orderQueue: { kind: "sqs-queue", name: "order-processing-queue", description: "Orders, visibility 300 s, long polling, redrive after 3 receives." },
  analyticsStream: { kind: "kinesis-stream", name: "analytics-stream", description: "Two-shard stream of activity, transactions and metrics." },
  dashboard: { kind: "cloudwatch-dashboard", name: "messaging-dashboard", description: "SQS, Kinesis and worker graphs side by side." },
  queueProcessor: { kind: "function", name: "queue-processor", description: "Batches of 5, reports failed items.", listed: false },
  streamProcessor: { kind: "function", name: "stream-processor", description: "Batches of 10 per shard, running analytics.", listed: false },
});

export default defineLab({
  id: "sqs-vs-kinesis",
  order: 3,
  title: "SQS versus Kinesis Data Streams, side by side",
  summary:
    "Send the same kind of traffic through a queue with a DLQ and through a two-shard stream, and compare how each orders, batches, retries and fails, on one dashboard.",
  minutes: 90,
  level: "intermediate",
  services: ["SQS", "Kinesis Data Streams", "CloudWatch"],
  stepsComingIn: "issue 8",
  resources,
  steps: [connectStep()],
});
