import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { again, failure, invocation, messages, poolForTests } from "./test-support";

describe("loading a handler as Lambda's Node.js runtime does", () => {
  const bed = poolForTests();
  const ok = async (files: Record<string, string>, handler = "index.handler") => {
    const result = await bed.pool.invoke(invocation(files, { handler, event: '{"n":2}' }));
    if (!result.outcome.ok) throw new Error(JSON.stringify(result.outcome));
    return JSON.parse(result.outcome.payload);
  };

  it("runs a callback-style handler, and context.succeed / context.done", async () => {
    expect(await ok({ "index.js": "exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { doubled: event.n * 2 }), 1); };" })).toEqual({ doubled: 4 });
    expect(await ok({ "index.js": "exports.handler = (event, context) => { context.succeed('ok'); };" })).toBe("ok");
    const failed = await bed.pool.invoke(invocation({ "index.js": "exports.handler = (e, c, callback) => callback(new Error('declined'));" }));
    expect(failure(failed.outcome)).toMatchObject({ kind: "error", errorType: "Error", errorMessage: "declined" });
    const text = await bed.pool.invoke(invocation({ "index.js": "exports.handler = (e, c, callback) => callback('declined as text');" }));
    expect(failure(text.outcome)).toMatchObject({ errorType: "string", errorMessage: "declined as text", trace: [] });
  });

  it("returns null for a handler that returns nothing", async () => {
    expect(await ok({ "index.js": "exports.handler = async () => {};" })).toBeNull();
  });

  it("loads ES modules: .mjs, .js under a type: module package.json, with top-level await", async () => {
    expect(await ok({ "index.mjs": "const base = await Promise.resolve(10); export const handler = async (event) => base + event.n;" })).toBe(12);
    expect(await ok({ "package.json": '{"type":"module"}', "index.js": "import { helper } from './helper.js'; export const handler = async (e) => helper(e.n);", "helper.js": "export const helper = (n) => n * 3;" })).toBe(6);
  });

  it("loads CommonJS .js and .cjs files, and a handler in a nested folder", async () => {
    expect(await ok({ "index.cjs": "module.exports = { handler: async (e) => e.n + 1 };" })).toBe(3);
    expect(await ok({ "src/app/main.js": "exports.orders = { handle: async (e) => e.n + 5 };" }, "src/app/main.orders.handle")).toBe(7);
  });

  it("reports a missing module as Runtime.ImportModuleError, in Lambda's words", async () => {
    const result = await bed.pool.invoke(invocation({ "other.js": "exports.handler = async () => 1;" }));
    expect(failure(result.outcome)).toMatchObject({
      kind: "init",
      errorType: "Runtime.ImportModuleError",
      errorMessage: "Error: Cannot find module 'index'\nRequire stack:\n- /var/runtime/index.mjs",
    });
    expect(failure(result.outcome).trace.slice(0, 3)).toEqual(["Runtime.ImportModuleError: Error: Cannot find module 'index'", "Require stack:", "- /var/runtime/index.mjs"]);
    expect(messages(result.logLines)[0]).toMatch(/^\S+Z\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime.ImportModuleError"/);
    const dependency = await bed.pool.invoke(invocation({ "index.js": "require('left-pad-not-here'); exports.handler = async () => 1;" }));
    expect(failure(dependency.outcome)).toMatchObject({ errorType: "Runtime.ImportModuleError" });
    expect(failure(dependency.outcome).errorMessage).toMatch(/^Error: Cannot find module 'left-pad-not-here'\nRequire stack:\n- \S+\/index\.js\n- \/var\/runtime\/index\.mjs$/);
  });

  it("reports a handler that is not exported as Runtime.HandlerNotFound", async () => {
    const missing = await bed.pool.invoke(invocation({ "index.js": "exports.main = async () => 1;" }));
    expect(failure(missing.outcome)).toMatchObject({ kind: "init", errorType: "Runtime.HandlerNotFound", errorMessage: "index.handler is undefined or not exported" });
    const notFunction = await bed.pool.invoke(invocation({ "index.js": "exports.handler = 42;" }));
    expect(failure(notFunction.outcome)).toMatchObject({ errorType: "Runtime.HandlerNotFound", errorMessage: "index.handler is not a function" });
  });

  it("reports a syntax error as Runtime.UserCodeSyntaxError and a bad handler string as Runtime.MalformedHandlerName", async () => {
    const syntax = await bed.pool.invoke(invocation({ "index.js": "exports.handler = async () => {" }));
    expect(failure(syntax.outcome)).toMatchObject({ kind: "init", errorType: "Runtime.UserCodeSyntaxError" });
    expect(failure(syntax.outcome).errorMessage).toMatch(/^SyntaxError: /);
    const malformed = await bed.pool.invoke(invocation({ "index.js": "" }, { handler: "index" }));
    expect(failure(malformed.outcome)).toMatchObject({ errorType: "Runtime.MalformedHandlerName", errorMessage: "Bad handler" });
  });

  it("fails the invocation with the error the module threw while loading, and loads it again on the next one", async () => {
    const flag = join(tmpdir(), `init-flag-${randomUUID()}`);
    const input = invocation({
      "index.js": `const fs = require("fs");
        if (!fs.existsSync(${JSON.stringify(flag)})) { fs.writeFileSync(${JSON.stringify(flag)}, "1"); throw new Error("no database"); }
        exports.handler = async () => "connected";`,
    });
    const environments = bed.pool.stats().environments;
    const result = await bed.pool.invoke(input);
    expect(failure(result.outcome)).toMatchObject({ kind: "init", errorType: "Error", errorMessage: "no database" });
    expect(bed.pool.stats().environments).toBe(environments);
    const next = await bed.pool.invoke(again(input));
    expect(next.outcome).toEqual({ ok: true, payload: '"connected"' });
    expect(next.initDurationMs).toBeDefined();
    rmSync(flag, { force: true });
  });
});
