import { z } from "zod";
import { PlainFailure } from "@/lib/aws/errors";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { WorkerPanel } from "../panels/worker-panel";
import { configureFunctions, scanOrders, sendOrder } from "../demo-run";
import type { NewOrder } from "../order";
import type { StreamsContext } from "../provision/context";
import { MAX_RECEIVE_COUNT, queueDepth, queueUrl, VISIBILITY_TIMEOUT_SECONDS } from "../provision/queues";
import type { StreamsResources } from "../resources";

export const SAMPLE_KINDS = {
  normal: { customerName: "Alice", product: "Wireless headphones", amount: 1499, notes: "" },
  high: { customerName: "Bo", product: "Server rack", amount: 25000, notes: "" },
  fail: { customerName: "Chen", product: "Desk lamp", amount: 49, notes: "FAIL: payment gateway timeout" },
} satisfies Record<string, NewOrder>;

export type SampleKind = keyof typeof SAMPLE_KINDS;

const sampleParams = z.object({ kind: z.enum(["normal", "high", "fail"]) }).strict();

export async function startOrderWorker(context: StreamsContext): Promise<void> {
  if (!(await queueUrl(context, "processingQueue"))) {
    throw new PlainFailure("QueueMissing", `${context.names.processingQueue} does not exist yet.`, "Run the two steps before this one first.");
  }
  await configureFunctions(context, ["orderWorker"]);
  await context.runtime.ensureMapping("orderWorker", "processingQueue", { batchSize: 1, maximumConcurrency: 2 });
}

