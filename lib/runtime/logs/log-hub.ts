/**
 * One log buffer per student prefix and lab. The registry writes into it; the lab page reads
 * and subscribes through it (and only ever to its own prefix and lab).
 */
import type { LogFilter } from "./log-filter";
import type { LogLine, NumberedLogLine } from "./log-line";
import { LogRingBuffer, type LogListener } from "./log-ring-buffer";

export interface LogOwner {
  prefix: string;
  labId: string;
}

export class LogHub {
  private readonly buffers = new Map<string, LogRingBuffer>();

  constructor(private readonly capacityPerLab = 2000) {}

  buffer(owner: LogOwner): LogRingBuffer {
    const key = `${owner.prefix}\u0000${owner.labId}`;
    let buffer = this.buffers.get(key);
    if (!buffer) {
      buffer = new LogRingBuffer(this.capacityPerLab);
      this.buffers.set(key, buffer);
    }
    return buffer;
  }

  append(owner: LogOwner, line: LogLine): NumberedLogLine {
    return this.buffer(owner).append(line);
  }

  query(owner: LogOwner, options: { filter?: LogFilter; afterSeq?: number; limit?: number } = {}): NumberedLogLine[] {
    return this.buffer(owner).query(options);
  }

  subscribe(owner: LogOwner, listener: LogListener, filter?: LogFilter): () => void {
    return this.buffer(owner).subscribe(listener, filter);
  }

  clear(owner: LogOwner): void {
    this.buffer(owner).clear();
  }
}
