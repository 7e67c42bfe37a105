/**
 * Side-effect-free inspection: `GET /_localcloud/logs/groups?region=` (groups, retention, streams
 * and event counts) and `GET /_localcloud/logs/events?region=&group=&stream=` (the newest 1,000
 * retained events of a group, or of one stream, oldest first, with their stream).
 */
import { AwsError } from "../core/errors";
import type { InspectRequest } from "../core/service";
import { DEFAULT_REGION } from "../router";
import type { LogsModel } from "./model";

const MAX_EVENTS = 1_000;

export function inspectLogs(model: LogsModel, request: InspectRequest): unknown {
  if (request.method !== "GET") throw new AwsError("NotFound", `No inspection route ${request.method} ${request.subpath}.`, { status: 404 });
  const region = request.query.get("region") || DEFAULT_REGION;
  if (request.subpath === "groups") {
    return {
      region,
      groups: model.listGroups(region).map((group) => ({
        name: group.name,
        arn: group.arn,
        retentionInDays: group.retentionDays ?? null,
        tags: Object.fromEntries(group.tags),
        streams: [...group.streams.values()].map((stream) => ({ name: stream.name, events: model.eventsOf(group, stream).length })),
      })),
    };
  }
  if (request.subpath === "events") {
    const name = request.query.get("group") ?? "";
    const group = model.listGroups(region).find((g) => g.name === name);
    if (!group) throw new AwsError("ResourceNotFoundException", "The specified log group does not exist.", { status: 404 });
    const only = request.query.get("stream");
    const events = [...group.streams.values()]
      .filter((stream) => only === null || stream.name === only)
      .flatMap((stream) => model.eventsOf(group, stream).map((e) => ({ stream: stream.name, timestamp: new Date(e.timestamp).toISOString(), message: e.message })))
      .sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
    return { region, group: group.name, total: events.length, truncated: events.length > MAX_EVENTS, events: events.slice(-MAX_EVENTS) };
  }
  throw new AwsError("NotFound", `No inspection route GET /_localcloud/logs/${request.subpath}.`, { status: 404 });
}
