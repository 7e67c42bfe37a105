/**
 * The Kinesis producer behind `POST /events`: puts `eventCount` events of one type on the stream
 * in one PutRecords call, keyed by user, customer or host, and answers which shard took each
 * record. PutRecords is not all-or-nothing: records it refuses (throttling, say) are put again
 * once, and whatever still fails is listed. Deployable to Lambda as it is (`handler`, with
 * STREAM_NAME in the function's environment).
 *
 *   { "eventType": "user_activity", "eventCount": 15 }
 */
import { KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from "@aws-sdk/client-kinesis";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import { EVENT_TYPES, KINESIS_EVENT_LIMIT, type EventType } from "../settings";
import { buildEvents, type KeyedEvent, type Random } from "./analytics-events";
import { errorMessage, readJsonBody, reply, wholeNumber } from "./api-response";

export interface KinesisProducerDeps {
  kinesis: KinesisClient;
  /** The stream's name (the function's STREAM_NAME variable). */
  streamName: string | undefined;
  random?: Random;
  now?: () => Date;
}

export interface PutEventRecord {
  eventType: EventType;
  partitionKey: string;
  shardId: string;
  sequenceNumber: string;
}

export interface KinesisProducerReply {
  message: string;
  streamName: string;
  eventType: EventType;
  records: PutEventRecord[];
  failed: Array<{ partitionKey: string; code: string; reason: string }>;
}

const encoder = new TextEncoder();

export function createKinesisProducer(deps: KinesisProducerDeps) {
  return async function kinesisProducer(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    const body = readJsonBody(event);
    if (!body.ok) return body.response;
    const { eventType = "user_activity", eventCount: rawCount } = body.value;
    if (typeof eventType !== "string" || !(EVENT_TYPES as readonly string[]).includes(eventType)) {
      return reply(400, { error: `Unsupported event type ${JSON.stringify(eventType)}: use ${EVENT_TYPES.join(", ")}.` });
    }
    const eventCount = wholeNumber(rawCount, "eventCount", 10, KINESIS_EVENT_LIMIT.min, KINESIS_EVENT_LIMIT.max);
    if (typeof eventCount === "string") return reply(400, { error: eventCount });
    if (!deps.streamName) return reply(500, { error: "STREAM_NAME is not set: give the function the stream's name in its environment." });

    const type = eventType as EventType;
    const events = buildEvents(type, eventCount, deps.random ?? Math.random, (deps.now ?? (() => new Date()))());
    const placed: Array<PutEventRecord | undefined> = new Array(events.length);
    let pending: Array<{ index: number; keyed: KeyedEvent }> = events.map((keyed, index) => ({ index, keyed }));
    let failed: KinesisProducerReply["failed"] = [];
    try {
      for (let attempt = 0; attempt < 2 && pending.length; attempt++) {
        const entries: PutRecordsRequestEntry[] = pending.map(({ keyed }) => ({ PartitionKey: keyed.partitionKey, Data: encoder.encode(JSON.stringify(keyed.event)) }));
        const result = await deps.kinesis.send(new PutRecordsCommand({ StreamName: deps.streamName, Records: entries }));
        const again: typeof pending = [];
        failed = [];
        (result.Records ?? []).forEach((entry, i) => {
          const { index, keyed } = pending[i];
          if (entry.ErrorCode) {
            again.push(pending[i]);
            failed.push({ partitionKey: keyed.partitionKey, code: entry.ErrorCode, reason: entry.ErrorMessage ?? "" });
          } else {
            placed[index] = { eventType: type, partitionKey: keyed.partitionKey, shardId: entry.ShardId ?? "", sequenceNumber: entry.SequenceNumber ?? "" };
          }
        });
        pending = again;
      }
    } catch (error) {
      structuredLog({ trace_id: deps.streamName, action: "events_put", status: "error", details: { eventType: type, error: errorMessage(error) } });
      return reply(500, { error: `Could not put records on Kinesis: ${errorMessage(error)}` });
    }
    const records = placed.filter((r) => r !== undefined);
    const perShard: Record<string, number> = {};
    for (const r of records) perShard[r.shardId] = (perShard[r.shardId] ?? 0) + 1;
    structuredLog({
      trace_id: records[0]?.sequenceNumber ?? deps.streamName,
      action: "events_put",
      status: failed.length ? "warning" : "success",
      details: { eventType: type, put: records.length, failed: failed.length, perShard },
    });
    const answer: KinesisProducerReply = {
      message: failed.length ? `Put ${records.length} of ${events.length} records on Kinesis.` : `Put ${records.length} record${records.length === 1 ? "" : "s"} on Kinesis.`,
      streamName: deps.streamName,
      eventType: type,
      records,
      failed,
    };
    return reply(failed.length ? 500 : 200, answer);
  };
}

let deployed: ReturnType<typeof createKinesisProducer> | undefined;

/** Lambda's entry point: the execution role's credentials, STREAM_NAME from the environment. */
export const handler = (event: APIGatewayProxyEvent) => (deployed ??= createKinesisProducer({ kinesis: new KinesisClient({}), streamName: process.env.STREAM_NAME }))(event);
