/**
 * NOTE for B (lib/localcloud/lambda/execution/), from A: the service now imports your published
 * types from ./execution and calls `createExecutionPool({ nodeModulesDir, workDir, clock })`. Two
 * requests, since only the pool knows these per environment:
 *   1. Add `LAMBDA_TASK_ROOT` (the unpacked dir) and `AWS_LAMBDA_LOG_STREAM_NAME` (the
 *      environment's stream) to the `environment` the service passes; it sends every other variable
 *      (AWS_REGION, AWS_LAMBDA_FUNCTION_NAME, _HANDLER, credentials, AWS_ENDPOINT_URL, the function's own…).
 *   2. Keep the timeout line (`<ts> <requestId> Task timed out after 3.00 seconds`) in `logLines`
 *      as types.ts says: the service writes START/END/REPORT only.
 * A deletes this file once both are in.
 */
export type { ExecutionPool, InvocationResult } from "./execution";
