/**
 * The server side of `GET /api/labs/<labId>/streams/<resourceKey>`: the browser names one of the
 * lab's resources by its key (never a stream name or ARN); the name comes from the student's
 * prefix. A Kinesis stream answers its shards and records, a DynamoDB table its stream records.
 * `?limit=` (1–500 per shard) and, for Kinesis, `?key=<partition key>` to see where a key goes.
 */
import { createLabContext } from "@/lib/lab-framework/context";
import type { AnyLab } from "@/lib/lab-framework/types";
import { awsClients } from "@/lib/aws/clients";
import type { Settings } from "@/lib/aws/connection";
import { awsFailure, badRequest, notFound } from "@/lib/api/responses";
import { coalesce } from "@/lib/live/coalesce";
import { snapshotResponse } from "@/lib/live/snapshot-response";
import { routePartitionKey, type PartitionKeyRouting } from "./partition-key-hash";
import { readKinesisStream } from "./read-kinesis-stream";
import { readTableStream } from "./read-table-stream";
import type { StreamResourceView } from "./stream-views";

/** Snapshots are shared between identical polls for this long (tabs, and AWS's read limits). */
const SHARE_MS = 1500;
const MAX_PARTITION_KEY = 256;

export type StreamRouteAnswer = StreamResourceView & { probe?: PartitionKeyRouting };

export async function answerStreamRequest(request: Request, lab: AnyLab, resourceKey: string, settings: Settings): Promise<Response> {
  const spec = Object.hasOwn(lab.resources, resourceKey) ? lab.resources[resourceKey] : undefined;
  if (!spec || (spec.kind !== "kinesis-stream" && spec.kind !== "dynamodb-table")) {
    return notFound(`The lab ${lab.title} has no stream or table called ${resourceKey.slice(0, 60)}.`);
  }
  const url = new URL(request.url);
  const limitText = url.searchParams.get("limit");
  const limit = limitText === null ? 50 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return badRequest("limit must be a whole number from 1 to 500.", "Ask for fewer records per shard.", "limit");
  const key = url.searchParams.get("key");
  if (key !== null && (key.length < 1 || key.length > MAX_PARTITION_KEY)) {
    return badRequest(`A partition key is 1 to ${MAX_PARTITION_KEY} characters long.`, "Type a shorter key.", "key");
  }
  if (key !== null && spec.kind !== "kinesis-stream") return badRequest("Only a Kinesis stream routes records by partition key.", "Leave out key.", "key");

  try {
    const clients = awsClients(settings.connection, settings.region);
    const cacheKey = `stream|${lab.id}|${clients.connection.key}|${settings.prefix}|${resourceKey}|${limit}`;
    const view = await coalesce(cacheKey, SHARE_MS, async (): Promise<StreamResourceView> => {
      const context = await createLabContext(lab, settings, AbortSignal.timeout(20_000));
      const name = context.names[resourceKey];
      return spec.kind === "kinesis-stream" ? readKinesisStream(context, name, { limit }) : readTableStream(context, name, { limit });
    });
    const answer: StreamRouteAnswer = key !== null && view.kind === "kinesis" ? { ...view, probe: routePartitionKey(key, view.shards) } : view;
    return snapshotResponse(request, answer);
  } catch (error) {
    return awsFailure(error, `stream ${lab.id}/${resourceKey}`, { region: settings.region });
  }
}
