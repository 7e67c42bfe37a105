/**
 * What the Lambda service reports, in its own words, when an environment does not answer: a
 * timeout (Sandbox.Timedout), a runtime that exited (Runtime.ExitError) or ran out of memory
 * (Runtime.OutOfMemory), and the log lines Lambda writes for them.
 */
import type { LambdaErrorShape } from "./messages";
import type { LogLine } from "./types";

export function timedOut(requestId: string, seconds: number): LambdaErrorShape {
  return { errorType: "Sandbox.Timedout", errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds`, trace: [] };
}

export function timedOutLine(requestId: string, seconds: number, timestamp: number): LogLine {
  return { timestamp, message: `${new Date(timestamp).toISOString()} ${requestId} Task timed out after ${seconds.toFixed(2)} seconds` };
}

export function exited(requestId: string, code: number, outOfMemory: boolean): LambdaErrorShape {
  if (outOfMemory) return { errorType: "Runtime.OutOfMemory", errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`, trace: [] };
  const reason = code === 0 ? "Runtime exited without providing a reason" : `Runtime exited with error: exit status ${code}`;
  return { errorType: "Runtime.ExitError", errorMessage: `RequestId: ${requestId} Error: ${reason}`, trace: [] };
}

export function exitedLines(error: LambdaErrorShape, timestamp: number): LogLine[] {
  return [
    { timestamp, message: error.errorMessage },
    { timestamp, message: error.errorType },
  ];
}
