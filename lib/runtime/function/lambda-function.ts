/**
 * One function as the runtime runs it: a handler plus its settings. `invoke()` does what Lambda
 * does around a handler call: a request id and a context, the timeout (a handler still running
 * when it passes has failed, and whatever it returns later is ignored), reserved concurrency
 * (throttling), the invocation's log line and its metrics.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Context } from "aws-lambda";
import type { RuntimeClock } from "../runtime-clock";
import type { InvocationOutcome, LogLine } from "../logs/log-line";
import type { FunctionMetrics } from "../metrics/function-metrics";
import type { ConcurrencyGauge } from "./concurrency";
import type { FunctionConfig } from "./function-config";
import type { AnyHandler } from "./handler-types";
import { runInInvocationScope, type InvocationScope } from "./invocation-scope";
import { createLambdaContext, newLogStreamName } from "./lambda-context";
import type { MappingFunction } from "./mapping-function";

export interface FunctionError {
  errorType: string;
  errorMessage: string;
}

export type InvocationResult =
  | { requestId: string; status: "returned"; result: unknown; durationMs: number }
  | { requestId: string; status: "failed" | "timeout"; error: FunctionError; durationMs: number }
  | { requestId: string; status: "throttled"; durationMs: 0 };

/** How the caller judged a returned result (a batch response may report failed items). */
export interface ResultVerdict {
  outcome: Extract<InvocationOutcome, "success" | "partial" | "error">;
  failedItems?: number;
  error?: string;
}

export interface InvokeOptions {
  batchSize: number;
  eventSource?: string;
  mappingId?: string;
  /** Judges a returned result for the log line; every return is a success by default. */
  judge?: (result: unknown) => ResultVerdict;
}

export interface LambdaFunctionDeps {
  clock: RuntimeClock;
  /** Where the function's log lines go (the owner's buffer). */
  write: (line: LogLine) => void;
  gauge: ConcurrencyGauge;
  metrics?: FunctionMetrics;
}

export class LambdaFunction implements MappingFunction {
  private readonly logStreamName: string;

  constructor(
    readonly config: FunctionConfig,
    private readonly handler: AnyHandler,
    private readonly deps: LambdaFunctionDeps,
  ) {
    this.logStreamName = newLogStreamName(deps.clock.now());
  }

  get name(): string {
    return this.config.functionName;
  }

  /** Stream mappings report the age of the last record of each batch they send (IteratorAge). */
  recordIteratorAge(ageMs: number): void {
    this.deps.metrics?.recordIteratorAge(this.name, ageMs);
  }

