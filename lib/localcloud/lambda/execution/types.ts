/**
 * The execution pool's public types: what the Lambda service (lib/localcloud/lambda) calls to run a
 * function's code in execution environments (one worker thread each), reused between invocations
 * of the same function, code and configuration, and recycled when idle.
 */

/** What the pool reads the time from (the local cloud's VirtualClock fits). */
export interface PoolClock {
  now(): number;
}

/** Schedules idle recycling; by default real time. A test may pass the local cloud's VirtualClock. */
export interface IdleTimer {
  after(delayMs: number, fn: () => void): { cancel(): void };
}

export interface ExecutionPoolOptions {
  /** The workbook's node_modules, so the code can `require("@aws-sdk/client-sqs")` as on Lambda. */
  nodeModulesDir: string;
  /** Where zips are unpacked (`<workDir>/<sha>/`); the pool owns this folder. */
  workDir: string;
  /** Log line timestamps and log stream dates (default: real time). */
  clock?: PoolClock;
  /** Most environments kept (idle or busy; the least recently used idle one goes first). Default 64. */
  maxWarmEnvironments?: number;
  /** An environment idle this long is stopped (default 5 minutes, real time). */
  idleMs?: number;
  /** Timer for idle recycling (default: real time). */
  idleTimer?: IdleTimer;
  /** Pre-started workers kept ready for cold starts (default 1; 0 turns it off). */
  spareWorkers?: number;
}

export interface InvocationContext {
  requestId: string;
  functionName: string;
  functionArn: string;
  functionVersion: string;
  logGroupName: string;
}

export interface InvocationInput {
  /** One function's environments share this key (region + name); environments of another key are never reused. */
  functionKey: string;
  /** Base64 sha256 of the zip; the unpacked folder is reused per sha. */
  codeSha256: string;
  /** Called only when this sha has not been unpacked yet. */
  zip: () => Buffer | Uint8Array | Promise<Buffer | Uint8Array>;
  /** `file.export`, e.g. `index.handler` or `src/app.main`. */
  handler: string;
  runtime: string;
  /** The whole process.env of the environment. */
  environment: Record<string, string>;
  /** Fractions are accepted (tests); AWS's minimum is 1. */
  timeoutSeconds: number;
  memorySizeMB: number;
  /** The event as JSON text. */
  event: string;
  context: InvocationContext;
}

export type FailureKind = "error" | "timeout" | "exit" | "marshal" | "init";

export type InvocationOutcome =
  | { ok: true; payload: string }
  | { ok: false; errorType: string; errorMessage: string; trace: string[]; kind: FailureKind };

export interface LogLine {
  /** Epoch milliseconds on the pool's clock. */
  timestamp: number;
  message: string;
}

export interface InvocationResult {
  outcome: InvocationOutcome;
  /**
   * The code's output lines in Lambda's format, including the runtime's own lines for a failure
   * (`Invoke Error`, `Task timed out after …`); no START/END/REPORT: the service writes those.
   */
  logLines: LogLine[];
  durationMs: number;
  /** Set on a cold start. */
  initDurationMs?: number;
  /** `YYYY/MM/DD/[$LATEST]<32 hex>`, one per execution environment. */
  logStreamName: string;
  maxMemoryUsedMB: number;
}

export interface PoolStats {
  /** Environments with a loaded function (idle + busy). */
  environments: number;
  busy: number;
  idle: number;
  /** Pre-started workers with no function loaded yet. */
  spares: number;
  /** Sum of the environments' last reported heap + external memory, MB. */
  memoryMB: number;
}

export interface ExecutionPool {
  invoke(input: InvocationInput): Promise<InvocationResult>;
  /** Code or configuration changed: the next invoke of this key starts a new environment. */
  retire(functionKey: string): void;
  stats(): PoolStats;
  close(): Promise<void>;
}

export type CreateExecutionPool = (options: ExecutionPoolOptions) => ExecutionPool;
