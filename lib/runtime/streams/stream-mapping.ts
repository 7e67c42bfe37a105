/**
 * A Kinesis or DynamoDB Streams event source mapping: one poller per shard, started once the
 * shard's parents are read to their end; the shard list is looked at again every minute and
 * whenever a shard ends, so children of a split or merge (and DynamoDB's new shards) are found.
 *
 * Starting positions: TRIM_HORIZON reads every retained record; AT_TIMESTAMP the records from a
 * moment on; LATEST the records that arrive after the mapping was created (it is read as "at the
 * creation time", so a record put right after creating the mapping is never missed, and a restart
 * resumes from there rather than from the new end of the stream). Shards whose parent is listed
 * are read from their start. Each shard's checkpoint survives a restart.
 */
import { functionArn } from "../arn";
import { backoffDelay, errorCode, errorMessage, isAbortError } from "../backoff";
import type { MappingRunContext, MappingRunner, ProcessingResult, RunnerStatus } from "../mapping-runner";
import { invocationRecord, sendToDestination, type DestinationClients } from "./on-failure-destination";
import { ShardPoller, type ShardPollerSettings } from "./shard-poller";
import { hasListedParent, shardsReadyToRead } from "./shard-lineage";
import type { DiscardNotice } from "./stream-batch-processor";
import type { ShardInfo, ShardPosition, StreamSource } from "./stream-source";

export type StartingPosition = "LATEST" | "TRIM_HORIZON" | "AT_TIMESTAMP";

export interface StreamMappingSettings extends ShardPollerSettings {
  eventSourceArn: string;
  startingPosition: StartingPosition;
  /** Epoch ms, for AT_TIMESTAMP. */
  startingPositionTimestamp?: number;
  onFailureDestination?: string;
}

/** A shard read to its end. */
export const SHARD_END = "SHARD_END";

/** Where each shard got to; kept by the registry so it survives a restart. */
export interface ShardCheckpoints {
  /** When the mapping was created: where LATEST begins. */
  readonly createdAt: number;
  get(shardId: string): string | undefined;
  set(shardId: string, value: string): void;
}

export interface StreamMappingOptions {
  /** How often the shard list is looked at again (ms). */
  shardRefreshMs?: number;
  /** Back-off before retrying a failed batch. */
  retryDelayMs?: (attempt: number) => number;
}

const DEFAULT_SHARD_REFRESH_MS = 60_000;

export class StreamMappingRunner implements MappingRunner {
  private abort: AbortController | null = null;
  private wake: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private readonly pollers = new Map<string, { poller: ShardPoller; done: Promise<void> }>();
  private shards: ShardInfo[] = [];
  private lastResult: ProcessingResult = "No records processed";
  private sourceError: string | undefined;

  constructor(
    private readonly settings: StreamMappingSettings,
    private readonly source: StreamSource,
    private readonly ctx: MappingRunContext,
    private readonly checkpoints: ShardCheckpoints,
    private readonly destinations: DestinationClients,
    private readonly options: StreamMappingOptions = {},
  ) {}

