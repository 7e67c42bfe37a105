/**
 * The bootstrap every execution environment's worker thread runs: plain CommonJS, written to
 * `<workDir>/.runtime/` by the pool (a file, not eval, so stack traces and `import()` behave as in
 * a script). It mirrors the Lambda Node.js runtime (aws-lambda-nodejs-runtime-interface-client):
 * the handler lookup (`UserFunction.load`), the error shapes and the console patch (`LogPatch`).
 * Messages follow messages.ts. Kept free of template literals so it can live in String.raw.
 */
export const WORKER_SOURCE = String.raw`"use strict";
const { parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const util = require("node:util");
const v8 = require("node:v8");
const { pathToFileURL } = require("node:url");
const { performance } = require("node:perf_hooks");

const RUNTIME_PATH = "/var/runtime/index.mjs";
let clockOffsetMs = 0;
let requestId = "undefined";
let jsonFormat = false;
let minLevel = 0;
let handlerFn = null;
let peakMB = 0;
const partial = { out: "", err: "" };

function post(message) { parentPort.postMessage(message); }
function line(text) { post({ type: "log", line: { timestamp: Date.now() + clockOffsetMs, message: text } }); }
function memoryMB() {
  const h = v8.getHeapStatistics();
  const mb = Math.ceil((h.total_heap_size + h.external_memory) / 1048576);
  if (mb > peakMB) peakMB = mb;
  return peakMB;
}

// process.stdout / process.stderr: raw lines, as Lambda captures a process's output.
function rawWriter(which) {
  return function write(chunk, encoding, callback) {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString(typeof encoding === "string" && Buffer.isEncoding(encoding) ? encoding : "utf8");
    let buffered = partial[which] + text;
    let at = buffered.indexOf("\n");
    while (at !== -1) { line(buffered.slice(0, at)); buffered = buffered.slice(at + 1); at = buffered.indexOf("\n"); }
    partial[which] = buffered;
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done);
    return true;
  };
}
process.stdout.write = rawWriter("out");
process.stderr.write = rawWriter("err");
function flushPartial() {
  for (const which of ["out", "err"]) if (partial[which] !== "") { line(partial[which]); partial[which] = ""; }
}

// console.*: Lambda's text format (timestamp, request id, level, message) or its JSON format.
const LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };
function consoleLine(level, args) {
  if (LEVELS[level] < minLevel) return;
  const time = new Date(Date.now() + clockOffsetMs).toISOString();
  if (!jsonFormat) { line(time + "\t" + requestId + "\t" + level + "\t" + util.format.apply(null, args)); return; }
  const entry = { timestamp: time, level: level, requestId: requestId, message: util.format.apply(null, args) };
  const first = args[0];
  if (args.length === 1 && first instanceof Error) {
    entry.message = first.message; entry.errorType = first.name; entry.errorMessage = first.message;
    entry.stackTrace = String(first.stack || "").split("\n");
  } else if (args.length === 1 && first !== null && typeof first === "object") {
    try { entry.message = JSON.parse(JSON.stringify(first)); } catch (e) { /* keep the formatted text */ }
  }
  line(JSON.stringify(entry));
}
console.trace = function () { consoleLine("TRACE", Array.from(arguments)); };
console.debug = function () { consoleLine("DEBUG", Array.from(arguments)); };
console.info = function () { consoleLine("INFO", Array.from(arguments)); };
console.log = function () { consoleLine("INFO", Array.from(arguments)); };
console.warn = function () { consoleLine("WARN", Array.from(arguments)); };
console.error = function () { consoleLine("ERROR", Array.from(arguments)); };
console.fatal = function () { consoleLine("FATAL", Array.from(arguments)); };

// Lambda's error shapes (Errors.toRapidResponse / toFormatted).
function errorShape(error) {
  try {
    if (error instanceof Error) {
      return { errorType: String(error.name), errorMessage: String(error.message), trace: asRuntime(String(error.stack || "")).split("\n") };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch (e) {
    return { errorType: "handled", errorMessage: "callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack", trace: [] };
  }
}
function formatted(shape) {
  return "\t" + JSON.stringify({ errorType: shape.errorType, errorMessage: shape.errorMessage, stack: shape.trace });
}
// Frames and require stacks name the runtime as Lambda's does, not this file.
const RUNTIME_BOOTSTRAP = __filename;
function asRuntime(text) { return text.split(RUNTIME_BOOTSTRAP).join(RUNTIME_PATH); }
function frames(error) {
  return error instanceof Error ? String(error.stack || "").split("\n").filter(function (l) { return /^\s+at /.test(l); }).map(asRuntime) : [];
}
function runtimeError(type, error) {
  const message = asRuntime(error instanceof Error ? error.name + ": " + error.message : String(error));
  return { errorType: type, errorMessage: message, trace: (type + ": " + message).split("\n").concat(frames(error)) };
}

// Fatal errors outside a handler's promise: logged as Lambda logs them, then the environment ends.
let dying = false;
function fatal(label, shape, code) {
  if (dying) return;
  dying = true;
  consoleLine("ERROR", [label, formatted(shape)]);
  flushPartial();
  post({ type: "fatal", error: shape });
  process.exit(code);
}
process.on("uncaughtException", function (error) { fatal("Uncaught Exception", errorShape(error), 129); });
process.on("unhandledRejection", function (reason) {
  const message = reason instanceof Error ? reason.name + ": " + reason.message : String(reason);
  const shape = { errorType: "Runtime.UnhandledPromiseRejection", errorMessage: message, trace: ("Runtime.UnhandledPromiseRejection: " + message).split("\n").concat(frames(reason)) };
  fatal("Unhandled Promise Rejection", shape, 128);
});

// The handler lookup of the Node.js runtime (UserFunction.js).
function namedError(name, message) { const e = new Error(message); e.name = name; return e; }
function hasPackageJsonTypeModule(dir, taskRoot) {
  for (;;) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      try { return JSON.parse(fs.readFileSync(file, "utf8")).type === "module"; } catch (e) { return false; }
    }
    if (dir === taskRoot || path.dirname(dir) === dir) return false;
    dir = path.dirname(dir);
  }
}
function tryRequireFile(file) { return fs.existsSync(file) ? require(file) : undefined; }
async function tryImport(file) { return fs.existsSync(file) ? await import(pathToFileURL(file).href) : undefined; }
async function tryRequire(taskRoot, moduleRoot, moduleName) {
  const base = path.resolve(taskRoot, moduleRoot, moduleName);
  const extensionless = tryRequireFile(base);
  if (extensionless) return extensionless;
  const typeModule = fs.existsSync(base + ".js") && hasPackageJsonTypeModule(path.dirname(base + ".js"), taskRoot);
  if (!typeModule) { const loaded = tryRequireFile(base + ".js"); if (loaded) return loaded; }
  const loaded = (typeModule && (await tryImport(base + ".js"))) || (await tryImport(base + ".mjs")) || tryRequireFile(base + ".cjs");
  if (loaded) return loaded;
  return require(require.resolve(moduleName, { paths: [taskRoot, path.join(taskRoot, moduleRoot)] }));
}
async function loadHandler(taskRoot, handlerString) {
  if (handlerString.includes("..")) throw namedError("Runtime.MalformedHandlerName", "'" + handlerString + "' is not a valid handler name. Use absolute paths when specifying root directories in handler names.");
  const slash = handlerString.lastIndexOf("/");
  const moduleRoot = slash === -1 ? "" : handlerString.slice(0, slash);
  const match = handlerString.slice(slash + 1).match(/^([^.]*)\.(.*)$/);
  if (!match) throw namedError("Runtime.MalformedHandlerName", "Bad handler");
  let app;
  try {
    app = await tryRequire(taskRoot, moduleRoot, match[1]);
  } catch (error) {
    if (error instanceof SyntaxError) throw { shape: runtimeError("Runtime.UserCodeSyntaxError", error) };
    if (error && (error.code === "MODULE_NOT_FOUND" || error.code === "ERR_MODULE_NOT_FOUND")) throw { shape: runtimeError("Runtime.ImportModuleError", error) };
    throw error;
  }
  const fn = match[2].split(".").reduce(function (nested, key) { return nested && nested[key]; }, app);
  if (!fn) throw namedError("Runtime.HandlerNotFound", handlerString + " is undefined or not exported");
  if (typeof fn !== "function") throw namedError("Runtime.HandlerNotFound", handlerString + " is not a function");
  return fn;
}

async function init(message) {
  const started = performance.now();
  clockOffsetMs = message.clockOffsetMs;
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, message.environment);
  process.cwd = function () { return message.taskRoot; };
  jsonFormat = process.env.AWS_LAMBDA_LOG_FORMAT === "JSON";
  minLevel = jsonFormat ? (LEVELS[String(process.env.AWS_LAMBDA_LOG_LEVEL || "").toUpperCase()] || 0) : 0;
  try {
    handlerFn = await loadHandler(message.taskRoot, message.handler);
  } catch (error) {
    const shape = error && error.shape ? error.shape : errorShape(error);
    consoleLine("ERROR", ["Uncaught Exception", formatted(shape)]);
    flushPartial();
    post({ type: "initFailed", error: shape, initMs: performance.now() - started });
    return;
  }
  post({ type: "initialised", initMs: performance.now() - started, memoryMB: memoryMB() });
}

function invoke(message) {
  requestId = message.requestId;
  clockOffsetMs = message.clockOffsetMs;
  const started = performance.now();
  let settled = false;
  function succeed(result) {
    if (settled) return;
    settled = true;
    let payload;
    try {
      payload = JSON.stringify(result === undefined ? null : result);
      if (payload === undefined) payload = "null";
    } catch (e) {
      const shape = { errorType: "Runtime.MarshalError", errorMessage: "Unable to stringify response body", trace: [] };
      consoleLine("ERROR", ["Invoke Error", formatted(shape)]);
      finish({ type: "result", ok: false, marshal: true, error: shape });
      return;
    }
    finish({ type: "result", ok: true, payload: payload });
  }
  function fail(error) {
    if (settled) return;
    settled = true;
    const shape = errorShape(error);
    consoleLine("ERROR", ["Invoke Error", formatted(shape)]);
    finish({ type: "result", ok: false, marshal: false, error: shape });
  }
  function finish(result) {
    flushPartial();
    result.durationMs = performance.now() - started;
    result.memoryMB = memoryMB();
    post(result);
  }
  const c = message.context;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: c.functionName,
    functionVersion: c.functionVersion,
    invokedFunctionArn: c.invokedFunctionArn,
    memoryLimitInMB: c.memoryLimitInMB,
    awsRequestId: message.requestId,
    logGroupName: c.logGroupName,
    logStreamName: c.logStreamName,
    identity: undefined,
    clientContext: undefined,
    getRemainingTimeInMillis: function () { return Math.max(0, message.deadlineMs - Date.now()); },
    succeed: function (result) { succeed(result); },
    fail: function (error) { fail(error === undefined || error === null ? "handled" : error); },
    done: function (error, result) { if (error !== undefined && error !== null) fail(error); else succeed(result); },
  };
  let event;
  try { event = JSON.parse(message.event); } catch (e) { fail(e); return; }
  try {
    const result = handlerFn(event, context, function callback(error, value) {
      if (error !== undefined && error !== null) fail(error); else succeed(value);
    });
    if (result && typeof result.then === "function") result.then(succeed, function (error) { fail(error === undefined ? "undefined" : error); });
  } catch (error) {
    fail(error);
  }
}

parentPort.on("message", function (message) {
  if (message.type === "init") init(message).catch(function (error) { fatal("Uncaught Exception", errorShape(error), 129); });
  else if (message.type === "invoke") invoke(message);
});
post({ type: "ready" });
`;