  async invoke(event: unknown, options: InvokeOptions): Promise<InvocationResult> {
    const { clock, gauge, metrics } = this.deps;
    const requestId = randomUUID();
    const timestamp = () => new Date(clock.now()).toISOString();

    if (!gauge.tryAcquire(this.config.reservedConcurrency)) {
      metrics?.recordThrottle(this.name);
      const throttled: InvocationResult = { requestId, status: "throttled", durationMs: 0 };
      this.deps.write({
        type: "invocation",
        timestamp: timestamp(),
        requestId,
        function: this.name,
        mappingId: options.mappingId,
        eventSource: options.eventSource,
        batchSize: options.batchSize,
        durationMs: 0,
        outcome: "throttled",
        error: `Rate Exceeded: the function's reserved concurrency (${this.config.reservedConcurrency}) is in use.`,
      });
      return throttled;
    }
    const concurrency = gauge.current;

    const timeoutMs = this.config.timeoutSeconds * 1000;
    const deadline = clock.now() + timeoutMs;
    const scope: InvocationScope = {
      requestId,
      functionName: this.name,
      active: true,
      // What a handler logs is stamped on the runtime's clock, like the invocation's own line
      // (on a fast-forwarded local cloud, Date.now() would put it minutes before).
      write: (line) => {
        if (scope.active) this.deps.write({ ...line, timestamp: timestamp() });
      },
    };
    const started = performance.now();
    const timer = new AbortController();
    // Lambda hands each invocation its own copy of the event, as JSON.
    const eventCopy: unknown = JSON.parse(JSON.stringify(event));

    let result: InvocationResult;
    try {
      const settled = await Promise.race([
        this.runHandler(eventCopy, scope, deadline).then(
          (value) => ({ kind: "returned" as const, value }),
          (error: unknown) => ({ kind: "failed" as const, error }),
        ),
        clock.sleep(timeoutMs, timer.signal).then(() => ({ kind: "timeout" as const })),
      ]);
      const durationMs = Math.round((performance.now() - started) * 100) / 100;
      const response = settled.kind === "returned" ? asJson(settled.value) : null;
      if (response?.ok) result = { requestId, status: "returned", result: response.value, durationMs };
      else if (response) result = { requestId, status: "failed", error: { errorType: "Runtime.MarshalError", errorMessage: `Unable to marshal the response: ${response.reason}` }, durationMs };
      else if (settled.kind === "failed") result = { requestId, status: "failed", error: describeError(settled.error), durationMs };
      else {
        result = {
          requestId,
          status: "timeout",
          error: { errorType: "Sandbox.Timedout", errorMessage: `Task timed out after ${this.config.timeoutSeconds.toFixed(2)} seconds` },
          durationMs: timeoutMs,
        };
      }
    } finally {
      timer.abort();
      scope.active = false;
      gauge.release();
    }

    metrics?.recordInvocation(this.name, {
      durationMs: result.durationMs,
      failed: result.status !== "returned",
      concurrency,
    });

    const verdict: ResultVerdict =
      result.status === "returned"
        ? (options.judge?.(result.result) ?? { outcome: "success" })
        : { outcome: "error", error: `${result.error.errorType}: ${result.error.errorMessage}` };
    this.deps.write({
      type: "invocation",
      timestamp: timestamp(),
      requestId,
      function: this.name,
      mappingId: options.mappingId,
      eventSource: options.eventSource,
      batchSize: options.batchSize,
      durationMs: result.durationMs,
      outcome: result.status === "timeout" ? "timeout" : verdict.outcome,
      ...(verdict.failedItems !== undefined ? { failedItems: verdict.failedItems } : {}),
      ...(verdict.error ? { error: verdict.error } : {}),
    });
    return result;
  }

  /** Calls the handler in its invocation scope; settles on its promise, its return or its callback. */
  private runHandler(event: unknown, scope: InvocationScope, deadline: number): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const complete = (error: unknown, value?: unknown) => {
        if (settled) return;
        settled = true;
        if (error !== null && error !== undefined) reject(error);
        else resolve(value);
      };
      const context: Context = createLambdaContext({
        config: this.config,
        requestId: scope.requestId,
        deadline,
        clock: this.deps.clock,
        logStreamName: this.logStreamName,
        complete,
      });
      const handler = this.handler as unknown as (event: unknown, context: Context, callback: (error: unknown, value?: unknown) => void) => unknown;
      runInInvocationScope(scope, () => {
        try {
          const returned = handler(event, context, complete);
          if (isPromiseLike(returned)) returned.then((value) => complete(null, value), (error: unknown) => complete(error ?? new Error("The handler rejected without a reason.")));
          else if (handler.length < 3) complete(null, returned);
        } catch (error) {
          complete(error);
        }
      });
    });
  }
}

/** The response as Lambda passes it on: serialized to JSON (undefined stays undefined). */
function asJson(value: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (value === undefined) return { ok: true, value };
  try {
    const json = JSON.stringify(value);
    return { ok: true, value: json === undefined ? undefined : JSON.parse(json) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

export function describeError(error: unknown): FunctionError {
  if (error instanceof Error) return { errorType: error.name || "Error", errorMessage: error.message };
  if (typeof error === "string") return { errorType: "string", errorMessage: error };
  return { errorType: typeof error, errorMessage: JSON.stringify(error) ?? String(error) };
}
