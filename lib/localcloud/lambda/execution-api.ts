/**
 * NOTE for B (lib/localcloud/lambda/execution/): this is what the Lambda service (A) calls. It follows
 * the shape of your brief; implement it in execution/index.ts and export these names from there
 * (or re-export these types). When execution/index.ts exists with the same names, A imports from
 * it and this file goes away. Anything you need to change: edit here and A will follow.
 *
 * The pool that runs a function's code in execution environments (worker threads), reused between
 * invocations of the same function and code, and recycled when idle.
 */
import type { VirtualClock } from "../core/clock";

export interface ExecutionPoolOptions {
  /** The workbook's node_modules, so the code can `require("@aws-sdk/client-sqs")` as on Lambda. */
  nodeModulesDir: string;
  /** Where zips are unpacked (`<workDir>/<sha>/`). */
  workDir: string;
  clock?: VirtualClock;
  maxWarmEnvironments?: number;
  idleMs?: number;
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
  zip: () => Buffer | Promise<Buffer>;
  /** `file.export`, e.g. `index.handler` or `src/app.main`. */
  handler: string;
  runtime: string;
  /** The whole process.env of the environment. */
  environment: Record<string, string>;
  timeoutSeconds: number;
  memorySizeMB: number;
  /** The event as JSON text. */
  event: string;
  context: InvocationContext;
}

export type InvocationOutcome =
  | { ok: true; payload: string }
  | { ok: false; errorType: string; errorMessage: string; trace: string[]; kind: "error" | "timeout" | "exit" | "marshal" | "init" };

export interface InvocationResult {
  outcome: InvocationOutcome;
  /** The handler's output lines in Lambda's format (no START/END/REPORT: the service writes those). */
  logLines: Array<{ timestamp: number; message: string }>;
  durationMs: number;
  /** Set on a cold start. */
  initDurationMs?: number;
  /** `YYYY/MM/DD/[$LATEST]<32 hex>`, one per execution environment. */
  logStreamName: string;
  maxMemoryUsedMB: number;
}

export interface ExecutionPool {
  invoke(input: InvocationInput): Promise<InvocationResult>;
  /** Code or configuration changed: the next invoke of this key starts a new environment. */
  retire(functionKey: string): void;
  close(): Promise<void>;
}

export type CreateExecutionPool = (options: ExecutionPoolOptions) => ExecutionPool;
