/**
 * What every running event source mapping offers the registry, whatever it reads.
 */
import type { MappingFunction } from "./function/mapping-function";
import type { MappingLogLine } from "./logs/log-line";
import type { RuntimeClock } from "./runtime-clock";

/** AWS's LastProcessingResult, in the same words where AWS has them. */
export type ProcessingResult = "No records processed" | "OK" | "PROBLEM: Function call failed" | "PROBLEM: Function timed out" | "PROBLEM: Function throttled" | `PROBLEM: ${string}`;

export interface RunnerStatus {
  running: boolean;
  lastProcessingResult: ProcessingResult;
  /** The last error reading the source (a missing queue, a denied call), if it persists. */
  sourceError?: string;
  /** Batches being gathered or processed right now. */
  inFlightBatches: number;
  /** Stream mappings: shards being read, finished, and each shard's checkpoint. */
  shards?: Array<{ shardId: string; state: "waiting-for-parent" | "reading" | "finished"; checkpoint?: string }>;
}

export interface MappingRunner {
  start(): void;
  /** Stops reading; waits up to `graceMs` for batches being processed to finish. */
  stop(graceMs: number): Promise<void>;
  status(): RunnerStatus;
}

export interface MappingRunContext {
  mappingId: string;
  clock: RuntimeClock;
  fn: MappingFunction;
  log(level: MappingLogLine["level"], message: string, details?: Record<string, unknown>): void;
  /**
   * Runs work the mapping is doing now (an invocation, deleting or checkpointing its result), as
   * opposed to waiting (a long poll, a batching window, a back-off): the registry counts it, so
   * the app and tests can tell a mapping that is working from one that is waiting.
   */
  busy<T>(work: () => Promise<T>): Promise<T>;
}
