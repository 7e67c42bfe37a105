/**
 * Step 9: the same amount of traffic through both paths at once, measured, next to the
 * write-up's comparison table.
 */
import { randomUUID } from "node:crypto";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { PlainFailure } from "@/lib/aws/errors";
import { cloudNow } from "@/lib/lab-framework/inspect/metric-graphs";
import { sqsBatches, streamActivity } from "../activity";
import { measureComparison } from "../comparison";
import { latestComparisonRun, rememberComparisonRun } from "../comparison-runs";
import { ComparePanel } from "../panels/compare-panel";
import type { KinesisLabResources } from "../resources";
import { COMPARISON_SIZE } from "../settings";
import { putEvents } from "./kinesis-producer";
import { queueTriggerProblems } from "./queue-processor";
import { sendOrders } from "./sqs-producer";
import { streamTriggerProblems } from "./stream-processor";

export const COMPARISON_MESSAGE_TYPE = "ComparisonRun";

export const compareStep = defineStep<KinesisLabResources>({
  id: "compare",
  title: "Compare them side by side",
  explanation: [
    `One click sends **${COMPARISON_SIZE} orders** to the queue and **${COMPARISON_SIZE} events** to the stream, and the table fills in from what the processors log: how many got through, how fast, how long each waited between being sent and being processed, in what order, and what had to be tried again.`,
    "What to look for:",
    "- **Throughput**: the queue path is bound by the processor's work (1–2 s per order, five per batch, two batches at a time). The stream path does little work per record and runs one batch per shard at a time; more shards, more parallel batches.",
    "- **Ordering**: a standard queue promises no order, and two batches run at once, so some orders finish before orders sent earlier. A stream keeps order **per partition key** (per shard), never across shards.",
    "- **Failures**: the queue retries one message at a time and parks it in the DLQ; the stream retries a whole batch and holds its shard meanwhile.",
    "The write-up's own table is below the measurements, with the points where it needs a correction.",
  ].join("\n\n"),
  actions: [
    defineAction<KinesisLabResources>({
      id: "run-comparison",
      label: `Send ${COMPARISON_SIZE} orders and ${COMPARISON_SIZE} events`,
      panelOnly: true,
      async run(context) {
        const [queueProblems, streamProblems] = await Promise.all([queueTriggerProblems(context), streamTriggerProblems(context)]);
        if (queueProblems.length) throw new PlainFailure("QueueTriggerOff", `The queue's trigger is not ready: ${queueProblems[0]}`, "Turn it on in step 5, then run the comparison.");
        if (streamProblems.length) throw new PlainFailure("StreamTriggerOff", `The stream's trigger is not ready: ${streamProblems[0]}`, "Turn it on in step 7, then run the comparison.");
        const cloudStartedAt = await cloudNow(context);
        const orders = await sendOrders(context, { messageType: COMPARISON_MESSAGE_TYPE, batchSize: COMPARISON_SIZE, simulateFailure: false });
        const events = await putEvents(context, { eventType: "user_activity", eventCount: COMPARISON_SIZE });
        const run = {
          id: randomUUID(),
          startedAt: new Date().toISOString(),
          cloudStartedAt,
          sqs: orders.messages.map((m) => ({ messageId: m.messageId, orderId: m.orderId })),
          kinesis: events.records.map((r) => ({ sequenceNumber: r.sequenceNumber, partitionKey: r.partitionKey, shardId: r.shardId })),
        };
        rememberComparisonRun(context, run);
        const keys = new Set(run.kinesis.map((r) => r.partitionKey)).size;
        return { message: `Sent ${run.sqs.length} orders and put ${run.kinesis.length} events (${keys} partition keys); the table fills in as they are processed.`, data: { id: run.id } };
      },
    }),
  ],
  async check(context) {
    const run = latestComparisonRun(context);
    if (!run) return { passed: false, reason: "No comparison has run yet (or the server restarted since): run it." };
    const lines = await context.runtime.logs();
    const activity = streamActivity(lines, context.names.streamProcessor, 5000);
    const view = measureComparison(run, sqsBatches(lines, context.names.queueProcessor, 5000), activity.batches, activity.skipped);
    if (!view.done) {
      return {
        passed: false,
        reason: `Still processing: ${view.sqs.processed} of ${view.sqs.sent} orders and ${view.kinesis.processed} of ${view.kinesis.sent} events so far.`,
      };
    }
    return {
      passed: true,
      reason: `Both paths processed everything: SQS ${view.sqs.perSecond ?? "?"} orders/s, Kinesis ${view.kinesis.perSecond ?? "?"} events/s.`,
      details: [
        `Median wait: SQS ${view.sqs.latency?.median ?? "?"} ms, Kinesis ${view.kinesis.latency?.median ?? "?"} ms.`,
        `Out of order: SQS ${view.sqs.outOfOrder} of ${view.sqs.processed} orders; Kinesis ${view.kinesis.outOfOrder} of ${view.kinesis.keys} partition keys.`,
      ],
    };
  },
  cli: (c) =>
    [
      "# 50 orders through the queue (the producer sends them ten per SendMessageBatch call)",
      "curl -X POST https://<sqs-api-id>.execute-api.<region>.amazonaws.com/prod/messages \\",
      `  -H 'Content-Type: application/json' -d '{"messageType":"${COMPARISON_MESSAGE_TYPE}","batchSize":${COMPARISON_SIZE}}'`,
      "# 50 events through the stream (one PutRecords call)",
      "curl -X POST https://<kinesis-api-id>.execute-api.<region>.amazonaws.com/prod/events \\",
      `  -H 'Content-Type: application/json' -d '{"eventType":"user_activity","eventCount":${COMPARISON_SIZE}}'`,
      "# Then read both processors' logs, for example with CloudWatch Logs Insights:",
      `aws logs start-query --log-group-names /aws/lambda/${c.names.queueProcessor} /aws/lambda/${c.names.streamProcessor} \\`,
      "  --start-time $(date -d '-15 min' +%s) --end-time $(date +%s) \\",
      "  --query-string 'fields @timestamp, action, details.size | filter action in [\"batch_processed\", \"analytics_batch\"] | sort @timestamp'",
    ].join("\n"),
  sdk: () =>
    [
      'import type { SQSRecord, KinesisStreamRecord } from "aws-lambda";',
      'import { SQSClient, SendMessageBatchCommand } from "@aws-sdk/client-sqs";',
      'import { KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";',
      "",
      "// Latency per item: when the processor finished it, minus when the service accepted it.",
      "// SQS: record.attributes.SentTimestamp (epoch ms, as a string)",
      "const sqsWait = Date.now() - Number(record.attributes.SentTimestamp);",
      "// Kinesis: record.kinesis.approximateArrivalTimestamp (epoch seconds, with a fraction)",
      "const kinesisWait = Date.now() - record.kinesis.approximateArrivalTimestamp * 1000;",
    ].join("\n"),
  panel: ComparePanel,
});
