/**
 * CloudWatch Logs' state and semantics: log groups per region, their streams and events,
 * retention on the virtual clock, tags. No HTTP here: operations.ts maps the API onto it.
 *
 * Persistence: one part per log group (settings and tags) and one per log stream (its events),
 * so appending to a stream rewrites that stream only.
 */
import { createHash } from "node:crypto";
import type { VirtualClock } from "../core/clock";
import type { LogEventInput } from "../core/links";
import { keySegment, type StateStore } from "../core/persistence";
import { logsErrors } from "./errors";
import { LogStream, type StoredEvent } from "./log-stream";

const DAY_MS = 24 * 60 * 60 * 1000;
/** PutLogEvents refuses events more than 2 hours ahead of the clock... */
export const MAX_FUTURE_MS = 2 * 60 * 60 * 1000;
/** ...and more than 14 days behind it. */
export const MAX_PAST_MS = 14 * DAY_MS;

export class LogGroup {
  retentionDays: number | undefined;
  readonly tags = new Map<string, string>();
  readonly streams = new Map<string, LogStream>();
  nextStreamNumber = 1;

  constructor(
    readonly region: string,
    readonly name: string,
    readonly arn: string,
    readonly createdAt: number,
    readonly logGroupClass: string,
  ) {}

  /** Events before this are past the group's retention (never, without a policy). */
  cutoff(now: number): number {
    return this.retentionDays === undefined ? Number.NEGATIVE_INFINITY : now - this.retentionDays * DAY_MS;
  }

  storedBytes(): number {
    let bytes = 0;
    for (const stream of this.streams.values()) bytes += stream.storedBytes;
    return bytes;
  }
}

export interface PutOutcome {
  accepted: number;
  rejected: { tooNewLogEventStartIndex?: number; tooOldLogEventEndIndex?: number; expiredLogEventEndIndex?: number };
}

interface ModelOptions {
  clock: VirtualClock;
  store: StateStore;
  accountId: string;
}

export class LogsModel {
  readonly accountId: string;
  private readonly clock: VirtualClock;
  private readonly store: StateStore;
  /** region → name → group. */
  private readonly regions = new Map<string, Map<string, LogGroup>>();
  private readonly stopMinutes: () => void;

  constructor(options: ModelOptions) {
    this.clock = options.clock;
    this.store = options.store;
    this.accountId = options.accountId;
    this.restore();
    this.stopMinutes = this.clock.everyMinute(() => this.expireAll());
  }

  close(): void {
    this.stopMinutes();
  }

  now(): number {
    return this.clock.now();
  }

  groupArn(region: string, name: string): string {
    return `arn:aws:logs:${region}:${this.accountId}:log-group:${name}`;
  }

  streamArn(group: LogGroup, stream: LogStream): string {
    return `${group.arn}:log-stream:${stream.name}`;
  }

  // ----- groups -----

  createGroup(region: string, name: string, tags: Record<string, string>, logGroupClass = "STANDARD"): LogGroup {
    const groups = this.groupsIn(region);
    if (groups.has(name)) throw logsErrors.groupExists();
    const group = new LogGroup(region, name, this.groupArn(region, name), this.clock.now(), logGroupClass);
    for (const [key, value] of Object.entries(tags)) group.tags.set(key, value);
    groups.set(name, group);
    this.saveGroup(group);
    return group;
  }

  deleteGroup(region: string, name: string): void {
    const group = this.requireGroup(region, name);
    this.groupsIn(region).delete(name);
    this.store.remove(this.groupKey(group));
    for (const stream of group.streams.values()) this.store.remove(this.streamKey(group, stream));
  }

  requireGroup(region: string, name: string): LogGroup {
    const group = this.regions.get(region)?.get(name);
    if (!group) throw logsErrors.groupNotFound();
    return group;
  }

  /** The group a log group ARN (with or without the trailing `:*`) names. */
  requireGroupByArn(region: string, arn: string): LogGroup {
    const match = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:(.+?)(?::\*)?$/.exec(arn);
    if (!match || match[1] !== region || match[2] !== this.accountId) throw logsErrors.groupNotFound();
    return this.requireGroup(region, match[3]);
  }

