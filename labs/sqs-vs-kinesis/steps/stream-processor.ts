/**
 * Step 7: the stream processor behind a Kinesis trigger: running analytics per batch, and what
 * one unreadable record does to its shard (the batch is retried, the shard waits, then the whole
 * batch is skipped).
 */
import { PutRecordCommand } from "@aws-sdk/client-kinesis";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { routePartitionKey } from "@/lib/lab-framework/inspect/stream/partition-key-hash";
import { streamActivity } from "../activity";
import { describeMapping } from "../functions";
import { USERS } from "../handlers/analytics-events";
import { StreamProcessorPanel } from "../panels/stream-processor-panel";
import { describeStream } from "../provision";
import type { KinesisLabContext, KinesisLabResources } from "../resources";
import { STREAM_TRIGGER } from "../settings";
import { putEvents } from "./kinesis-producer";

export const BAD_RECORD_KEY = USERS[0];
export const BAD_RECORD_DATA = "order=42;status=oops (not JSON)";

export async function streamTriggerProblems(context: KinesisLabContext): Promise<string[]> {
  const mapping = await context.runtime.findMapping("streamProcessor", "analyticsStream");
  if (!mapping) return ["The stream has no trigger yet: turn it on."];
  const c = mapping.config;
  if (c.kind !== "kinesis") return ["The trigger does not read the stream."];
  const problems: string[] = [];
  if (mapping.state !== "Enabled") problems.push("The trigger is disabled.");
  if (c.batchSize !== STREAM_TRIGGER.batchSize) problems.push(`Batch size is ${c.batchSize}, not ${STREAM_TRIGGER.batchSize}.`);
  if (c.maximumBatchingWindowInSeconds !== STREAM_TRIGGER.maximumBatchingWindowInSeconds) problems.push(`The batching window is ${c.maximumBatchingWindowInSeconds} s, not ${STREAM_TRIGGER.maximumBatchingWindowInSeconds} s.`);
  if (c.startingPosition !== STREAM_TRIGGER.startingPosition) problems.push(`It starts at ${c.startingPosition}, not ${STREAM_TRIGGER.startingPosition}.`);
  if (c.maximumRetryAttempts !== STREAM_TRIGGER.maximumRetryAttempts) problems.push(`It retries ${c.maximumRetryAttempts} times, not ${STREAM_TRIGGER.maximumRetryAttempts}.`);
  if (c.bisectBatchOnFunctionError) problems.push("It splits failed batches; this step leaves that off.");
  return problems;
}

