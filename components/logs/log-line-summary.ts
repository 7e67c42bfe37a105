/**
 * One line of a lab's live log in a few words, for the log panel: what kind of line it is, how it
 * went (for colour), and its text. Pure, so it is the same on the server and in the browser.
 */
import type { NumberedLogLine } from "@/lib/runtime/logs/log-line";

export type LogTone = "ok" | "err" | "warn" | "info";

export interface LogSummary {
  seq: number;
  time: string;
  fn: string;
  kind: string;
  tone: LogTone;
  text: string;
  traceId?: string;
  requestId?: string;
}

function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(11, 19);
}

function details(value: Record<string, unknown> | undefined): string {
  if (!value || Object.keys(value).length === 0) return "";
  const text = Object.entries(value)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

export function summarizeLogLine(line: NumberedLogLine): LogSummary {
  const base = { seq: line.seq, time: clock(line.timestamp), fn: line.function };
  switch (line.type) {
    case "invocation": {
      const tone: LogTone = line.outcome === "success" ? "ok" : line.outcome === "partial" || line.outcome === "throttled" ? "warn" : "err";
      const batch = `${line.batchSize} record${line.batchSize === 1 ? "" : "s"}`;
      const outcome = line.outcome === "partial" ? `partial: ${line.failedItems ?? 0} failed` : line.outcome;
      return {
        ...base,
        kind: "invoke",
        tone,
        requestId: line.requestId,
        text: `${outcome} · ${batch} · ${Math.round(line.durationMs)} ms${line.error ? ` · ${line.error}` : ""}`,
      };
    }
    case "handler": {
      const tone: LogTone = line.status === "success" ? "ok" : line.status === "error" ? "err" : line.status === "warning" ? "warn" : "info";
      const extra = details(line.details);
      return { ...base, kind: line.action, tone, traceId: line.trace_id, requestId: line.requestId, text: `${line.status}${extra ? ` · ${extra}` : ""}` };
    }
    case "console":
      return { ...base, kind: "console", tone: line.level === "error" ? "err" : line.level === "warn" ? "warn" : "info", requestId: line.requestId, text: line.message };
    case "mapping":
      return { ...base, kind: "trigger", tone: line.level === "error" ? "err" : line.level === "warn" ? "warn" : "info", text: line.message };
  }
}
