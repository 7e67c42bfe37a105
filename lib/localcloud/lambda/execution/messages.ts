/**
 * The messages between the pool (host thread) and one execution environment's worker thread. The
 * worker side is plain JavaScript in worker-source.ts; these types are the contract both follow.
 */
import type { LogLine } from "./types";

export interface LambdaErrorShape {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** Host → worker. */
export type ToWorker =
  | {
      type: "init";
      taskRoot: string;
      handler: string;
      environment: Record<string, string>;
      /** Added to the worker's Date.now() for log timestamps (the pool's clock minus real time). */
      clockOffsetMs: number;
    }
  | {
      type: "invoke";
      requestId: string;
      event: string;
      /** Real epoch ms at which the invocation times out (getRemainingTimeInMillis). */
      deadlineMs: number;
      clockOffsetMs: number;
      context: {
        functionName: string;
        functionVersion: string;
        invokedFunctionArn: string;
        memoryLimitInMB: string;
        logGroupName: string;
        logStreamName: string;
      };
    };

/** Worker → host. */
export type FromWorker =
  | { type: "ready" }
  | { type: "log"; line: LogLine }
  | { type: "initialised"; initMs: number; memoryMB: number }
  | { type: "initFailed"; error: LambdaErrorShape; initMs: number }
  | { type: "result"; ok: true; payload: string; durationMs: number; memoryMB: number }
  | { type: "result"; ok: false; marshal: boolean; error: LambdaErrorShape; durationMs: number; memoryMB: number }
  /** An uncaught exception or unhandled rejection: the worker exits right after this. */
  | { type: "fatal"; error: LambdaErrorShape };
