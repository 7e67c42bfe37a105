/**
 * One log stream's events, kept in timestamp order (a batch is chronological, but batches may
 * arrive out of order, as on AWS). Each event has a number unique in its stream, so a position
 * (timestamp, number) names a place between events that stays valid while older events expire.
 */

export interface StoredEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  /** Unique and increasing within the stream (1, 2, ...). */
  seq: number;
}

/** A place in the stream's order; events compare by timestamp, then number. */
export interface Position {
  timestamp: number;
  seq: number;
}

export function comparePositions(a: Position, b: Position): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}

export class LogStream {
  events: StoredEvent[] = [];
  nextSeq = 1;
  lastIngestionTime: number | undefined;
  /** Bytes of the messages held (what storedBytes reports for the group). */
  storedBytes = 0;

  constructor(
    readonly name: string,
    readonly createdAt: number,
    /** Unique within the group: part of each event's eventId. */
    readonly number: number,
  ) {}

  /** Appends a chronological batch, keeping the whole stream in order. */
  append(batch: Array<{ timestamp: number; message: string }>, ingestionTime: number): void {
    if (batch.length === 0) return;
    const stored = batch.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime, seq: this.nextSeq++ }));
    const last = this.events[this.events.length - 1];
    if (!last || stored[0].timestamp >= last.timestamp) this.events.push(...stored);
    else this.events = [...this.events, ...stored].sort(comparePositions);
    for (const e of stored) this.storedBytes += Buffer.byteLength(e.message, "utf8");
    this.lastIngestionTime = ingestionTime;
  }

  /** Drops events older than `cutoff`; true when any went. */
  expire(cutoff: number): boolean {
    let index = 0;
    while (index < this.events.length && this.events[index].timestamp < cutoff) index += 1;
    if (index === 0) return false;
    for (const e of this.events.slice(0, index)) this.storedBytes -= Buffer.byteLength(e.message, "utf8");
    this.events = this.events.slice(index);
    return true;
  }

  /** Events at or after `cutoff` (retention), oldest first. */
  retained(cutoff: number): StoredEvent[] {
    if (this.events.length === 0 || this.events[0].timestamp >= cutoff) return this.events;
    return this.events.filter((e) => e.timestamp >= cutoff);
  }
}
