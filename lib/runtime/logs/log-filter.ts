import type { InvocationOutcome, LogLine } from "./log-line";

/** What a lab page may filter its log stream by; every field narrows, none is required. */
export interface LogFilter {
  type?: LogLine["type"];
  function?: string;
  mappingId?: string;
  requestId?: string;
  outcome?: InvocationOutcome;
  /** Case-insensitive substring of the line's JSON. */
  text?: string;
}

export function matchesFilter(line: LogLine, filter: LogFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.type && line.type !== filter.type) return false;
  if (filter.function && line.function !== filter.function) return false;
  if (filter.mappingId && !("mappingId" in line && line.mappingId === filter.mappingId)) return false;
  if (filter.requestId && !("requestId" in line && line.requestId === filter.requestId)) return false;
  if (filter.outcome && !(line.type === "invocation" && line.outcome === filter.outcome)) return false;
  if (filter.text && !JSON.stringify(line).toLowerCase().includes(filter.text.toLowerCase())) return false;
  return true;
}
