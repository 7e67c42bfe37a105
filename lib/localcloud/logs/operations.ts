/**
 * CloudWatch Logs' operations: each reads its JSON input, calls the model and returns the output
 * in the SDK's shape (Logs' timestamps are epoch milliseconds on the wire, as in the SDK types).
 */
import type {
  DescribeLogGroupsResponse,
  DescribeLogStreamsResponse,
  DescribeQueriesResponse,
  FilterLogEventsResponse,
  GetLogEventsResponse,
  GetLogRecordResponse,
  GetQueryResultsResponse,
  ListTagsForResourceResponse,
  ListTagsLogGroupResponse,
  PutLogEventsResponse,
  StartQueryResponse,
  StopQueryResponse,
} from "@aws-sdk/client-cloudwatch-logs";
import { AwsError } from "../core/errors";
import type { LogEventInput } from "../core/links";
import { logsErrors } from "./errors";
import { compileFilterPattern } from "./filter-pattern";
import {
  optionalBoolean,
  optionalInteger,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredInteger,
  requiredList,
  requiredString,
  type JsonInput,
} from "./input";
import { runQuery, type QueryEvent } from "./insights";
import { comparePositions, type LogStream, type StoredEvent } from "./log-stream";
import type { LogGroup, LogsModel } from "./model";
import type { QueryStore } from "./queries";
import { eventId, pageToken, parsePageToken, parseStreamToken, streamToken } from "./tokens";

export interface OperationContext {
  model: LogsModel;
  queries: QueryStore;
  region: string;
  input: JsonInput;
}

type Operation = (context: OperationContext) => unknown;
type Output<T> = Omit<T, "$metadata">;
type Empty = Record<string, never>;

