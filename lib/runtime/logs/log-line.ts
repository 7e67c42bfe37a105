/**
 * The structured lines a lab page streams. Every line is one JSON object with a `timestamp` (ISO
 * 8601, UTC) and a `type`:
 *
 * - `invocation`: one per function invocation, written when it ends (what Lambda's REPORT line
 *   says, plus how it ended);
 * - `handler`: written by a handler through `structuredLog` (the FIFO lab's fields: trace_id,
 *   action, status, details);
 * - `console`: what a handler printed with console.log / console.error during an invocation;
 * - `mapping`: what an event source mapping did that is not an invocation (enabled, a poll that
 *   failed, records discarded after their retries, a shard finished).
 */
export type InvocationOutcome = "success" | "partial" | "error" | "timeout" | "throttled";

export interface InvocationLogLine {
  type: "invocation";
  timestamp: string;
  requestId: string;
  function: string;
  mappingId?: string;
  /** `aws:sqs`, `aws:kinesis`, `aws:dynamodb` or `aws:apigateway`. */
  eventSource?: string;
  batchSize: number;
  durationMs: number;
  outcome: InvocationOutcome;
  /** For `partial`: how many records the function reported as failed. */
  failedItems?: number;
  error?: string;
}

export type HandlerLogStatus = "info" | "success" | "error" | "warning";

export interface HandlerLogLine {
  type: "handler";
  timestamp: string;
  requestId: string;
  function: string;
  trace_id: string;
  action: string;
  status: HandlerLogStatus;
  details: Record<string, unknown>;
}

export interface ConsoleLogLine {
  type: "console";
  timestamp: string;
  requestId: string;
  function: string;
  level: "info" | "warn" | "error";
  message: string;
}

export interface MappingLogLine {
  type: "mapping";
  timestamp: string;
  function: string;
  mappingId: string;
  level: "info" | "warn" | "error";
  message: string;
  details?: Record<string, unknown>;
}

export type LogLine = InvocationLogLine | HandlerLogLine | ConsoleLogLine | MappingLogLine;

/** A line as kept in a buffer: numbered, so a reconnecting stream can ask for what it missed. */
export type NumberedLogLine = LogLine & { seq: number };
