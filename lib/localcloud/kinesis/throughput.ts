/**
 * A shard's recent traffic over a sliding window of virtual time, to enforce Kinesis's per-shard
 * limits (writes: 1,000 records and 1 MiB per second; reads: 5 GetRecords calls per second and
 * 2 MiB per second).
 */
export class SlidingWindow {
  private entries: Array<{ at: number; count: number; bytes: number }> = [];
  private count = 0;
  private bytes = 0;

  constructor(private readonly windowMs: number) {}

  /** Totals within the window ending at `now`. */
  totals(now: number): { count: number; bytes: number } {
    const from = now - this.windowMs;
    let drop = 0;
    while (drop < this.entries.length && this.entries[drop].at <= from) {
      this.count -= this.entries[drop].count;
      this.bytes -= this.entries[drop].bytes;
      drop++;
    }
    if (drop > 0) this.entries.splice(0, drop);
    return { count: this.count, bytes: this.bytes };
  }

  add(now: number, count: number, bytes: number): void {
    const last = this.entries[this.entries.length - 1];
    if (last && last.at === now) {
      last.count += count;
      last.bytes += bytes;
    } else {
      this.entries.push({ at: now, count, bytes });
    }
    this.count += count;
    this.bytes += bytes;
  }
}

export const WRITE_RECORDS_PER_SECOND = 1_000;
export const WRITE_BYTES_PER_SECOND = 1024 * 1024;
export const READ_CALLS_PER_SECOND = 5;
/** Reads may return up to 10 MiB at once; the 2 MiB/s limit is then enforced over 5 seconds. */
export const READ_BYTES_PER_FIVE_SECONDS = 10 * 1024 * 1024;