const GROUP_NAME = { min: 1, max: 512, pattern: /[\.\-_/#A-Za-z0-9]+/ };
const STREAM_NAME = { min: 1, max: 512, pattern: /[^:*]*/ };
const GROUP_IDENTIFIER = { min: 1, max: 2048, pattern: /[\w#+=/:,.@-]*/ };
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const MAX_BATCH_EVENTS = 10_000;
const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;
const MAX_EVENT_BYTES = 1_048_576;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_TAGS = 50;

function groupByName({ input, model, region }: OperationContext): LogGroup {
  return model.requireGroup(region, requiredString(input, "logGroupName", GROUP_NAME));
}

/** `logGroupName` or `logGroupIdentifier` (a name or an ARN), not both. */
function groupByNameOrIdentifier({ input, model, region }: OperationContext): LogGroup {
  const name = optionalString(input, "logGroupName", GROUP_NAME);
  const identifier = optionalString(input, "logGroupIdentifier", GROUP_IDENTIFIER);
  if (name !== undefined && identifier !== undefined) {
    throw logsErrors.invalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  }
  if (identifier !== undefined) {
    return identifier.startsWith("arn:") ? model.requireGroupByArn(region, identifier) : model.requireGroup(region, identifier);
  }
  if (name === undefined) throw logsErrors.invalidParameter("Should provide either name or identifier.");
  return model.requireGroup(region, name);
}

function readTags(input: JsonInput, member: string): Record<string, string> {
  const tags = optionalStringMap(input, member) ?? {};
  if (Object.keys(tags).length > MAX_TAGS) throw logsErrors.constraint(member, undefined, `Member must have length less than or equal to ${MAX_TAGS}`);
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128 || !/^([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$/u.test(key)) {
      throw logsErrors.constraint(`${member}`, key, "Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$]");
    }
    if (value.length > 256) throw logsErrors.constraint(`${member}`, value, "Map value must satisfy constraint: [Member must have length less than or equal to 256]");
  }
  return tags;
}

function checkTagCount(group: LogGroup, tags: Record<string, string>): void {
  const keys = new Set([...group.tags.keys(), ...Object.keys(tags)]);
  if (keys.size > MAX_TAGS) throw new AwsError("TooManyTagsException", `A resource can have no more than ${MAX_TAGS} tags.`, { extra: { resourceName: group.arn } });
}

function readEvents(input: JsonInput): LogEventInput[] {
  const raw = requiredList(input, "logEvents");
  if (raw.length < 1) {
    throw new AwsError("InvalidParameterException", "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }
  if (raw.length > MAX_BATCH_EVENTS) {
    throw new AwsError("InvalidParameterException", `1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to ${MAX_BATCH_EVENTS}`);
  }
  let batchBytes = 0;
  const events = raw.map((entry, index) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new AwsError("SerializationException", `Member logEvents.${index} must be a structure.`);
    const event = entry as JsonInput;
    const timestamp = requiredInteger(event, "timestamp");
    const message = event.message;
    if (typeof message !== "string") {
      throw logsErrors.constraint(`logEvents.${index + 1}.member.message`, undefined, "Member must not be null");
    }
    if (message.length < 1) {
      throw logsErrors.constraint(`logEvents.${index + 1}.member.message`, message, "Member must have length greater than or equal to 1");
    }
    const bytes = Buffer.byteLength(message, "utf8");
    if (bytes > MAX_EVENT_BYTES) throw logsErrors.invalidParameter(`Log event too large: ${bytes} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    batchBytes += bytes + EVENT_OVERHEAD_BYTES;
    return { timestamp, message };
  });
  if (batchBytes > MAX_BATCH_BYTES) throw logsErrors.invalidParameter(`Upload too large: ${batchBytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  for (let i = 1; i < events.length; i += 1) {
    if (events[i].timestamp < events[i - 1].timestamp) {
      throw logsErrors.invalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
    }
  }
  if (events[events.length - 1].timestamp - events[0].timestamp > DAY_MS) {
    throw logsErrors.invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
  }
  return events;
}

function groupShape(group: LogGroup, brief: boolean) {
  if (brief) return { logGroupName: group.name, creationTime: group.createdAt, arn: `${group.arn}:*` };
  return {
    logGroupName: group.name,
    creationTime: group.createdAt,
    ...(group.retentionDays !== undefined ? { retentionInDays: group.retentionDays } : {}),
    metricFilterCount: 0,
    arn: `${group.arn}:*`,
    storedBytes: group.storedBytes(),
    logGroupClass: group.logGroupClass as "STANDARD",
    logGroupArn: group.arn,
  };
}

function streamShape(model: LogsModel, group: LogGroup, stream: LogStream) {
  const events = model.eventsOf(group, stream);
  return {
    logStreamName: stream.name,
    creationTime: stream.createdAt,
    ...(events.length > 0
      ? {
          firstEventTimestamp: events[0].timestamp,
          lastEventTimestamp: events[events.length - 1].timestamp,
          lastIngestionTime: stream.lastIngestionTime,
        }
      : {}),
    uploadSequenceToken: sequenceToken(stream),
    arn: model.streamArn(group, stream),
    storedBytes: 0,
  };
}

function sequenceToken(stream: LogStream): string {
  return `4${String(stream.nextSeq).padStart(55, "0")}`;
}

/** The query-visible form of a group's events between two times (inclusive), for Insights. */
function queryEvents(model: LogsModel, group: LogGroup, startMs: number, endMs: number): QueryEvent[] {
  const out: QueryEvent[] = [];
  for (const stream of group.streams.values()) {
    for (const e of model.eventsOf(group, stream)) {
      if (e.timestamp < startMs || e.timestamp > endMs) continue;
      out.push({
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
        logStream: stream.name,
        log: `${model.accountId}:${group.name}`,
        ptr: pageToken({ r: group.region, g: group.name, s: stream.name, q: e.seq }),
      });
    }
  }
  return out;
}

export const operations: Record<string, Operation> = {
  CreateLogGroup(context): Empty {
    const { input, model, region } = context;
    const name = requiredString(input, "logGroupName", GROUP_NAME);
    const logGroupClass = optionalString(input, "logGroupClass") ?? "STANDARD";
    if (!["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"].includes(logGroupClass)) {
      throw logsErrors.constraint("logGroupClass", logGroupClass, "Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]");
    }
    model.createGroup(region, name, readTags(input, "tags"), logGroupClass);
    return {};
  },

  DeleteLogGroup(context): Empty {
    const group = groupByName(context);
    context.model.deleteGroup(context.region, group.name);
    return {};
  },

  DescribeLogGroups(context): Output<DescribeLogGroupsResponse> {
    const { input, model, region } = context;
    const prefix = optionalString(input, "logGroupNamePrefix", GROUP_NAME);
    const pattern = optionalString(input, "logGroupNamePattern", { min: 0, max: 512, pattern: /[\.\-_/#A-Za-z0-9]*/ });
    if (prefix !== undefined && pattern !== undefined) {
      throw logsErrors.invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
    }
    const limit = optionalInteger(input, "limit", { min: 1, max: 50 }) ?? 50;
    const nextToken = optionalString(input, "nextToken", { min: 1 });
    const after = nextToken === undefined ? undefined : String(parsePageToken(nextToken).after ?? "");
    const logGroupClass = optionalString(input, "logGroupClass");
    const all = model
      .listGroups(region)
      .filter((g) => (prefix === undefined || g.name.startsWith(prefix)) && (pattern === undefined || g.name.includes(pattern)))
      .filter((g) => logGroupClass === undefined || g.logGroupClass === logGroupClass)
      .filter((g) => after === undefined || g.name > after);
    const page = all.slice(0, limit);
    return {
      logGroups: page.map((g) => groupShape(g, pattern !== undefined)),
      ...(all.length > page.length ? { nextToken: pageToken({ after: page[page.length - 1].name }) } : {}),
    };
  },

  CreateLogStream(context): Empty {
    const group = groupByName(context);
    context.model.createStream(group, requiredString(context.input, "logStreamName", STREAM_NAME));
    return {};
  },

  DeleteLogStream(context): Empty {
    const group = groupByName(context);
    context.model.deleteStream(group, requiredString(context.input, "logStreamName", STREAM_NAME));
    return {};
  },

  DescribeLogStreams(context): Output<DescribeLogStreamsResponse> {
    const { input, model } = context;
    const group = groupByNameOrIdentifier(context);
    const prefix = optionalString(input, "logStreamNamePrefix", STREAM_NAME);
    const orderBy = optionalString(input, "orderBy") ?? "LogStreamName";
    if (orderBy !== "LogStreamName" && orderBy !== "LastEventTime") {
      throw logsErrors.constraint("orderBy", orderBy, "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
    }
    if (orderBy === "LastEventTime" && prefix !== undefined) throw logsErrors.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
    const descending = optionalBoolean(input, "descending") ?? false;
    const limit = optionalInteger(input, "limit", { min: 1, max: 50 }) ?? 50;
    const nextToken = optionalString(input, "nextToken", { min: 1 });
    const shapes = [...group.streams.values()]
      .filter((s) => prefix === undefined || s.name.startsWith(prefix))
      .map((s) => streamShape(model, group, s));
    const keyOf = (s: (typeof shapes)[number]): [number, string] => [orderBy === "LastEventTime" ? (s.lastEventTimestamp ?? 0) : 0, s.logStreamName];
    const compare = (a: [number, string], b: [number, string]) => (a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)) * (descending ? -1 : 1);
    shapes.sort((a, b) => compare(keyOf(a), keyOf(b)));
    let from = shapes;
    if (nextToken !== undefined) {
      const token = parsePageToken(nextToken);
      const after: [number, string] = [Number(token.t ?? 0), String(token.n ?? "")];
      from = shapes.filter((s) => compare(keyOf(s), after) > 0);
    }
    const page = from.slice(0, limit);
    const last = page[page.length - 1];
    return {
      logStreams: page,
      ...(from.length > page.length ? { nextToken: pageToken({ t: keyOf(last)[0], n: last.logStreamName }) } : {}),
    };
  },

  PutLogEvents(context): Output<PutLogEventsResponse> {
    const { input, model } = context;
    const group = groupByName(context);
    const stream = model.requireStream(group, requiredString(input, "logStreamName", STREAM_NAME));
    const outcome = model.put(group, stream, readEvents(input));
    return {
      nextSequenceToken: sequenceToken(stream),
      ...(Object.keys(outcome.rejected).length > 0 ? { rejectedLogEventsInfo: outcome.rejected } : {}),
    };
  },

  GetLogEvents(context): Output<GetLogEventsResponse> {
    const { input, model } = context;
    const group = groupByNameOrIdentifier(context);
    const stream = model.requireStream(group, requiredString(input, "logStreamName", STREAM_NAME));
    const startTime = optionalInteger(input, "startTime", { min: 0 });
    const endTime = optionalInteger(input, "endTime", { min: 0 });
    const limit = optionalInteger(input, "limit", { min: 1, max: 10_000 }) ?? 10_000;
    const startFromHead = optionalBoolean(input, "startFromHead") ?? false;
    const nextToken = optionalString(input, "nextToken", { min: 1 });
    const events = model
      .eventsOf(group, stream)
      .filter((e) => (startTime === undefined || e.timestamp >= startTime) && (endTime === undefined || e.timestamp < endTime));
    const token = nextToken === undefined ? undefined : parseStreamToken(nextToken);
    let page: StoredEvent[];
    if (token === undefined) page = startFromHead ? fitBytes(events.slice(0, limit), "head") : fitBytes(events.slice(-limit), "tail");
    else if (token.direction === "f") page = fitBytes(events.filter((e) => comparePositions(e, token.position) > 0).slice(0, limit), "head");
    else page = fitBytes(events.filter((e) => comparePositions(e, token.position) < 0).slice(-limit), "tail");
    const output = page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime }));
    if (page.length === 0) {
      const at = token?.position ?? { timestamp: 0, seq: 0 };
      return {
        events: [],
        nextForwardToken: token?.direction === "f" ? nextToken : streamToken("f", token ? { timestamp: at.timestamp, seq: at.seq - 1 } : at),
        nextBackwardToken: token?.direction === "b" ? nextToken : streamToken("b", token ? { timestamp: at.timestamp, seq: at.seq + 1 } : at),
      };
    }
    return {
      events: output,
      nextForwardToken: streamToken("f", page[page.length - 1]),
      nextBackwardToken: streamToken("b", page[0]),
    };
  },

  FilterLogEvents(context): Output<FilterLogEventsResponse> {
    const { input, model } = context;
    const group = groupByNameOrIdentifier(context);
    const names = optionalStringList(input, "logStreamNames", { min: 1, max: 100 });
    const prefix = optionalString(input, "logStreamNamePrefix", STREAM_NAME);
    if (names !== undefined && prefix !== undefined) {
      throw logsErrors.invalidParameter("Cannot specify both logStreamNames and logStreamNamePrefix.");
    }
    const startTime = optionalInteger(input, "startTime", { min: 0 });
    const endTime = optionalInteger(input, "endTime", { min: 0 });
    const limit = optionalInteger(input, "limit", { min: 1, max: 10_000 }) ?? 10_000;
    const matches = compileFilterPattern(optionalString(input, "filterPattern", { min: 0, max: 1024 }));
    const nextToken = optionalString(input, "nextToken", { min: 1 });
    const after = nextToken === undefined ? undefined : String(parsePageToken(nextToken).after ?? "");
    const found: Array<{ logStreamName: string; timestamp: number; message: string; ingestionTime: number; eventId: string }> = [];
    for (const stream of group.streams.values()) {
      if (names !== undefined && !names.includes(stream.name)) continue;
      if (prefix !== undefined && !stream.name.startsWith(prefix)) continue;
      for (const e of model.eventsOf(group, stream)) {
        if ((startTime !== undefined && e.timestamp < startTime) || (endTime !== undefined && e.timestamp > endTime)) continue;
        const id = eventId(e.timestamp, stream.number, e.seq);
        if (after !== undefined && id <= after) continue;
        if (!matches(e.message)) continue;
        found.push({ logStreamName: stream.name, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: id });
      }
    }
    found.sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
    const page = found.slice(0, limit);
    return {
      events: page,
      searchedLogStreams: [],
      ...(found.length > page.length ? { nextToken: pageToken({ after: page[page.length - 1].eventId }) } : {}),
    };
  },

  PutRetentionPolicy(context): Empty {
    const group = groupByName(context);
    const days = requiredInteger(context.input, "retentionInDays");
    if (!RETENTION_DAYS.includes(days)) {
      throw logsErrors.constraint("retentionInDays", days, `Member must satisfy enum value set: [${RETENTION_DAYS.join(", ")}]`);
    }
    context.model.setRetention(group, days);
    return {};
  },

  DeleteRetentionPolicy(context): Empty {
    context.model.setRetention(groupByName(context), undefined);
    return {};
  },

  TagResource(context): Empty {
    const { input, model, region } = context;
    const group = model.requireGroupByArn(region, requiredString(input, "resourceArn", { min: 1, max: 1011 }));
    const tags = readTags(input, "tags");
    checkTagCount(group, tags);
    model.tag(group, tags);
    return {};
  },

  UntagResource(context): Empty {
    const { input, model, region } = context;
    const group = model.requireGroupByArn(region, requiredString(input, "resourceArn", { min: 1, max: 1011 }));
    const keys = optionalStringList(input, "tagKeys", { min: 0, max: 50 });
    if (keys === undefined) throw logsErrors.constraint("tagKeys", undefined, "Member must not be null");
    model.untag(group, keys);
    return {};
  },

  ListTagsForResource(context): Output<ListTagsForResourceResponse> {
    const { input, model, region } = context;
    const group = model.requireGroupByArn(region, requiredString(input, "resourceArn", { min: 1, max: 1011 }));
    return { tags: Object.fromEntries(group.tags) };
  },

  TagLogGroup(context): Empty {
    const group = groupByName(context);
    const tags = readTags(context.input, "tags");
    if (Object.keys(tags).length === 0) throw logsErrors.constraint("tags", undefined, "Member must have length greater than or equal to 1");
    checkTagCount(group, tags);
    context.model.tag(group, tags);
    return {};
  },

  UntagLogGroup(context): Empty {
    const group = groupByName(context);
    const keys = optionalStringList(context.input, "tags", { min: 1, max: 50 });
    if (keys === undefined) throw logsErrors.constraint("tags", undefined, "Member must not be null");
    context.model.untag(group, keys);
    return {};
  },

  ListTagsLogGroup(context): Output<ListTagsLogGroupResponse> {
    return { tags: Object.fromEntries(groupByName(context).tags) };
  },

  StartQuery(context): Output<StartQueryResponse> {
    const { input, model, region, queries } = context;
    const single = optionalString(input, "logGroupName", GROUP_NAME);
    const several = optionalStringList(input, "logGroupNames", { min: 1, max: 50 });
    const identifiers = optionalStringList(input, "logGroupIdentifiers", { min: 1, max: 50 });
    const given = [single, several, identifiers].filter((v) => v !== undefined).length;
    if (given === 0) throw logsErrors.invalidParameter("Either logGroupName, logGroupNames or logGroupIdentifiers must be specified.");
    if (given > 1) throw logsErrors.invalidParameter("Only one of logGroupName, logGroupNames or logGroupIdentifiers may be specified.");
    const groups = [
      ...(single !== undefined ? [model.requireGroup(region, single)] : []),
      ...(several ?? []).map((name) => model.requireGroup(region, name)),
      ...(identifiers ?? []).map((id) => (id.startsWith("arn:") ? model.requireGroupByArn(region, id) : model.requireGroup(region, id))),
    ];
    const startTime = requiredInteger(input, "startTime", { min: 0 });
    const endTime = requiredInteger(input, "endTime", { min: 0 });
    if (endTime < startTime) throw logsErrors.invalidParameter("End time should not be before the start time");
    const queryString = requiredString(input, "queryString", { min: 0, max: 10_000 });
    const limit = optionalInteger(input, "limit", { min: 1, max: 10_000 }) ?? 10_000;
    const events = groups.flatMap((g) => queryEvents(model, g, startTime * 1000, endTime * 1000 + 999));
    const outcome = runQuery(queryString, events, limit);
    const stored = queries.add({ ...outcome, queryString, logGroupName: groups[0].name, createdAt: model.now() });
    return { queryId: stored.queryId };
  },

  GetQueryResults(context): Output<GetQueryResultsResponse> {
    const query = context.queries.require(requiredString(context.input, "queryId", { min: 0, max: 256 }));
    return { queryLanguage: "CWLI", results: query.results, statistics: query.statistics, status: query.status };
  },

  StopQuery(context): Output<StopQueryResponse> {
    context.queries.require(requiredString(context.input, "queryId", { min: 0, max: 256 }));
    // Queries here complete as they start: there is never one left running to stop.
    return { success: false };
  },

  DescribeQueries(context): Output<DescribeQueriesResponse> {
    const group = optionalString(context.input, "logGroupName", GROUP_NAME);
    const status = optionalString(context.input, "status");
    return {
      queries: context.queries
        .list()
        .filter((q) => (group === undefined || q.logGroupName === group) && (status === undefined || q.status === status))
        .map((q) => ({ queryLanguage: "CWLI", queryId: q.queryId, queryString: q.queryString, status: q.status, createTime: q.createdAt, logGroupName: q.logGroupName })),
    };
  },

  GetLogRecord(context): Output<GetLogRecordResponse> {
    const { input, model } = context;
    const pointer = parsePageToken(requiredString(input, "logRecordPointer"));
    const group = model.requireGroup(String(pointer.r), String(pointer.g));
    const stream = model.requireStream(group, String(pointer.s));
    const event = model.eventsOf(group, stream).find((e) => e.seq === Number(pointer.q));
    if (!event) throw new AwsError("ResourceNotFoundException", "The specified log record does not exist.");
    return {
      logRecord: {
        "@timestamp": String(event.timestamp),
        "@message": event.message,
        "@logStream": stream.name,
        "@log": `${model.accountId}:${group.name}`,
        "@ingestionTime": String(event.ingestionTime),
      },
    };
  },
};

/** GetLogEvents returns at most 1 MB: the events nearest the reading position that fit. */
function fitBytes(events: StoredEvent[], keep: "head" | "tail"): StoredEvent[] {
  let bytes = 0;
  const ordered = keep === "head" ? events : [...events].reverse();
  const kept: StoredEvent[] = [];
  for (const e of ordered) {
    bytes += Buffer.byteLength(e.message, "utf8") + EVENT_OVERHEAD_BYTES;
    if (bytes > MAX_BATCH_BYTES && kept.length > 0) break;
    kept.push(e);
  }
  return keep === "head" ? kept : kept.reverse();
}
