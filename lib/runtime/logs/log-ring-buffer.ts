/**
 * The last N log lines of one student's lab, in memory, with live subscribers. Old lines fall
 * off the front; every line keeps a sequence number so a stream that reconnects can ask for the
 * lines after the last one it saw.
 */
import { matchesFilter, type LogFilter } from "./log-filter";
import type { LogLine, NumberedLogLine } from "./log-line";

export type LogListener = (line: NumberedLogLine) => void;

export class LogRingBuffer {
  private readonly lines: NumberedLogLine[] = [];
  private nextSeq = 1;
  private readonly listeners = new Set<{ filter?: LogFilter; listener: LogListener }>();

  constructor(readonly capacity = 2000) {}

  append(line: LogLine): NumberedLogLine {
    const numbered = { ...line, seq: this.nextSeq++ } as NumberedLogLine;
    this.lines.push(numbered);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
    for (const { filter, listener } of this.listeners) {
      if (!matchesFilter(numbered, filter)) continue;
      try {
        listener(numbered);
      } catch (error) {
        console.error("[runtime] a log subscriber failed:", error);
      }
    }
    return numbered;
  }

  /** Lines after `afterSeq` that match, oldest first, at most `limit` (the newest ones). */
  query(options: { filter?: LogFilter; afterSeq?: number; limit?: number } = {}): NumberedLogLine[] {
    const after = options.afterSeq ?? 0;
    const matching = this.lines.filter((line) => line.seq > after && matchesFilter(line, options.filter));
    const limit = options.limit ?? this.capacity;
    return matching.length > limit ? matching.slice(matching.length - limit) : matching;
  }

  /** Calls `listener` for each new matching line until the returned function is called. */
  subscribe(listener: LogListener, filter?: LogFilter): () => void {
    const entry = { filter, listener };
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  clear(): void {
    this.lines.length = 0;
  }
}
