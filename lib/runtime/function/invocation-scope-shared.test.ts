/**
 * A handler bundled in another chunk than the runtime (Next.js makes several) imports its own copy
 * of the scope module; its structuredLog must still land in the invocation's log.
 */
import { expect, it, vi } from "vitest";
import type { LogLine } from "../logs/log-line";

it("shares the invocation scope between two copies of the module", async () => {
  const runtimeCopy = await import("./invocation-scope");
  vi.resetModules();
  const handlerCopy = await import("../logs/structured-log");
  const lines: LogLine[] = [];
  const scope = { requestId: "req-1", functionName: "fn", active: true, write: (line: LogLine) => lines.push(line) };
  runtimeCopy.runInInvocationScope(scope, () => handlerCopy.structuredLog({ trace_id: "m-1", action: "dynamodb_save", status: "success" }));
  expect(lines).toMatchObject([{ type: "handler", requestId: "req-1", trace_id: "m-1", action: "dynamodb_save" }]);
});
