import { SendMessageBatchCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { z } from "zod";
import { PlainFailure } from "@/lib/aws/errors";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import type { StepAction } from "@/lib/lab-framework/types";
import { newOrderId } from "../handlers/order-api";
import { answerBody, callOrderApi, randomOrder } from "../orders";
import { MistakesPanel } from "../panels/mistakes-panel";
import { queueAttributes, requireOrdersQueue, WORKER_MAPPING, type CafeContext } from "../provision";
import { VISIBILITY_TIMEOUT_SECONDS } from "../queue-settings";
import type { CafeResources } from "../resources";
import { enableWorkerTrigger, workerTrigger } from "../trigger";

export const SHORT_VISIBILITY_SECONDS = 2;
export const SLOW_WORKER_SECONDS = 5;
export const BIG_BATCH = 5;
export const BATCH_WINDOW_SECONDS = 2;

function panelAction(action: StepAction<CafeResources>): StepAction<CafeResources> {
  return { ...action, panelOnly: true, checkAfter: false };
}

async function setWorkerVariable(context: CafeContext, name: string, value: string | null): Promise<void> {
  const { [name]: _old, ...rest } = await context.runtime.environment("orderWorker");
  await context.runtime.setEnvironment("orderWorker", value === null ? rest : { ...rest, [name]: value });
}

async function setVisibility(context: CafeContext, seconds: number): Promise<void> {
  const url = await requireOrdersQueue(context);
  await context.aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: String(seconds) } }), { abortSignal: context.signal });
}

async function setBatching(context: CafeContext, batchSize: number, windowSeconds = 0): Promise<void> {
  const trigger = await workerTrigger(context);
  if (!trigger) throw new PlainFailure("NoTrigger", "The worker has no trigger yet.", "Enable it in the step “The worker” first.", "not-found");
  await context.runtime.ensureMapping("orderWorker", "ordersQueue", { ...WORKER_MAPPING, batchSize, maximumBatchingWindowInSeconds: windowSeconds, enabled: trigger.state === "Enabled" });
}

async function sendOrders(context: CafeContext, count: number, customer: string): Promise<number> {
  let accepted = 0;
  for (let i = 0; i < count; i++) {
    const call = await callOrderApi(context, JSON.stringify(randomOrder(`${customer} ${i + 1}`, (i + 0.3) / count)));
    if (call.response?.statusCode === 202) accepted += 1;
    else throw new Error(`The API answered ${call.response?.statusCode ?? call.error}: ${String(answerBody(call).error ?? "")}`);
  }
  return accepted;
}

const countParams = z.object({ count: z.number().int().min(1).max(10) }).strict();

