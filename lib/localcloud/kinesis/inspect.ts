/**
 * Side-effect-free inspection: `GET /_localcloud/kinesis/streams?region=` and
 * `GET /_localcloud/kinesis/records?region=&stream=` (every record still retained, per shard,
 * with its data as UTF-8 text when it is text and base64 always). Reading here never counts
 * toward a shard's read limit or metrics.
 */
import { AwsError } from "../core/errors";
import type { InspectRequest } from "../core/service";
import { DEFAULT_REGION } from "../router";
import type { KinesisModel } from "./model";

const MAX_RECORDS_PER_SHARD = 1_000;

export function inspectKinesis(model: KinesisModel, request: InspectRequest): unknown {
  if (request.method !== "GET") throw new AwsError("NotFound", `No inspection route ${request.method} ${request.subpath}.`, { status: 404 });
  const region = request.query.get("region") || DEFAULT_REGION;
  const now = model.now();
  if (request.subpath === "streams") {
    return {
      region,
      streams: model.streamsOf(region).map((s) => ({
        name: s.name,
        arn: s.arn,
        status: s.status(now),
        mode: s.mode,
        retentionHours: s.retentionHours,
        shardCount: s.shards.length,
        records: s.shards.reduce((sum, shard) => sum + shard.records.length, 0),
        tags: Object.fromEntries(s.tags),
      })),
    };
  }
  if (request.subpath === "records") {
    const name = request.query.get("stream") ?? "";
    const stream = model.streamsOf(region).find((s) => s.name === name);
    if (!stream) throw new AwsError("ResourceNotFoundException", `Stream ${name} under account ${model.accountId} not found.`, { status: 404 });
    const cutoff = now - stream.retentionMs;
    return {
      region,
      stream: stream.name,
      arn: stream.arn,
      status: stream.status(now),
      shards: stream.shards.map((shard) => {
        const retained = shard.records.filter((r) => r.arrivalMs >= cutoff);
        const shown = retained.slice(-MAX_RECORDS_PER_SHARD);
        return {
          shardId: shard.id,
          hashKeyRange: { start: shard.range.start.toString(), end: shard.range.end.toString() },
          recordCount: retained.length,
          truncated: shown.length < retained.length,
          records: shown.map((r) => ({
            sequenceNumber: r.sequenceNumber,
            partitionKey: r.partitionKey,
            approximateArrivalTimestamp: new Date(r.arrivalMs).toISOString(),
            sizeBytes: r.data.length,
            dataBase64: r.data.toString("base64"),
            text: asText(r.data),
          })),
        };
      }),
    };
  }
  throw new AwsError("NotFound", `No inspection route GET /_localcloud/kinesis/${request.subpath}.`, { status: 404 });
}

function asText(data: Buffer): string | null {
  const text = data.toString("utf8");
  return Buffer.from(text, "utf8").equals(data) ? text : null;
}
