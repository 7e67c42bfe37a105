/**
 * A function that the runtime does not run itself: each invocation goes through a callback (the
 * local cloud's Lambda service runs it in its own execution environment). The callback's owner
 * keeps the function's timeout, concurrency, logs and invocation metrics; the runtime keeps what
 * only the mapping knows: the invocation line in its own log and the records' IteratorAge.
 */
import type { FunctionMetrics } from "../metrics/function-metrics";
import type { LogLine } from "../logs/log-line";
import type { RuntimeClock } from "../runtime-clock";
import type { FunctionConfig } from "./function-config";
import type { FunctionError, InvocationResult, InvokeOptions, ResultVerdict } from "./lambda-function";
import type { MappingFunction } from "./mapping-function";

/** What one invocation through the callback gave. */
export type InvokerResult =
  | { ok: true; requestId?: string; payload: string; durationMs?: number }
  | { ok: false; requestId?: string; error: FunctionError; throttled?: boolean; durationMs?: number };

export interface InvokerRequest {
  functionName: string;
  region: string;
  /** The event as JSON text, as Lambda's Invoke takes its payload. */
  event: string;
}

/** Invokes a function by name (Lambda's Invoke, RequestResponse). */
export type FunctionInvoker = (request: InvokerRequest) => Promise<InvokerResult>;

export interface InvokedFunctionDeps {
  clock: RuntimeClock;
  invoke: FunctionInvoker;
  write: (line: LogLine) => void;
  metrics?: FunctionMetrics;
}

const TIMEOUT_ERROR_TYPE = "Sandbox.Timedout";

export class InvokedFunction implements MappingFunction {
  constructor(
    readonly config: FunctionConfig,
    private readonly deps: InvokedFunctionDeps,
  ) {}

  get name(): string {
    return this.config.functionName;
  }

  recordIteratorAge(ageMs: number): void {
    this.deps.metrics?.recordIteratorAge(this.name, ageMs);
  }

  async invoke(event: unknown, options: InvokeOptions): Promise<InvocationResult> {
    const result = await this.call(event);
    this.writeLine(result, options);
    return result;
  }

  private async call(event: unknown): Promise<InvocationResult> {
    let answer: InvokerResult;
    try {
      answer = await this.deps.invoke({ functionName: this.name, region: this.config.region, event: JSON.stringify(event) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      answer = { ok: false, error: { errorType: error instanceof Error ? error.name : "Error", errorMessage: message } };
    }
    const requestId = answer.requestId ?? "";
    const durationMs = answer.durationMs ?? 0;
    if (!answer.ok) {
      if (answer.throttled) return { requestId, status: "throttled", durationMs: 0 };
      const status = answer.error.errorType === TIMEOUT_ERROR_TYPE ? "timeout" : "failed";
      return { requestId, status, error: answer.error, durationMs };
    }
    if (answer.payload === "") return { requestId, status: "returned", result: undefined, durationMs };
    try {
      return { requestId, status: "returned", result: JSON.parse(answer.payload) as unknown, durationMs };
    } catch {
      return { requestId, status: "failed", error: { errorType: "Runtime.MarshalError", errorMessage: "The function's response is not JSON." }, durationMs };
    }
  }

  private writeLine(result: InvocationResult, options: InvokeOptions): void {
    const verdict: ResultVerdict =
      result.status === "returned"
        ? (options.judge?.(result.result) ?? { outcome: "success" })
        : result.status === "throttled"
          ? { outcome: "error", error: "Rate Exceeded." }
          : { outcome: "error", error: `${result.error.errorType}: ${result.error.errorMessage}` };
    this.deps.write({
      type: "invocation",
      timestamp: new Date(this.deps.clock.now()).toISOString(),
      requestId: result.requestId,
      function: this.name,
      mappingId: options.mappingId,
      eventSource: options.eventSource,
      batchSize: options.batchSize,
      durationMs: result.durationMs,
      outcome: result.status === "timeout" ? "timeout" : result.status === "throttled" ? "throttled" : verdict.outcome,
      ...(verdict.failedItems !== undefined ? { failedItems: verdict.failedItems } : {}),
      ...(verdict.error ? { error: verdict.error } : {}),
    });
  }
}