export const streamProcessorStep = defineStep<KinesisLabResources>({
  id: "stream-processor",
  title: "Process the stream shard by shard",
  explanation: [
    `The Kinesis trigger reads **each shard on its own**, in order, and calls the processor with up to **${STREAM_TRIGGER.batchSize} records** of one shard, waiting up to ${STREAM_TRIGGER.maximumBatchingWindowInSeconds} s to fill a batch. It starts at **LATEST**: only records put after the trigger exists are read, so the events of step 6 are not. Reading deletes nothing; another consumer could read the same records.`,
    "Each batch is summarised (events by type, active users, transactions by status with their average, metric averages and maxima, alerts above 80 % CPU or 90 % memory) and the panel adds the summaries up into running totals.",
    `Now put a record that is not JSON. The processor cannot read it and fails the **whole** invocation. A stream has no visibility timeout and no DLQ: the trigger calls again with the same batch, ${STREAM_TRIGGER.maximumRetryAttempts} more times, and everything behind it in that shard **waits**, while the other shard carries on. When the retries run out the batch is skipped: the good records in it are lost too.`,
    "Kinesis triggers do support `ReportBatchItemFailures` (return the failed record's sequence number, and the shard resumes from there) and splitting a failing batch in two (`BisectBatchOnFunctionError`); either keeps the good records. This step leaves both off to show the default.",
  ].join("\n\n"),
  actions: [
    defineAction<KinesisLabResources>({
      id: "connect-processor",
      checkAfter: false,
      label: "Turn on the Kinesis trigger",
      async run(context) {
        const mapping = await context.runtime.ensureMapping("streamProcessor", "analyticsStream", { ...STREAM_TRIGGER, enabled: true });
        return { message: `${context.names.streamProcessor} reads ${context.names.analyticsStream}: ${describeMapping(mapping)}.` };
      },
    }),
    defineAction<KinesisLabResources>({
      id: "put-mixed-events",
      checkAfter: false,
      label: "Put 30 events, 10 of each type",
      tone: "secondary",
      async run(context) {
        let count = 0;
        for (const eventType of ["user_activity", "transaction", "system_metric"] as const) count += (await putEvents(context, { eventType, eventCount: 10 })).records.length;
        return { message: `Put ${count} events on ${context.names.analyticsStream}; the processor reads them within seconds.` };
      },
    }),
    defineAction<KinesisLabResources>({
      id: "put-bad-record",
      checkAfter: false,
      label: "Put a record that is not JSON, then 10 good ones",
      tone: "secondary",
      async run(context) {
        const stream = await describeStream(context);
        const { ShardId = "", SequenceNumber = "" } = await context.aws.kinesis.send(
          new PutRecordCommand({ StreamName: context.names.analyticsStream, PartitionKey: BAD_RECORD_KEY, Data: new TextEncoder().encode(BAD_RECORD_DATA) }),
          { abortSignal: context.signal },
        );
        const good = await putEvents(context, { eventType: "user_activity", eventCount: 10 });
        const behind = good.records.filter((r) => r.shardId === ShardId).length;
        const routed = routePartitionKey(BAD_RECORD_KEY, stream?.shards ?? []);
        return {
          message: `Put the bad record in ${ShardId} (key ${BAD_RECORD_KEY}, MD5 ${routed.md5.slice(0, 8)}…), then 10 good events: ${behind} of them wait behind it in the same shard.`,
          data: { shardId: ShardId, sequenceNumber: SequenceNumber, goodBehind: behind },
        };
      },
    }),
  ],
  async check(context) {
    const problems = await streamTriggerProblems(context);
    if (problems.length) return { passed: false, reason: problems[0], details: problems.slice(1) };
    const activity = streamActivity(await context.runtime.logs({ filter: { function: context.names.streamProcessor } }), context.names.streamProcessor, 500);
    if (activity.analytics.records === 0) return { passed: false, reason: "The processor has not summarised a batch yet: put events after turning the trigger on (it reads from LATEST)." };
    if (!activity.skipped.length) {
      return {
        passed: false,
        reason: activity.failedInvocations
          ? `A batch failed ${activity.failedInvocations} time${activity.failedInvocations === 1 ? "" : "s"} and is still being retried: wait for the retries to run out.`
          : "Analytics are running. Now put a record that is not JSON, and watch its shard wait.",
        details: [`${activity.analytics.records} events summarised so far.`],
      };
    }
    const skipped = activity.skipped[0];
    return {
      passed: true,
      reason: `${activity.analytics.records} events summarised; a failing batch of ${skipped.count} records in ${skipped.shardId} was retried ${STREAM_TRIGGER.maximumRetryAttempts} times and skipped.`,
    };
  },
  cli: (c) =>
    [
      `STREAM_ARN=$(aws kinesis describe-stream-summary --stream-name ${c.names.analyticsStream} --query StreamDescriptionSummary.StreamARN --output text)`,
      `aws lambda create-event-source-mapping --function-name ${c.names.streamProcessor} \\`,
      '  --event-source-arn "$STREAM_ARN" --starting-position LATEST \\',
      `  --batch-size ${STREAM_TRIGGER.batchSize} --maximum-batching-window-in-seconds ${STREAM_TRIGGER.maximumBatchingWindowInSeconds} \\`,
      `  --maximum-retry-attempts ${STREAM_TRIGGER.maximumRetryAttempts} --maximum-record-age-in-seconds ${STREAM_TRIGGER.maximumRecordAgeInSeconds} \\`,
      "  --no-bisect-batch-on-function-error",
      "# A record the processor cannot read:",
      `aws kinesis put-record --stream-name ${c.names.analyticsStream} --partition-key ${BAD_RECORD_KEY} \\`,
      `  --cli-binary-format raw-in-base64-out --data '${BAD_RECORD_DATA}'`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { LambdaClient, CreateEventSourceMappingCommand } from "@aws-sdk/client-lambda";',
      "",
      `const lambda = new LambdaClient({ region: "${c.region}" });`,
      "await lambda.send(new CreateEventSourceMappingCommand({",
      `  FunctionName: "${c.names.streamProcessor}",`,
      "  EventSourceArn: streamArn,",
      '  StartingPosition: "LATEST",',
      `  BatchSize: ${STREAM_TRIGGER.batchSize},`,
      `  MaximumBatchingWindowInSeconds: ${STREAM_TRIGGER.maximumBatchingWindowInSeconds},`,
      `  MaximumRetryAttempts: ${STREAM_TRIGGER.maximumRetryAttempts},`,
      `  MaximumRecordAgeInSeconds: ${STREAM_TRIGGER.maximumRecordAgeInSeconds},`,
      "  BisectBatchOnFunctionError: false,",
      "}));",
      "",
      "// To keep the good records of a failing batch instead, add",
      '//   FunctionResponseTypes: ["ReportBatchItemFailures"]',
      "// and return { batchItemFailures: [{ itemIdentifier: record.kinesis.sequenceNumber }] }.",
    ].join("\n"),
  panel: StreamProcessorPanel,
});
