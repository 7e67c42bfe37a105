/**
 * The logger handlers use, in the FIFO lab's format:
 *
 *   { "trace_id": "...", "action": "message_received", "status": "info", "details": {...}, "timestamp": "..." }
 *
 * Inside the runtime each call becomes a `handler` line in the lab's live log (with the request id
 * and function name). Anywhere else, on Lambda for instance, it prints the same JSON to stdout,
 * which is where Lambda's CloudWatch Logs capture comes from.
 */
import { currentInvocation } from "../function/invocation-scope";
import type { HandlerLogStatus } from "./log-line";

export interface StructuredLogEntry {
  trace_id: string;
  action: string;
  status: HandlerLogStatus;
  details?: Record<string, unknown>;
}

export function structuredLog(entry: StructuredLogEntry): void {
  const timestamp = new Date().toISOString();
  const details = entry.details ?? {};
  const scope = currentInvocation();
  if (scope) {
    scope.write({
      type: "handler",
      timestamp,
      requestId: scope.requestId,
      function: scope.functionName,
      trace_id: entry.trace_id,
      action: entry.action,
      status: entry.status,
      details,
    });
    return;
  }
  console.log(JSON.stringify({ trace_id: entry.trace_id, action: entry.action, status: entry.status, details, timestamp }));
}