export const commonMistakesStep = defineStep<CafeResources>({
  id: "common-mistakes",
  title: "Common mistakes",
  explanation: [
    "The write-up ends with the mistakes people make most with this design. Three of them you can make here on purpose, watch go wrong, and undo:",
    "- **The same function as producer and consumer.** Attach the queue's trigger to the order API instead of the worker. It gets SQS events where it expects HTTP requests and answers “400, no body” — and a function that returns, whatever it returns, has succeeded, so Lambda deletes the message. Orders vanish without an error anywhere.\n- **A visibility timeout shorter than the worker's run time.** The order reappears while the worker is still busy with it, and a second invocation picks it up: the same order processed twice. Here the worker's transaction catches the duplicate; a plain insert would have stored it twice.\n- **A batch size above 1 while learning.** With batches of 5 (and a 2-second window to gather them), one bad message fails its whole batch when there are no partial batch responses: the good orders go back to the queue with it, are retried, and with a DLQ can end up there together.",
    "The other two are settled earlier: the queue is standard, not FIFO (“Create the queue”), and on AWS each function needs its own permissions — the producer only `sqs:SendMessage`, the worker `sqs:ReceiveMessage`, `sqs:DeleteMessage`, `sqs:GetQueueAttributes` and its DynamoDB writes. The check passes once everything is back to the lab's settings.",
  ].join("\n\n"),
  panel: MistakesPanel,
  actions: [
    panelAction(
      defineAction<CafeResources>({
        id: "wire-api-as-consumer",
        label: "Attach the trigger to the order API",
        tone: "danger",
        async run(context) {
          await requireOrdersQueue(context);
          const worker = await workerTrigger(context);
          if (worker?.state === "Enabled") await context.runtime.setMappingEnabled(worker.uuid, false);
          await context.runtime.ensureMapping("orderApi", "ordersQueue", { batchSize: 1, maximumBatchingWindowInSeconds: 0, functionResponseTypes: [], enabled: true });
          return { message: `The queue's trigger now invokes ${context.names.orderApi} instead of the worker.` };
        },
      }),
    ),
    panelAction(
      defineAction<CafeResources>({
        id: "unwire-api",
        label: "Give the trigger back to the worker",
        async run(context) {
          const wrong = await context.runtime.findMapping("orderApi", "ordersQueue");
          if (wrong) await context.runtime.deleteMapping(wrong.uuid);
          await enableWorkerTrigger(context);
          return { message: "Deleted the order API's trigger; the worker reads the queue again." };
        },
      }),
    ),
    panelAction(
      defineAction<CafeResources>({
        id: "shorten-visibility",
        label: `Visibility ${SHORT_VISIBILITY_SECONDS} s, worker ${SLOW_WORKER_SECONDS} s`,
        tone: "danger",
        async run(context) {
          await setVisibility(context, SHORT_VISIBILITY_SECONDS);
          await setWorkerVariable(context, "SLOW_SECONDS", String(SLOW_WORKER_SECONDS));
          return { message: `The queue hides an order for ${SHORT_VISIBILITY_SECONDS} s; the worker now takes ${SLOW_WORKER_SECONDS} s per order.` };
        },
      }),
    ),
    panelAction(
      defineAction<CafeResources>({
        id: "restore-visibility",
        label: "Put the timeout back",
        async run(context) {
          await setVisibility(context, VISIBILITY_TIMEOUT_SECONDS);
          await setWorkerVariable(context, "SLOW_SECONDS", null);
          return { message: `Visibility timeout ${VISIBILITY_TIMEOUT_SECONDS} s again; the worker is quick again.` };
        },
      }),
    ),
    panelAction(
      defineAction<CafeResources>({
        id: "big-batch-with-bad-message",
        label: `Batch of ${BIG_BATCH} with one bad message`,
        tone: "danger",
        async run(context) {
          const url = await requireOrdersQueue(context);
          await setBatching(context, BIG_BATCH, BATCH_WINDOW_SECONDS);
          const entries = [...Array.from({ length: BIG_BATCH - 1 }, (_, i) => JSON.stringify({ order_id: newOrderId(), ...randomOrder(`Batch mate ${i + 1}`, (i + 0.5) / BIG_BATCH) })), "this is not an order"];
          await context.aws.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries.map((body, i) => ({ Id: String(i), MessageBody: body })) }), { abortSignal: context.signal });
          return { message: `Batch size ${BIG_BATCH}, batching window ${BATCH_WINDOW_SECONDS} s; sent ${BIG_BATCH - 1} good orders and one message that is not JSON in one go.` };
        },
      }),
    ),
    panelAction(
      defineAction<CafeResources>({
        id: "restore-batch",
        label: "Batch size 1 again",
        async run(context) {
          await setBatching(context, 1);
          return { message: "Batch size 1 again: one order per invocation." };
        },
      }),
    ),
    panelAction(
      defineAction<CafeResources, typeof countParams>({
        id: "send-orders",
        label: "Send orders",
        params: countParams,
        async run(context, { count }) {
          const accepted = await sendOrders(context, count, "Mistake test");
          return { message: `Sent ${accepted} order${accepted === 1 ? "" : "s"}.` };
        },
      }),
    ),
    panelAction(
      defineAction<CafeResources>({
        id: "restore-all",
        label: "Put everything back",
        async run(context) {
          const wrong = await context.runtime.findMapping("orderApi", "ordersQueue");
          if (wrong) await context.runtime.deleteMapping(wrong.uuid);
          await setVisibility(context, VISIBILITY_TIMEOUT_SECONDS);
          await setWorkerVariable(context, "SLOW_SECONDS", null);
          if (await workerTrigger(context)) await setBatching(context, 1);
          await enableWorkerTrigger(context);
          return { message: "Only the worker reads the queue, with batch size 1; visibility 60 s; the worker is quick." };
        },
      }),
    ),
  ],
  async check(context) {
    const left: string[] = [];
    if (await context.runtime.findMapping("orderApi", "ordersQueue")) left.push("The queue's trigger still invokes the order API.");
    const url = await requireOrdersQueue(context);
    const visibility = Number((await queueAttributes(context, url)).VisibilityTimeout);
    if (visibility !== VISIBILITY_TIMEOUT_SECONDS) left.push(`The visibility timeout is ${visibility} s, not ${VISIBILITY_TIMEOUT_SECONDS} s.`);
    if ((await context.runtime.environment("orderWorker")).SLOW_SECONDS) left.push("The worker is still slowed down.");
    const trigger = await workerTrigger(context);
    if (!trigger) left.push("The worker has no trigger.");
    else if (trigger.config.batchSize !== 1) left.push(`The worker's batch size is ${trigger.config.batchSize}, not 1.`);
    else if (trigger.config.kind === "sqs" && trigger.config.maximumBatchingWindowInSeconds !== 0) left.push("The worker's trigger still waits to gather batches.");
    else if (trigger.state !== "Enabled") left.push("The worker's trigger is off.");
    return left.length
      ? { passed: false, reason: "Some of the mistakes are still in place: put them back (or use “Put everything back”).", details: left }
      : { passed: true, reason: "Everything is back to the lab's settings: one consumer, batch size 1, a visibility timeout well above the worker's run time." };
  },
  cli: (c) =>
    [
      `QUEUE_URL="$(aws sqs get-queue-url --queue-name ${c.names.ordersQueue} --query QueueUrl --output text)"`,
      "# Mistake 2: a visibility timeout shorter than the work",
      `aws sqs set-queue-attributes --queue-url "$QUEUE_URL" --attributes VisibilityTimeout=${SHORT_VISIBILITY_SECONDS}`,
      "# Mistake 3: bigger batches (on AWS)",
      "aws lambda update-event-source-mapping --uuid <uuid> --batch-size 5",
      "# Back to the lab's settings",
      `aws sqs set-queue-attributes --queue-url "$QUEUE_URL" --attributes VisibilityTimeout=${VISIBILITY_TIMEOUT_SECONDS}`,
      "aws lambda update-event-source-mapping --uuid <uuid> --batch-size 1",
    ].join("\n"),
  sdk: () =>
    [
      'import { SetQueueAttributesCommand } from "@aws-sdk/client-sqs";',
      'import { UpdateEventSourceMappingCommand } from "@aws-sdk/client-lambda";',
      "",
      `await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: "${VISIBILITY_TIMEOUT_SECONDS}" } }));`,
      "await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, BatchSize: 1 }));",
    ].join("\n"),
});