  /** Every group in the region, ASCII-sorted by name (as DescribeLogGroups lists them). */
  listGroups(region: string): LogGroup[] {
    return [...this.groupsIn(region).values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  setRetention(group: LogGroup, days: number | undefined): void {
    group.retentionDays = days;
    this.saveGroup(group);
    this.expireGroup(group, this.clock.now());
  }

  tag(group: LogGroup, tags: Record<string, string>): void {
    for (const [key, value] of Object.entries(tags)) group.tags.set(key, value);
    this.saveGroup(group);
  }

  untag(group: LogGroup, keys: string[]): void {
    for (const key of keys) group.tags.delete(key);
    this.saveGroup(group);
  }

  // ----- streams -----

  createStream(group: LogGroup, name: string): LogStream {
    if (group.streams.has(name)) throw logsErrors.streamExists();
    const stream = new LogStream(name, this.clock.now(), group.nextStreamNumber++);
    group.streams.set(name, stream);
    this.saveGroup(group);
    this.saveStream(group, stream);
    return stream;
  }

  deleteStream(group: LogGroup, name: string): void {
    const stream = this.requireStream(group, name);
    group.streams.delete(name);
    this.store.remove(this.streamKey(group, stream));
  }

  requireStream(group: LogGroup, name: string): LogStream {
    const stream = group.streams.get(name);
    if (!stream) throw logsErrors.streamNotFound();
    return stream;
  }

  /** The stream's events still within the group's retention, oldest first. */
  eventsOf(group: LogGroup, stream: LogStream): StoredEvent[] {
    return stream.retained(group.cutoff(this.clock.now()));
  }

  // ----- events -----

  /**
   * PutLogEvents' acceptance rules, for a batch already checked to be in order: events more than
   * 2 hours ahead are rejected from the first such on, events more than 14 days old (or before
   * the retention period: expired) up to the last such (end indexes are exclusive, as AWS's
   * RejectedLogEventsInfo says); the rest are stored.
   */
  put(group: LogGroup, stream: LogStream, events: LogEventInput[]): PutOutcome {
    const now = this.clock.now();
    const tooOldBefore = now - MAX_PAST_MS;
    const expiredBefore = group.cutoff(now);
    const tooNewAfter = now + MAX_FUTURE_MS;
    const rejected: PutOutcome["rejected"] = {};
    const kept: LogEventInput[] = [];
    events.forEach((event, index) => {
      if (event.timestamp > tooNewAfter) {
        rejected.tooNewLogEventStartIndex ??= index;
      } else if (event.timestamp < expiredBefore && expiredBefore >= tooOldBefore) {
        rejected.expiredLogEventEndIndex = index + 1;
      } else if (event.timestamp < tooOldBefore) {
        rejected.tooOldLogEventEndIndex = index + 1;
      } else {
        kept.push(event);
      }
    });
    stream.append(kept, now);
    if (kept.length > 0) this.saveStream(group, stream);
    return { accepted: kept.length, rejected };
  }

  /** links.logs.put: appends as Lambda does, creating the group and stream when missing. */
  append(region: string, groupName: string, streamName: string, events: LogEventInput[]): void {
    const group = this.regions.get(region)?.get(groupName) ?? this.createGroup(region, groupName, {});
    const stream = group.streams.get(streamName) ?? this.createStream(group, streamName);
    const ordered = events.every((e, i) => i === 0 || events[i - 1].timestamp <= e.timestamp)
      ? events
      : [...events].sort((a, b) => a.timestamp - b.timestamp);
    stream.append(ordered, this.clock.now());
    this.saveStream(group, stream);
  }

  // ----- retention -----

  private expireAll(): void {
    const now = this.clock.now();
    for (const groups of this.regions.values()) {
      for (const group of groups.values()) if (group.retentionDays !== undefined) this.expireGroup(group, now);
    }
  }

  private expireGroup(group: LogGroup, now: number): void {
    const cutoff = group.cutoff(now);
    for (const stream of group.streams.values()) if (stream.expire(cutoff)) this.saveStream(group, stream);
  }

  // ----- persistence -----

  private groupsIn(region: string): Map<string, LogGroup> {
    let groups = this.regions.get(region);
    if (!groups) {
      groups = new Map();
      this.regions.set(region, groups);
    }
    return groups;
  }

  private groupBase(group: LogGroup): string {
    return `logs/${keySegment(group.region)}/${partSegment(group.name)}`;
  }

  private groupKey(group: LogGroup): string {
    return `${this.groupBase(group)}/group`;
  }

  private streamKey(group: LogGroup, stream: LogStream): string {
    return `${this.groupBase(group)}/streams/${partSegment(stream.name)}`;
  }

  private saveGroup(group: LogGroup): void {
    this.store.markDirty(this.groupKey(group), (): StoredGroup => ({
      region: group.region,
      name: group.name,
      createdAt: group.createdAt,
      logGroupClass: group.logGroupClass,
      retentionDays: group.retentionDays,
      tags: Object.fromEntries(group.tags),
      nextStreamNumber: group.nextStreamNumber,
    }));
  }

  private saveStream(group: LogGroup, stream: LogStream): void {
    if (!this.store.persistent) return;
    this.store.markDirty(this.streamKey(group, stream), (): StoredStream => ({
      name: stream.name,
      createdAt: stream.createdAt,
      number: stream.number,
      nextSeq: stream.nextSeq,
      lastIngestionTime: stream.lastIngestionTime,
      events: stream.events.map((e) => [e.timestamp, e.message, e.ingestionTime, e.seq]),
    }));
  }

  private restore(): void {
    const parts = this.store.readAll("logs/");
    const groups = new Map<string, LogGroup>();
    const streams: Array<{ base: string; data: StoredStream }> = [];
    for (const { key, data } of parts) {
      if (key.endsWith("/group")) {
        const saved = data as StoredGroup;
        if (typeof saved?.name !== "string" || typeof saved.region !== "string") continue;
        const group = new LogGroup(saved.region, saved.name, this.groupArn(saved.region, saved.name), saved.createdAt, saved.logGroupClass ?? "STANDARD");
        group.retentionDays = saved.retentionDays ?? undefined;
        group.nextStreamNumber = saved.nextStreamNumber ?? 1;
        for (const [k, v] of Object.entries(saved.tags ?? {})) group.tags.set(k, v);
        groups.set(key.slice(0, -"/group".length), group);
        this.groupsIn(group.region).set(group.name, group);
      } else {
        const slash = key.lastIndexOf("/streams/");
        if (slash !== -1) streams.push({ base: key.slice(0, slash), data: data as StoredStream });
      }
    }
    for (const { base, data } of streams) {
      const group = groups.get(base);
      if (!group || typeof data?.name !== "string") continue;
      const stream = new LogStream(data.name, data.createdAt, data.number);
      stream.nextSeq = data.nextSeq;
      stream.lastIngestionTime = data.lastIngestionTime ?? undefined;
      stream.events = data.events.map(([timestamp, message, ingestionTime, seq]) => ({ timestamp, message, ingestionTime, seq }));
      stream.storedBytes = stream.events.reduce((sum, e) => sum + Buffer.byteLength(e.message, "utf8"), 0);
      group.streams.set(stream.name, stream);
    }
  }
}

interface StoredGroup {
  region: string;
  name: string;
  createdAt: number;
  logGroupClass?: string;
  retentionDays?: number;
  tags?: Record<string, string>;
  nextStreamNumber?: number;
}

interface StoredStream {
  name: string;
  createdAt: number;
  number: number;
  nextSeq: number;
  lastIngestionTime?: number;
  events: Array<[number, string, number, number]>;
}

/**
 * A group or stream name as one state key segment: names hold `/`, `[`, `$` (Lambda's
 * `2026/12/08/[$LATEST]…`) and may be 512 characters, so long ones end in a hash of the name.
 */
function partSegment(name: string): string {
  let segment = keySegment(name);
  if (/^\.+$/.test(segment)) segment = segment.replace(/\./g, "_2E");
  if (segment.length <= 120) return segment;
  return `${segment.slice(0, 80)}-${createHash("sha256").update(name).digest("hex").slice(0, 32)}`;
}
