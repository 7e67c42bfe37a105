/**
 * A small lab for the classroom tests, so they do not depend on the real labs' steps: a queue
 * step, a stream step, a worker function a trigger can run, and the framework's clean-up.
 */
import { CreateStreamCommand, DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { CreateQueueCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { translateAwsError } from "@/lib/aws/errors";
import { cleanUpStep } from "@/lib/lab-framework/clean-up";
import { connectStep } from "@/lib/lab-framework/connect-step";
import { defineAction, defineLab, defineResources, defineStep } from "@/lib/lab-framework/define";
import type { LabContext } from "@/lib/lab-framework/types";

export const classroomTestResources = defineResources({
  ordersQueue: { kind: "sqs-queue", name: "ClassOrders", description: "Orders." },
  clickStream: { kind: "kinesis-stream", name: "ClassClicks", description: "Clicks." },
  worker: { kind: "function", name: "ClassWorker", description: "Reads orders.", listed: false },
});

type R = typeof classroomTestResources;

/** Checks running right now, and the most at once (verify-now's concurrency bound). */
export const checkLoad = { running: 0, most: 0, delayMs: 0 };

async function exists(work: () => Promise<unknown>, context: LabContext<R>): Promise<boolean> {
  checkLoad.running++;
  checkLoad.most = Math.max(checkLoad.most, checkLoad.running);
  try {
    if (checkLoad.delayMs) await new Promise((resolve) => setTimeout(resolve, checkLoad.delayMs));
    await work();
    return true;
  } catch (error) {
    const family = translateAwsError(error, { region: context.region }).family;
    if (family === "not-found" || family === "queue-not-found") return false;
    throw error;
  } finally {
    checkLoad.running--;
  }
}

const queueStep = defineStep<R>({
  id: "create-queue",
  title: "Create the queue",
  explanation: "A queue.",
  actions: [
    defineAction<R>({
      id: "create",
      label: "Create the queue",
      async run(context) {
        await context.aws.sqs.send(new CreateQueueCommand({ QueueName: context.names.ordersQueue, tags: { ...context.tags } }));
        return { message: `Created ${context.names.ordersQueue}.` };
      },
    }),
  ],
  async check(context) {
    const found = await exists(() => context.aws.sqs.send(new GetQueueUrlCommand({ QueueName: context.names.ordersQueue })), context);
    return found ? { passed: true, reason: `${context.names.ordersQueue} exists.` } : { passed: false, reason: `${context.names.ordersQueue} does not exist yet.` };
  },
  cli: (c) => `aws sqs create-queue --queue-name ${c.names.ordersQueue}`,
  sdk: () => "new CreateQueueCommand({})",
});

const streamStep = defineStep<R>({
  id: "create-stream",
  title: "Create the stream",
  explanation: "A stream.",
  actions: [
    defineAction<R>({
      id: "create",
      label: "Create the stream",
      async run(context) {
        await context.aws.kinesis.send(new CreateStreamCommand({ StreamName: context.names.clickStream, ShardCount: 2, Tags: { ...context.tags } }));
        return { message: `Created ${context.names.clickStream}.` };
      },
    }),
  ],
  async check(context) {
    const found = await exists(() => context.aws.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: context.names.clickStream })), context);
    return found ? { passed: true, reason: `${context.names.clickStream} exists.` } : { passed: false, reason: `${context.names.clickStream} does not exist yet.` };
  },
  cli: (c) => `aws kinesis create-stream --stream-name ${c.names.clickStream} --shard-count 2`,
  sdk: () => "new CreateStreamCommand({})",
});

export const classroomTestLab = defineLab({
  id: "classroom-test-lab",
  order: 97,
  title: "Classroom test lab",
  summary: "",
  minutes: 1,
  level: "beginner",
  services: [],
  resources: classroomTestResources,
  handlers: { worker: () => async (_event: SQSEvent) => {} },
  steps: [connectStep(), queueStep, streamStep, cleanUpStep(classroomTestResources)],
});