export const orderWorkerStep = defineStep<StreamsResources>({
  id: "order-worker",
  title: "The order worker: three paths",
  explanation: [
    "**OrderWorkerFunction** takes orders from the processing queue, one message per invocation, and settles each by three rules:",
    "- **Technical failure**: notes containing `FAIL` stand for a payment gateway that timed out. The function notes the attempt on the order (`attempts`, `lastError`) and throws. Lambda does not delete the message, SQS shows it again after 30 s, and after the third failed receive it moves to the DLQ. Trying again is right here: a timeout may be gone next time.",
    "- **Business rule**: an amount above 10,000 cannot be completed automatically. The function sets `status` FAILED with a `failureReason` and returns normally, so the message is deleted. Retrying would fail the same way three times and bury a perfectly readable decision in the DLQ.",
    "- **Success**: anything else becomes COMPLETED with `completedAt`.",
    "The update only applies to PENDING orders (a condition on the write). SQS delivers at least once, so the same message can arrive twice; the second time the condition fails and nothing changes.",
    "Why one message per invocation? A thrown error fails the whole batch: with ten orders in a batch, one FAIL order would send the other nine round again. Larger batches need `ReportBatchItemFailures`, where the function names only the messages that failed.",
    "Start the worker, then send one order of each kind and follow the three paths on the diagram and in the table. The FAIL order needs three receives 30 s apart: fast-forward the local cloud's clock, or wait about a minute and a half on AWS.",
  ].join("\n\n"),
  actions: [
    defineAction<StreamsResources>({
      id: "start-worker",
      label: "Start the worker",
      panelOnly: true,
      async run(context) {
        await startOrderWorker(context);
        return { message: `${context.names.orderWorker} reads ${context.names.processingQueue}, one message at a time, at most 2 at once.` };
      },
    }),
    defineAction<StreamsResources>({
      id: "send-one-of-each",
      label: "Send one order of each kind",
      panelOnly: true,
      tone: "secondary",
      async run(context) {
        const sent = [];
        for (const kind of Object.keys(SAMPLE_KINDS) as SampleKind[]) sent.push(await sendOrder(context, SAMPLE_KINDS[kind]));
        return { message: `Sent ${sent.length} orders: ${sent.map((o) => `${o.amount}${o.notes.includes("FAIL") ? " (FAIL)" : ""}`).join(", ")}.`, data: { orderIds: sent.map((o) => o.orderId) } };
      },
    }),
    defineAction<StreamsResources, typeof sampleParams>({
      id: "send-sample",
      label: "Send a sample order",
      panelOnly: true,
      params: sampleParams,
      async run(context, params) {
        const order = await sendOrder(context, SAMPLE_KINDS[params.kind]);
        return { message: `Sent order ${order.orderId} (${order.amount}${params.kind === "fail" ? ", notes contain FAIL" : ""}).`, data: { orderId: order.orderId } };
      },
    }),
  ],
  panel: WorkerPanel,
  async check(context) {
    const mapping = await context.runtime.findMapping("orderWorker", "processingQueue");
    if (!mapping || mapping.state !== "Enabled") return { passed: false, reason: "The worker is not running: start it with the first button." };
    const orders = await scanOrders(context, 2000);
    const completed = orders.filter((o) => o.status === "COMPLETED").length;
    const failed = orders.filter((o) => o.status === "FAILED" && o.failureReason).length;
    const dlq = (await queueDepth(context, "processingDlq"))?.total ?? 0;
    const missing = [
      completed === 0 ? "no order is COMPLETED yet (send an ordinary one)" : null,
      failed === 0 ? "no order is FAILED with a reason yet (send one above 10,000)" : null,
      dlq === 0
        ? `nothing has reached ${context.names.processingDlq} yet (a FAIL order needs ${MAX_RECEIVE_COUNT} failed receives ${VISIBILITY_TIMEOUT_SECONDS} s apart: fast-forward or wait, then check again)`
        : null,
    ].filter((m): m is string => m !== null);
    if (missing.length) return { passed: false, reason: `Not all three paths are visible yet: ${missing[0]}.`, details: missing.slice(1) };
    return { passed: true, reason: `All three paths seen: ${completed} completed, ${failed} failed by the business rule, ${dlq} in the DLQ after retries.` };
  },
  cli: (c) =>
    [
      `QUEUE_ARN=$(aws sqs get-queue-attributes --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.processingQueue} --query QueueUrl --output text)" --attribute-names QueueArn --query Attributes.QueueArn --output text)`,
      `aws lambda update-function-configuration --function-name ${c.names.orderWorker} --environment "Variables={ORDERS_TABLE=${c.names.ordersTable}}"`,
      `aws lambda create-event-source-mapping --function-name ${c.names.orderWorker} \\`,
      '  --event-source-arn "$QUEUE_ARN" --batch-size 1 --scaling-config MaximumConcurrency=2',
      "",
      "# Where did the FAIL order go? (Receiving from the DLQ is a receive too.)",
      `aws sqs receive-message --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.processingDlq} --query QueueUrl --output text)" --attribute-names ApproximateReceiveCount`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { UpdateCommand } from "@aws-sdk/lib-dynamodb";',
      "",
      "// handlers/order-worker.ts, in short (batch size 1):",
      "export const handler = async (event) => {",
      "  for (const record of event.Records) {",
      "    const order = JSON.parse(record.body);",
      '    if (order.notes?.includes("FAIL")) throw new Error("Simulated technical failure");   // retried, then the DLQ',
      "    const high = order.amount > 10000;",
      "    await documents.send(new UpdateCommand({",
      `      TableName: "${c.names.ordersTable}", Key: { orderId: order.orderId },`,
      '      UpdateExpression: high ? "SET #s = :s, failureReason = :r" : "SET #s = :s, completedAt = :at",',
      '      ConditionExpression: "#s = :pending",                                          // a second delivery changes nothing',
      '      ExpressionAttributeNames: { "#s": "status" },',
      '      ExpressionAttributeValues: { ":s": high ? "FAILED" : "COMPLETED", ":pending": "PENDING", ...(high ? { ":r": "Amount above 10000" } : { ":at": new Date().toISOString() }) },',
      "    }));",
      "  }",
      "};",
    ].join("\n"),
});
