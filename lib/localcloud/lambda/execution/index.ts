/**
 * Lambda execution environments for the local cloud: a function's zip unpacked once per code sha,
 * its module loaded in a worker thread with the function's environment, reused between
 * invocations and recycled when idle. See README.md in this folder.
 */
export type {
  CreateExecutionPool,
  ExecutionPool,
  ExecutionPoolOptions,
  FailureKind,
  IdleTimer,
  InvocationContext,
  InvocationInput,
  InvocationOutcome,
  InvocationResult,
  LogLine,
  PoolClock,
  PoolStats,
} from "./types";
export { createExecutionPool } from "./pool";
