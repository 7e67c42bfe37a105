/**
 * Step 6: the Kinesis producer puts analytics events on the stream; the page shows which shard
 * took each record, and why: the MD5 of its partition key falls in that shard's hash key range.
 */
import { z } from "zod";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { routePartitionKey } from "@/lib/lab-framework/inspect/stream/partition-key-hash";
import { readKinesisStream } from "@/lib/lab-framework/inspect/stream/read-kinesis-stream";
import type { HashKeyRange } from "@/lib/lab-framework/inspect/stream/hash-key-space";
import { PlainFailure } from "@/lib/aws/errors";
import { callProducer, configureKinesisProducer, producerFailure } from "../functions";
import type { KinesisProducerReply, PutEventRecord } from "../handlers/kinesis-producer";
import { KinesisProducerPanel } from "../panels/kinesis-producer-panel";
import { describeStream } from "../provision";
import type { KinesisLabContext, KinesisLabResources } from "../resources";
import { EVENT_TYPES, KINESIS_EVENT_LIMIT } from "../settings";

export const putEventsParams = z
  .object({
    eventType: z.enum(EVENT_TYPES).default("user_activity"),
    eventCount: z.number().int("Put a whole number of events.").min(KINESIS_EVENT_LIMIT.min).max(KINESIS_EVENT_LIMIT.max, `Put at most ${KINESIS_EVENT_LIMIT.max} events at once (one PutRecords call).`).default(10),
  })
  .strict();

export interface RoutedRecord extends PutEventRecord {
  md5: string;
  hashKey: string;
  range: HashKeyRange | null;
  /** The shard the MD5 says, which is the one Kinesis answered (unless an explicit hash key was used). */
  predictedShardId: string | null;
}

export interface PutEventsResult {
  message: string;
  streamName: string;
  eventType: string;
  records: RoutedRecord[];
  failed: KinesisProducerReply["failed"];
}

/** Puts events through the producer; answers its reply with each record's routing explained. */
export async function putEvents(context: KinesisLabContext, params: z.output<typeof putEventsParams>): Promise<PutEventsResult> {
  const stream = await describeStream(context);
  if (!stream || stream.summary.StreamStatus !== "ACTIVE") {
    throw new PlainFailure("StreamNotActive", `${context.names.analyticsStream} is ${stream ? stream.summary.StreamStatus?.toLowerCase() : "missing"}, not active.`, "Create it in step 3 and wait until it is ACTIVE.", "not-found");
  }
  await configureKinesisProducer(context);
  const { statusCode, body } = await callProducer<KinesisProducerReply>(context, "kinesisProducer", "/events", params);
  if (statusCode !== 200) throw producerFailure(context, "kinesisProducer", statusCode, body.error);
  return {
    ...body,
    records: body.records.map((record) => {
      const routing = routePartitionKey(record.partitionKey, stream.shards);
      const shard = stream.shards.find((s) => s.shardId === record.shardId);
      return { ...record, md5: routing.md5, hashKey: routing.hashKey, range: shard?.hashKeyRange ?? null, predictedShardId: routing.shardId ?? null };
    }),
  };
}

export const kinesisProducerStep = defineStep<KinesisLabResources>({
  id: "kinesis-producer",
  title: "Put events on the stream",
  explanation: [
    "The Kinesis producer sits behind `POST /events` and makes `eventCount` events of one type: `user_activity` (keyed by `userId`), `transaction` (keyed by `customerId`) or `system_metric` (keyed by `hostname`). The key is the record's **partition key**.",
    "Kinesis hashes the partition key with MD5 and stores the record in the shard whose hash key range holds the 128-bit result. Each record's answer names its shard and a **sequence number** that grows within the shard. The same key always lands on the same shard, so all records of one user stay in order; records of different shards have no order between them.",
    "The producer puts up to 500 records in one `PutRecords` call. That call is not all-or-nothing: it can refuse some records (say, when a shard's write limit is hit) and accept the rest, so the producer puts the refused ones again once and reports what still failed.",
    "No consumer reads the stream yet. The records stay in it for 24 hours anyway: a stream is not emptied by reading.",
  ].join("\n\n"),
  actions: [
    defineAction<KinesisLabResources, typeof putEventsParams>({
      id: "put-events",
      label: "Put events",
      params: putEventsParams,
      panelOnly: true,
      async run(context, params) {
        const result = await putEvents(context, params);
        const perShard = new Map<string, number>();
        for (const r of result.records) perShard.set(r.shardId, (perShard.get(r.shardId) ?? 0) + 1);
        const split = [...perShard].sort().map(([shard, n]) => `${n} to ${shard}`).join(", ");
        return { message: `${result.message} ${split}.`, data: JSON.parse(JSON.stringify(result)) };
      },
    }),
  ],
  async check(context) {
    const view = await readKinesisStream(context, context.names.analyticsStream, { limit: 1 });
    if (view.status === "MISSING") return { passed: false, reason: `${context.names.analyticsStream} does not exist yet: run step 3 first.` };
    if (view.status !== "ACTIVE") return { passed: false, reason: `${context.names.analyticsStream} is ${view.status.toLowerCase()}, not active yet.` };
    const perShard = view.shards.map((s) => `${s.shardId}: ${s.recordCount}${s.more ? "+" : ""} records`);
    const total = view.shards.reduce((sum, s) => sum + s.recordCount, 0);
    return total > 0
      ? { passed: true, reason: `The stream holds ${total}${view.shards.some((s) => s.more) ? "+" : ""} records.`, details: perShard }
      : { passed: false, reason: "The stream holds no records yet: put some events." };
  },
  cli: (c) =>
    [
      `aws kinesis put-record --stream-name ${c.names.analyticsStream} \\`,
      "  --partition-key USER-3A7F1C20 --cli-binary-format raw-in-base64-out \\",
      "  --data '{\"eventType\":\"user_activity\",\"userId\":\"USER-3A7F1C20\",\"action\":\"click\",\"page\":\"/cart\"}'",
      "# The answer names the shard and the sequence number:",
      '# { "ShardId": "shardId-000000000001", "SequenceNumber": "4963..." }',
      "# Which shard a key goes to: the MD5 of the key, read as a 128-bit number",
      "echo -n USER-3A7F1C20 | md5sum",
    ].join("\n"),
  sdk: () =>
    [
      'import { KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";',
      "",
      "const kinesis = new KinesisClient({});",
      "const result = await kinesis.send(new PutRecordsCommand({",
      "  StreamName: process.env.STREAM_NAME,",
      "  Records: events.map(({ event, partitionKey }) => ({",
      "    PartitionKey: partitionKey,",
      "    Data: new TextEncoder().encode(JSON.stringify(event)),",
      "  })),",
      "}));",
      "// Not all-or-nothing: put the entries with an ErrorCode again.",
      "const refused = result.Records.filter((r) => r.ErrorCode);",
      'import { createHash } from "node:crypto";',
      'const hashKey = BigInt("0x" + createHash("md5").update(partitionKey).digest("hex"));',
    ].join("\n"),
  panel: KinesisProducerPanel,
});
