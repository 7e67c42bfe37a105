/**
 * Step 3: the two-shard stream, and how its hash key space is split between the shards.
 */
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { describeStream, ensureStream, streamProblems } from "../provision";
import { StreamPanel } from "../panels/stream-panel";
import type { KinesisLabResources } from "../resources";
import { SHARD_COUNT, STREAM_RETENTION_HOURS } from "../settings";

export const streamStep = defineStep<KinesisLabResources>({
  id: "stream",
  title: "Create the two-shard stream",
  explanation: [
    "A Kinesis stream is an ordered log, not a queue: readers do not delete records, every reader can read every record, and a record stays until its retention ends (here 24 hours, the minimum; up to 365 days).",
    `The stream is split into **shards**. Each takes 1 MB or 1,000 records a second in and 2 MB a second out, and in **provisioned** mode you choose how many (here ${SHARD_COUNT}). Each shard owns a range of the **hash key space**, the numbers from 0 to 2^128 − 1: Kinesis hashes a record's partition key with MD5 and puts the record in the shard whose range holds the result. Two shards split the space in half.`,
    "Creating a stream takes a while: it is `CREATING` until its shards exist, then `ACTIVE`, and only then does it take records. The panel shows its ranges once it is active; type any partition key to see where it would go.",
  ].join("\n\n"),
  actions: [
    defineAction<KinesisLabResources>({
      id: "create-stream",
      label: "Create the stream",
      async run(context) {
        const result = await ensureStream(context);
        const name = context.names.analyticsStream;
        if (result.created) return { message: `Asked Kinesis to create ${name} with ${SHARD_COUNT} shards; it is CREATING.` };
        return { message: [`${name} already exists (${result.status.toLowerCase()}).`, ...result.notes].join(" ") };
      },
    }),
  ],
  async check(context) {
    const info = await describeStream(context);
    const problems = streamProblems(info, context.names.analyticsStream);
    if (problems.length) return { passed: false, reason: problems[0], details: problems.slice(1) };
    return {
      passed: true,
      reason: `${context.names.analyticsStream} is active with ${SHARD_COUNT} provisioned shards and ${STREAM_RETENTION_HOURS} h retention.`,
      details: info?.shards.map((s) => `${s.shardId}: hash keys ${s.hashKeyRange.start} – ${s.hashKeyRange.end}`),
    };
  },
  cli: (c) =>
    [
      `aws kinesis create-stream --stream-name ${c.names.analyticsStream} \\`,
      `  --shard-count ${SHARD_COUNT} --stream-mode-details StreamMode=PROVISIONED`,
      `aws kinesis add-tags-to-stream --stream-name ${c.names.analyticsStream} \\`,
      `  --tags Project=ServerlessLab,Lab=${c.labId},Student=${c.prefix}`,
      `aws kinesis wait stream-exists --stream-name ${c.names.analyticsStream}`,
      `aws kinesis list-shards --stream-name ${c.names.analyticsStream} \\`,
      "  --query 'Shards[].[ShardId,HashKeyRange.StartingHashKey,HashKeyRange.EndingHashKey]' --output table",
    ].join("\n"),
  sdk: (c) =>
    [
      'import { KinesisClient, CreateStreamCommand, ListShardsCommand, waitUntilStreamExists } from "@aws-sdk/client-kinesis";',
      "",
      `const kinesis = new KinesisClient({ region: "${c.region}" });`,
      "await kinesis.send(new CreateStreamCommand({",
      `  StreamName: "${c.names.analyticsStream}",`,
      `  ShardCount: ${SHARD_COUNT},`,
      '  StreamModeDetails: { StreamMode: "PROVISIONED" },',
      `  Tags: { Project: "ServerlessLab", Lab: "${c.labId}", Student: "${c.prefix}" },`,
      "}));",
      `await waitUntilStreamExists({ client: kinesis, maxWaitTime: 300 }, { StreamName: "${c.names.analyticsStream}" });`,
      `const { Shards } = await kinesis.send(new ListShardsCommand({ StreamName: "${c.names.analyticsStream}" }));`,
      "// Shards[i].HashKeyRange: { StartingHashKey, EndingHashKey }",
    ].join("\n"),
  panel: StreamPanel,
});
