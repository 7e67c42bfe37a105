import type { ExecutionPool, ExecutionPoolOptions } from "./types";

export function createExecutionPool(_options: ExecutionPoolOptions): ExecutionPool {
  throw new Error("not implemented yet");
}
