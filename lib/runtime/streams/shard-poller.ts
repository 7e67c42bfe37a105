/**
 * Reads one shard in order: gathers a batch (batch size, batching window, 6 MB), hands it to the
 * batch processor, which blocks the shard until the batch is done, checkpoints, and goes on. It
 * respects the stream's read rate (at most one GetRecords per `minReadIntervalMs`), backs off on
 * ProvisionedThroughputExceededException, polls an idle shard once a second, and reports when a
 * closed shard has been read to its end.
 */
import { backoffDelay, errorCode, errorMessage, isAbortError } from "../backoff";
import type { MappingRunContext } from "../mapping-runner";
import { processStreamBatch, type DiscardNotice, type StreamBatchSettings } from "./stream-batch-processor";
import { isThroughputError, type ShardPosition, type ShardReader, type StreamRecord, type StreamSource } from "./stream-source";

/** Lambda's synchronous invocation payload limit. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

export interface ShardPollerSettings extends StreamBatchSettings {
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
}

export interface ShardPollerEnvironment {
  ctx: MappingRunContext;
  source: StreamSource;
  settings: ShardPollerSettings;
  shardId: string;
  /** Where reading starts when the shard has no checkpoint yet. */
  initialPosition: ShardPosition;
  checkpoint: { get(): string | undefined; set(sequenceNumber: string): void };
  discard(shardId: string, notice: DiscardNotice): Promise<void>;
  retryDelayMs(attempt: number): number;
  /** Told when the shard's source keeps failing or recovers (the mapping's status). */
  onSourceError(message: string | undefined): void;
}

export type ShardPollerResult = "finished" | "stopped";

export class ShardPoller {
  private lastReadAt = 0;
  private failures = 0;
  /** The checkpoint fell off the stream's retention: read from the trim horizon instead. */
  private checkpointTrimmed = false;
  private throttledReads = 0;
  inFlight = false;

  constructor(private readonly env: ShardPollerEnvironment) {}

  async run(signal: AbortSignal): Promise<ShardPollerResult> {
    const { env } = this;
    let reader: ShardReader | null = null;
    while (!signal.aborted) {
      try {
        reader ??= await env.source.openShard(env.shardId, this.resumePosition(), signal);
        const batch = await this.gather(reader, signal);
        if (signal.aborted) return "stopped";
        if (batch.records.length > 0) {
          this.inFlight = true;
          try {
            const outcome = await processStreamBatch(
              batch.records,
              {
                ctx: env.ctx,
                source: env.source,
                settings: env.settings,
                checkpoint: (sequenceNumber) => env.checkpoint.set(sequenceNumber),
                discard: (notice) => env.discard(env.shardId, notice),
                retryDelayMs: env.retryDelayMs,
              },
              signal,
            );
            if (outcome === "stopped") return "stopped";
          } finally {
            this.inFlight = false;
          }
        }
        if (batch.ended) return "finished";
      } catch (error) {
        if (signal.aborted || isAbortError(error)) return "stopped";
        if (errorCode(error) === "TrimmedDataAccessException") {
          this.checkpointTrimmed = true;
          env.ctx.log("warn", `Shard ${env.shardId}'s checkpoint is past the stream's retention; reading from the oldest record.`);
          reader = null;
          continue;
        }
        reader = null; // read again from the checkpoint: nothing gathered was processed
        await this.readFailed(error, signal);
      }
    }
    return "stopped";
  }

  private resumePosition(): ShardPosition {
    const checkpoint = this.env.checkpoint.get();
    if (this.checkpointTrimmed) {
      this.checkpointTrimmed = false;
      return { type: "TRIM_HORIZON" };
    }
    return checkpoint ? { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: checkpoint } : this.env.initialPosition;
  }

  /** Reads until the batch is full, the window closes, 6 MB is reached or the shard ends. */
  private async gather(reader: ShardReader, signal: AbortSignal): Promise<{ records: StreamRecord[]; ended: boolean }> {
    const { clock } = this.env.ctx;
    const { batchSize, maximumBatchingWindowInSeconds } = this.env.settings;
    const windowMs = maximumBatchingWindowInSeconds * 1000;
    const records: StreamRecord[] = [];
    let bytes = 0;
    let deadline: number | null = null;
    while (!signal.aborted) {
      await this.respectReadRate(signal);
      const read = await this.readOnce(reader, batchSize - records.length, signal);
      if (read === null) continue; // throttled: backed off, read again
      for (const record of read.records) {
        records.push(record);
        bytes += record.sizeBytes;
      }
      if (read.ended || records.length >= batchSize || bytes >= MAX_PAYLOAD_BYTES) return { records, ended: read.ended };
      if (records.length === 0) {
        await clock.sleep(this.env.source.idlePollMs, signal);
        continue;
      }
      if (windowMs === 0) return { records, ended: false };
      deadline ??= clock.now() + windowMs;
      const remaining = deadline - clock.now();
      if (remaining <= 0) return { records, ended: false };
      if (read.records.length === 0) await clock.sleep(Math.min(this.env.source.idlePollMs, remaining), signal);
    }
    return { records, ended: false };
  }

  private async readOnce(reader: ShardReader, limit: number, signal: AbortSignal) {
    try {
      const read = await reader.read(limit, signal);
      this.throttledReads = 0;
      this.recovered();
      return read;
    } catch (error) {
      if (!isThroughputError(errorCode(error))) throw error;
      this.throttledReads += 1;
      if (this.throttledReads === 1) this.env.ctx.log("warn", `Reading shard ${this.env.shardId} too fast (${errorCode(error)}); backing off.`);
      await this.env.ctx.clock.sleep(backoffDelay(this.throttledReads, 500, 10_000), signal);
      return null;
    }
  }

  private async respectReadRate(signal: AbortSignal): Promise<void> {
    const { clock } = this.env.ctx;
    const wait = this.lastReadAt + this.env.source.minReadIntervalMs - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
    this.lastReadAt = clock.now();
  }

  private async readFailed(error: unknown, signal: AbortSignal): Promise<void> {
    this.failures += 1;
    const message = `${errorCode(error)}: ${errorMessage(error)}`;
    if (this.failures === 1) this.env.ctx.log("error", `Cannot read shard ${this.env.shardId}: ${message}`);
    this.env.onSourceError(message);
    await this.env.ctx.clock.sleep(backoffDelay(this.failures, 1_000, 30_000), signal);
  }

  private recovered(): void {
    if (this.failures === 0) return;
    this.failures = 0;
    this.env.ctx.log("info", `Reading shard ${this.env.shardId} again.`);
    this.env.onSourceError(undefined);
  }
}
