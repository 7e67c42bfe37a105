import { beforeEach, describe, expect, it, vi } from "vitest";
import { again, failure, invocation, messages, poolForTests } from "./test-support";

/** A function whose handler fails as `event.mode` says, and otherwise counts its invocations. */
const FAILING = {
  "index.js": `
    let invocations = 0;
    exports.handler = async (event) => {
      invocations += 1;
      console.log("mode", event.mode);
      switch (event.mode) {
        case "throw": throw new TypeError("order 42 is invalid");
        case "loop": for (;;) {}
        case "never": return new Promise(() => {});
        case "exit": process.exit(1);
        case "exit0": process.exit(0);
        case "reject": Promise.reject(new Error("forgotten promise")); await new Promise((r) => setTimeout(r, 20)); return "late";
        case "uncaught": setTimeout(() => { throw new RangeError("from a timer"); }, 1); await new Promise((r) => setTimeout(r, 20)); return "late";
        case "circular": { const order = { id: 1 }; order.self = order; return order; }
        case "bigint": return { total: 10n };
        case "memory": { const hold = []; for (;;) hold.push(new Array(100000).fill(Math.random())); }
        default: return { invocations };
      }
    };`,
};

describe("a handler that fails", () => {
  const bed = poolForTests();
  let environmentsBefore = 0;
  beforeEach(() => {
    environmentsBefore = bed.pool.stats().environments;
  });
  const run = (mode: string, overrides = {}) => bed.pool.invoke(invocation(FAILING, { event: JSON.stringify({ mode }), ...overrides }));

  it("that throws fails that invocation with Lambda's error shape, and the environment stays warm", async () => {
    const input = invocation(FAILING, { event: '{"mode":"throw"}' });
    const result = await bed.pool.invoke(input);
    expect(failure(result.outcome)).toMatchObject({ kind: "error", errorType: "TypeError", errorMessage: "order 42 is invalid" });
    expect(failure(result.outcome).trace[0]).toBe("TypeError: order 42 is invalid");
    expect(failure(result.outcome).trace[1]).toMatch(/^ {4}at /);
    const logged = messages(result.logLines).find((line) => line.includes("Invoke Error"));
    expect(logged).toContain(`\t${input.context.requestId}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"order 42 is invalid","stack":["TypeError: order 42 is invalid",`);
    const next = await bed.pool.invoke(again(input, { event: "{}" }));
    expect(next.outcome).toEqual({ ok: true, payload: '{"invocations":2}' });
    expect(next.initDurationMs).toBeUndefined();
  });

  it("that loops forever is stopped at its timeout, and the pool still serves", async () => {
    const input = invocation(FAILING, { event: '{"mode":"loop"}', timeoutSeconds: 0.25 });
    const result = await bed.pool.invoke(input);
    expect(failure(result.outcome)).toEqual({
      ok: false,
      kind: "timeout",
      errorType: "Sandbox.Timedout",
      errorMessage: `RequestId: ${input.context.requestId} Error: Task timed out after 0.25 seconds`,
      trace: [],
    });
    expect(result.durationMs).toBe(250);
    const lines = messages(result.logLines);
    expect(lines[0]).toMatch(/\tINFO\tmode loop$/);
    expect(lines.at(-1)).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${input.context.requestId} Task timed out after 0.25 seconds$`));
    // The environment was discarded: the next invocation of the function is a cold start that works.
    const next = await bed.pool.invoke(again(input, { event: "{}" }));
    expect(next.outcome).toEqual({ ok: true, payload: '{"invocations":1}' });
    expect(next.initDurationMs).toBeDefined();
  });

  it("whose promise never settles is stopped at its timeout", async () => {
    const result = await run("never", { timeoutSeconds: 0.1 });
    expect(failure(result.outcome)).toMatchObject({ kind: "timeout", errorType: "Sandbox.Timedout" });
  });

  it("that calls process.exit fails with Runtime.ExitError, and the next invocation starts a new environment", async () => {
    const input = invocation(FAILING, { event: '{"mode":"exit"}' });
    const result = await bed.pool.invoke(input);
    const error = `RequestId: ${input.context.requestId} Error: Runtime exited with error: exit status 1`;
    expect(failure(result.outcome)).toEqual({ ok: false, kind: "exit", errorType: "Runtime.ExitError", errorMessage: error, trace: [] });
    expect(messages(result.logLines).slice(-2)).toEqual([error, "Runtime.ExitError"]);
    const next = await bed.pool.invoke(again(input, { event: "{}" }));
    expect(next.outcome).toEqual({ ok: true, payload: '{"invocations":1}' });
  });

  it("that exits with status 0 is a runtime that exited without providing a reason", async () => {
    const result = await run("exit0");
    expect(failure(result.outcome).errorMessage).toMatch(/Error: Runtime exited without providing a reason$/);
  });

  it("that leaves a promise rejection unhandled fails with Runtime.UnhandledPromiseRejection and is discarded", async () => {
    const input = invocation(FAILING, { event: '{"mode":"reject"}' });
    const result = await bed.pool.invoke(input);
    expect(failure(result.outcome)).toMatchObject({ kind: "exit", errorType: "Runtime.UnhandledPromiseRejection", errorMessage: "Error: forgotten promise" });
    expect(failure(result.outcome).trace[0]).toBe("Runtime.UnhandledPromiseRejection: Error: forgotten promise");
    expect(messages(result.logLines).some((line) => line.includes("\tERROR\tUnhandled Promise Rejection \t{\"errorType\":\"Runtime.UnhandledPromiseRejection\""))).toBe(true);
    expect((await bed.pool.invoke(again(input, { event: "{}" }))).outcome).toEqual({ ok: true, payload: '{"invocations":1}' });
  });

  it("that throws outside the handler's promise fails with that error as an uncaught exception", async () => {
    const result = await run("uncaught");
    expect(failure(result.outcome)).toMatchObject({ kind: "exit", errorType: "RangeError", errorMessage: "from a timer" });
    expect(messages(result.logLines).some((line) => line.includes("\tERROR\tUncaught Exception \t{\"errorType\":\"RangeError\""))).toBe(true);
  });

  it("whose response cannot be serialised fails with Runtime.MarshalError", async () => {
    for (const mode of ["circular", "bigint"]) {
      const result = await run(mode);
      expect(failure(result.outcome)).toMatchObject({ kind: "marshal", errorType: "Runtime.MarshalError", errorMessage: "Unable to stringify response body" });
    }
  });

  it("that exits after answering leaves its answer standing, and the next invocation starts a new environment", async () => {
    const input = invocation({ "index.js": "let n = 0; exports.handler = async () => { n += 1; setTimeout(() => process.exit(2), 1); return n; };" });
    expect((await bed.pool.invoke(input)).outcome).toEqual({ ok: true, payload: "1" });
    await vi.waitFor(() => expect(bed.pool.stats().environments).toBe(environmentsBefore));
    const next = await bed.pool.invoke(again(input));
    expect(next.outcome).toEqual({ ok: true, payload: "1" });
    expect(next.initDurationMs).toBeDefined();
  });

  it("that runs out of memory fails with Runtime.OutOfMemory, and the host keeps serving", async () => {
    const input = invocation(FAILING, { event: '{"mode":"memory"}', memorySizeMB: 64, timeoutSeconds: 20 });
    const result = await bed.pool.invoke(input);
    expect(failure(result.outcome)).toMatchObject({
      kind: "exit",
      errorType: "Runtime.OutOfMemory",
      errorMessage: `RequestId: ${input.context.requestId} Error: Runtime exited with error: signal: killed`,
    });
    expect((await bed.pool.invoke(again(input, { event: "{}" }))).outcome.ok).toBe(true);
  });
});