  start(): void {
    if (this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    this.loop = this.run(abort.signal).catch((error: unknown) => {
      this.ctx.log("error", `The mapping stopped on an unexpected error: ${errorMessage(error)}`);
    });
  }

  async stop(graceMs: number): Promise<void> {
    const abort = this.abort;
    if (!abort) return;
    abort.abort();
    this.abort = null;
    const running = [this.loop, ...[...this.pollers.values()].map((p) => p.done)];
    await Promise.race([Promise.allSettled(running), new Promise((resolve) => setTimeout(resolve, graceMs).unref?.())]);
  }

  status(): RunnerStatus {
    const finished = this.finishedShards();
    return {
      running: this.abort !== null,
      lastProcessingResult: this.lastResult,
      sourceError: this.sourceError,
      inFlightBatches: [...this.pollers.values()].filter((p) => p.poller.inFlight).length,
      shards: this.shards.map((shard) => ({
        shardId: shard.shardId,
        state: finished.has(shard.shardId) ? "finished" : this.pollers.has(shard.shardId) ? "reading" : "waiting-for-parent",
        checkpoint: this.checkpoints.get(shard.shardId),
      })),
    };
  }

  private finishedShards(): Set<string> {
    return new Set(this.shards.filter((s) => this.checkpoints.get(s.shardId) === SHARD_END).map((s) => s.shardId));
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        this.shards = await this.source.listShards(signal);
        failures = 0;
        if (this.sourceError) this.ctx.log("info", "Reading the stream again.");
        this.sourceError = undefined;
      } catch (error) {
        if (signal.aborted || isAbortError(error)) return;
        failures += 1;
        const message = `${errorCode(error)}: ${errorMessage(error)}`;
        if (message !== this.sourceError) this.ctx.log("error", `Cannot list the stream's shards: ${message}`);
        this.sourceError = message;
        this.lastResult = `PROBLEM: ${message}`;
        await this.ctx.clock.sleep(backoffDelay(failures, 1_000, 30_000), signal);
        continue;
      }
      for (const shard of shardsReadyToRead(this.shards, this.finishedShards(), new Set(this.pollers.keys()))) {
        this.startShard(shard, signal);
      }
      this.wake = new AbortController();
      await this.ctx.clock.sleep(this.options.shardRefreshMs ?? DEFAULT_SHARD_REFRESH_MS, AbortSignal.any([signal, this.wake.signal]));
    }
  }

  private startShard(shard: ShardInfo, signal: AbortSignal): void {
    const poller = new ShardPoller({
      ctx: this.ctx,
      source: this.source,
      settings: this.settings,
      shardId: shard.shardId,
      initialPosition: this.initialPosition(shard),
      checkpoint: {
        get: () => this.checkpoints.get(shard.shardId),
        set: (sequenceNumber) => {
          this.checkpoints.set(shard.shardId, sequenceNumber);
          this.lastResult = "OK";
        },
      },
      discard: (shardId, notice) => this.discard(shardId, notice),
      retryDelayMs: this.options.retryDelayMs ?? ((attempt) => backoffDelay(attempt, 1_000, 10_000)),
      onSourceError: (message) => {
        this.sourceError = message;
        if (message) this.lastResult = `PROBLEM: ${message}`;
      },
    });
    const done = poller.run(signal).then(
      (result) => {
        this.pollers.delete(shard.shardId);
        if (result === "finished") {
          this.checkpoints.set(shard.shardId, SHARD_END);
          this.ctx.log("info", `Shard ${shard.shardId} is closed and fully read.`);
          this.wake?.abort();
        }
      },
      (error: unknown) => {
        this.pollers.delete(shard.shardId);
        this.ctx.log("error", `Shard ${shard.shardId}'s poller stopped: ${errorMessage(error)}`);
      },
    );
    this.pollers.set(shard.shardId, { poller, done });
  }

  private initialPosition(shard: ShardInfo): ShardPosition {
    if (hasListedParent(shard, this.shards)) return { type: "TRIM_HORIZON" };
    switch (this.settings.startingPosition) {
      case "TRIM_HORIZON":
        return { type: "TRIM_HORIZON" };
      case "AT_TIMESTAMP":
        return { type: "AT_TIMESTAMP", timestamp: this.settings.startingPositionTimestamp ?? this.checkpoints.createdAt };
      case "LATEST":
        return { type: "AT_TIMESTAMP", timestamp: this.checkpoints.createdAt };
    }
  }

  private async discard(shardId: string, notice: DiscardNotice): Promise<void> {
    const fn = this.ctx.fn.config;
    const destination = this.settings.onFailureDestination;
    const condition = notice.condition === "RecordAgeExceeded" ? "older than the maximum record age" : "out of retries";
    this.ctx.log("warn", `Skipped ${notice.records.length} records of shard ${shardId} (${condition}).`, {
      condition: notice.condition,
      shardId,
      startSequenceNumber: notice.records[0].sequenceNumber,
      endSequenceNumber: notice.records[notice.records.length - 1].sequenceNumber,
      destination,
    });
    if (!destination) return;
    const record = invocationRecord({
      condition: notice.condition,
      requestId: notice.requestId,
      functionArn: functionArn(fn.region, fn.accountId, fn.functionName),
      approximateInvokeCount: notice.approximateInvokeCount,
      functionError: notice.functionError ? "Unhandled" : undefined,
      shardId,
      streamArn: this.source.streamArn,
      batchInfoKey: this.source.batchInfoKey,
      records: notice.records,
      now: this.ctx.clock.now(),
    });
    try {
      await sendToDestination(destination, record, this.destinations);
    } catch (error) {
      this.ctx.log("error", `Could not send the skipped batch's record to ${destination}: ${errorMessage(error)}`);
    }
  }
}
