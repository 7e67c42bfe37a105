import { describe, expect, it } from "vitest";
import type { LogLine } from "./log-line";
import { LogRingBuffer } from "./log-ring-buffer";

const invocation = (requestId: string, outcome: "success" | "error", fn = "user3-worker"): LogLine => ({
  type: "invocation",
  timestamp: "2026-01-01T00:00:00.000Z",
  requestId,
  function: fn,
  batchSize: 1,
  durationMs: 3,
  outcome,
});

describe("the log ring buffer", () => {
  it("keeps the newest lines, numbered, and answers what came after a number", () => {
    const buffer = new LogRingBuffer(3);
    for (let i = 1; i <= 5; i += 1) buffer.append(invocation(`r${i}`, "success"));
    expect(buffer.query().map((l) => [l.seq, "requestId" in l ? l.requestId : ""])).toEqual([
      [3, "r3"],
      [4, "r4"],
      [5, "r5"],
    ]);
    expect(buffer.query({ afterSeq: 4 }).map((l) => l.seq)).toEqual([5]);
    expect(buffer.query({ limit: 1 }).map((l) => l.seq)).toEqual([5]);
    expect(buffer.lastSeq).toBe(5);
  });

  it("filters by outcome, function, request id and text", () => {
    const buffer = new LogRingBuffer();
    buffer.append(invocation("a", "success"));
    buffer.append(invocation("b", "error"));
    buffer.append(invocation("c", "error", "user3-other"));
    expect(buffer.query({ filter: { outcome: "error" } }).map((l) => l.seq)).toEqual([2, 3]);
    expect(buffer.query({ filter: { outcome: "error", function: "user3-worker" } }).map((l) => l.seq)).toEqual([2]);
    expect(buffer.query({ filter: { requestId: "c" } }).map((l) => l.seq)).toEqual([3]);
    expect(buffer.query({ filter: { text: "USER3-OTHER" } }).map((l) => l.seq)).toEqual([3]);
    expect(buffer.query({ filter: { type: "handler" } })).toEqual([]);
  });

  it("streams new matching lines to subscribers until they unsubscribe", () => {
    const buffer = new LogRingBuffer();
    const errors: number[] = [];
    const unsubscribe = buffer.subscribe((line) => errors.push(line.seq), { outcome: "error" });
    buffer.append(invocation("a", "success"));
    buffer.append(invocation("b", "error"));
    unsubscribe();
    buffer.append(invocation("c", "error"));
    expect(errors).toEqual([2]);
  });

  it("a failing subscriber does not stop the others", () => {
    const buffer = new LogRingBuffer();
    const seen: number[] = [];
    buffer.subscribe(() => {
      throw new Error("a broken stream");
    });
    buffer.subscribe((line) => seen.push(line.seq));
    const original = console.error;
    console.error = () => undefined;
    try {
      buffer.append(invocation("a", "success"));
    } finally {
      console.error = original;
    }
    expect(seen).toEqual([1]);
  });
});
