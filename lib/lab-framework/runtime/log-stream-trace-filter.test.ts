/**
 * Filtering the live log by a trace id keeps the handler lines that carry it and every other line
 * of the same invocations (the invocation's own line, what it printed).
 */
import { describe, expect, it } from "vitest";
import type { NumberedLogLine } from "@/lib/runtime";
import { traceMatcher } from "./log-stream";

const at = "2026-01-01T00:00:00.000Z";
const lines: NumberedLogLine[] = [
  { seq: 1, type: "handler", timestamp: at, requestId: "r1", function: "w", trace_id: "msg-1", action: "order_saved", status: "success", details: {} },
  { seq: 2, type: "console", timestamp: at, requestId: "r1", function: "w", level: "info", message: "saved" },
  { seq: 3, type: "invocation", timestamp: at, requestId: "r1", function: "w", batchSize: 1, durationMs: 3, outcome: "success" },
  { seq: 4, type: "handler", timestamp: at, requestId: "r2", function: "w", trace_id: "msg-2", action: "order_saved", status: "success", details: {} },
  { seq: 5, type: "invocation", timestamp: at, requestId: "r2", function: "w", batchSize: 1, durationMs: 3, outcome: "success" },
  { seq: 6, type: "mapping", timestamp: at, function: "w", mappingId: "m", level: "info", message: "Enabled; msg-1 mentioned" },
];

describe("trace filter", () => {
  it("keeps the trace's invocations and lines that mention it", () => {
    const matches = traceMatcher("MSG-1");
    expect(lines.filter(matches).map((l) => l.seq)).toEqual([1, 2, 3, 6]);
  });

  it("keeps everything without a trace id", () => {
    expect(lines.filter(traceMatcher(undefined))).toHaveLength(lines.length);
  });
});
