/**
 * Invoke: reserved concurrency, the environment given to the code, the run through the execution
 * pool, Lambda's START / END / REPORT lines to CloudWatch Logs, metrics, and Event invocations
 * queued in the background with Lambda's retries (two more attempts on a function error, one and
 * then two minutes after the failed attempt started; throttled events wait a second and try again,
 * up to six hours). A queued event is a state record from the moment Invoke answers 202 until its
 * last attempt, so a restart (or a crash) runs it later instead of losing it.
 */
import { randomUUID } from "node:crypto";
import type { VirtualClock } from "../core/clock";
import type { LambdaInvocationResult, Links, LogEventInput } from "../core/links";
import { keySegment, type StateStore } from "../core/persistence";
import { lambdaErrors } from "./errors";
import type { ExecutionPool, InvocationResult } from "./execution";
import { LATEST, logGroupOf, type FunctionRecord } from "./function";
import type { LambdaMetrics } from "./metrics";

export type InvocationType = "RequestResponse" | "Event" | "DryRun";

/** Lambda's payload limits: 6 MB synchronous (request and response), 1 MB for an Event (256 KB before late 2025). */
export const MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
export const MAX_ASYNC_PAYLOAD_BYTES = 1024 * 1024;
const TAIL_BYTES = 4 * 1024;
const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];
const THROTTLE_RETRY_MS = 1_000;
const MAX_EVENT_AGE_MS = 6 * 3600_000;
const QUEUED_EVENTS = "lambda/queued-events/";

/** An Event invocation waiting for its next attempt, as its state record holds it. */
interface QueuedEvent {
  id: string;
  region: string;
  functionName: string;
  payload: string;
  queuedAt: number;
  retriesLeft: number;
  /** The clock time of the next attempt. */
  dueAt: number;
}

export interface InvokerDeps {
  clock: VirtualClock;
  links: Links;
  pool: () => ExecutionPool;
  metrics: LambdaMetrics;
  zipOf: (fn: FunctionRecord) => Buffer;
  endpointUrl: () => string;
  store: StateStore;
  /** The function as it is now (re-read before each attempt of a queued event), or undefined once deleted. */
  find: (region: string, name: string) => FunctionRecord | undefined;
}

export class Invoker {
  /** region/name → invocations running now. */
  private readonly inFlight = new Map<string, number>();
  private closed = false;

  constructor(private readonly deps: InvokerDeps) {}

  /** Checks what Invoke checks before running anything (state, payload size and JSON). */
  check(fn: FunctionRecord, payload: string, type: InvocationType): void {
    if (fn.state === "Pending") throw lambdaErrors.pending();
    const bytes = Buffer.byteLength(payload);
    if (type === "Event" && bytes > MAX_ASYNC_PAYLOAD_BYTES) throw lambdaErrors.tooLarge(MAX_ASYNC_PAYLOAD_BYTES, "InvokeFunction");
    if (bytes > MAX_SYNC_PAYLOAD_BYTES) throw lambdaErrors.tooLarge(MAX_SYNC_PAYLOAD_BYTES, "InvokeFunction");
    if (payload.length > 0) {
      try {
        JSON.parse(payload);
      } catch (error) {
        throw lambdaErrors.invalidContent((error as Error).message);
      }
    }
  }

  /** Runs a RequestResponse invocation; TooManyRequestsException when reserved concurrency is used up. */
  async invokeSync(fn: FunctionRecord, payload: string): Promise<LambdaInvocationResult> {
    const key = `${fn.region}/${fn.name}`;
    const running = this.inFlight.get(key) ?? 0;
    if (fn.reservedConcurrency !== undefined && running >= fn.reservedConcurrency) {
      this.deps.metrics.throttled(fn.region, fn.name);
      throw lambdaErrors.throttled();
    }
    this.inFlight.set(key, running + 1);
    const requestId = randomUUID();
    const startedAt = this.deps.clock.now();
    let result: InvocationResult;
    try {
      result = await this.deps.pool().invoke({
        functionKey: key,
        codeSha256: fn.codeSha256,
        zip: () => this.deps.zipOf(fn),
        handler: fn.handler,
        runtime: fn.runtime,
        environment: this.environmentOf(fn),
        timeoutSeconds: fn.timeoutSeconds,
        memorySizeMB: fn.memorySizeMB,
        event: payload.length > 0 ? payload : "{}",
        context: { requestId, functionName: fn.name, functionArn: fn.arn, functionVersion: LATEST, logGroupName: logGroupOf(fn.name) },
      });
    } finally {
      const now = this.inFlight.get(key) ?? 1;
      if (now <= 1) this.inFlight.delete(key);
      else this.inFlight.set(key, now - 1);
    }
    const { outcome } = result;
    let responsePayload: string;
    let failed = !outcome.ok;
    if (outcome.ok) {
      responsePayload = outcome.payload;
      if (Buffer.byteLength(responsePayload) > MAX_SYNC_PAYLOAD_BYTES) {
        failed = true;
        responsePayload = JSON.stringify({
          errorType: "Function.ResponseSizeTooLarge",
          errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_SYNC_PAYLOAD_BYTES} bytes).`,
        });
      }
    } else {
      responsePayload = JSON.stringify({
        errorType: outcome.errorType,
        errorMessage: outcome.errorMessage,
        ...(outcome.trace.length > 0 ? { trace: outcome.trace } : {}),
      });
    }
    const events = this.logEvents(fn, requestId, startedAt, result);
    this.deps.links.logs?.put(fn.region, logGroupOf(fn.name), result.logStreamName, events);
    this.deps.metrics.invoked(fn.region, fn.name, { durationMs: result.durationMs, error: failed, concurrent: running + 1 });
    const logText = events.map((event) => `${event.message}\n`).join("");
    return {
      statusCode: 200,
      functionError: failed ? "Unhandled" : undefined,
      payload: responsePayload,
      requestId,
      logTail: tail(logText),
      durationMs: result.durationMs,
      executedVersion: LATEST,
    };
  }

  /**
   * Queues an Event invocation and returns at once (202). The function is re-read before each
   * attempt, so a deleted function's queued events are dropped and an updated one runs its new code.
   */
  invokeAsync(fn: FunctionRecord, payload: string): LambdaInvocationResult {
    const now = this.deps.clock.now();
    const event: QueuedEvent = { id: randomUUID(), region: fn.region, functionName: fn.name, payload, queuedAt: now, retriesLeft: ASYNC_RETRY_DELAYS_MS.length, dueAt: now };
    this.deps.store.put(queuedKey(event), event);
    setImmediate(() => this.attempt(event));
    return { statusCode: 202, payload: "", requestId: event.id, logTail: "", durationMs: 0, executedVersion: LATEST };
  }

  /** Schedules the Event invocations a previous run queued and did not finish. */
  restoreQueuedEvents(): void {
    for (const { data } of this.deps.store.readAll(QUEUED_EVENTS)) {
      const event = data as QueuedEvent;
      this.deps.clock.at(Math.max(event.dueAt, this.deps.clock.now()), () => this.attempt(event));
    }
  }

  private attempt(event: QueuedEvent): void {
    if (this.closed) return;
    const fn = this.deps.find(event.region, event.functionName);
    if (!fn) return this.deps.store.delete(queuedKey(event));
    // Retries count from the attempt's start, so a fast-forward during a slow attempt still reaches them.
    const startedAt = this.deps.clock.now();
    const later = (dueAt: number, retriesLeft: number) => {
      const next = { ...event, dueAt, retriesLeft };
      this.deps.store.put(queuedKey(next), next);
      this.deps.clock.at(dueAt, () => this.attempt(next));
    };
    this.invokeSync(fn, event.payload).then(
      (result) => {
        if (this.closed) return;
        if (result.functionError && event.retriesLeft > 0) {
          later(startedAt + ASYNC_RETRY_DELAYS_MS[ASYNC_RETRY_DELAYS_MS.length - event.retriesLeft], event.retriesLeft - 1);
        } else this.deps.store.delete(queuedKey(event));
      },
      (error: unknown) => {
        if (this.closed) return;
        const throttled = (error as { code?: string }).code === "TooManyRequestsException";
        if (throttled && this.deps.clock.now() - event.queuedAt < MAX_EVENT_AGE_MS) return later(this.deps.clock.now() + THROTTLE_RETRY_MS, event.retriesLeft);
        if (!throttled) console.error(`[localcloud] lambda: an Event invocation of ${fn.arn} failed:`, error);
        this.deps.store.delete(queuedKey(event));
      },
    );
  }

  close(): void {
    this.closed = true;
  }

  /** The function's variables and the ones Lambda sets (the pool adds LAMBDA_TASK_ROOT and AWS_LAMBDA_LOG_STREAM_NAME). */
  environmentOf(fn: FunctionRecord): Record<string, string> {
    return {
      ...fn.environment,
      AWS_REGION: fn.region,
      AWS_DEFAULT_REGION: fn.region,
      AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_VERSION: LATEST,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMB),
      AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
      AWS_LAMBDA_LOG_GROUP_NAME: logGroupOf(fn.name),
      _HANDLER: fn.handler,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_SESSION_TOKEN: "test",
      AWS_ENDPOINT_URL: this.deps.endpointUrl(),
      LANG: "en_US.UTF-8",
      TZ: ":UTC",
    };
  }

  private logEvents(fn: FunctionRecord, requestId: string, startedAt: number, result: InvocationResult): LogEventInput[] {
    const endedAt = Math.max(startedAt, this.deps.clock.now());
    const duration = result.durationMs;
    const report = [
      `REPORT RequestId: ${requestId}`,
      `Duration: ${duration.toFixed(2)} ms`,
      `Billed Duration: ${Math.max(1, Math.ceil(duration + (result.initDurationMs ?? 0)))} ms`,
      `Memory Size: ${fn.memorySizeMB} MB`,
      `Max Memory Used: ${Math.max(1, Math.round(result.maxMemoryUsedMB))} MB`,
      ...(result.initDurationMs !== undefined ? [`Init Duration: ${result.initDurationMs.toFixed(2)} ms`] : []),
      ...(!result.outcome.ok && result.outcome.kind === "timeout" ? ["Status: timeout"] : []),
    ].join("\t");
    return [
      { timestamp: startedAt, message: `START RequestId: ${requestId} Version: ${LATEST}` },
      ...result.logLines.map((line) => ({ timestamp: Math.max(startedAt, line.timestamp), message: line.message })),
      { timestamp: endedAt, message: `END RequestId: ${requestId}` },
      { timestamp: endedAt, message: report },
    ];
  }
}

function queuedKey(event: QueuedEvent): string {
  return `${QUEUED_EVENTS}${keySegment(event.region)}/${event.id}`;
}

/** The last 4 KB of the log text, cut at a character boundary. */
function tail(text: string): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= TAIL_BYTES) return text;
  return bytes.subarray(bytes.length - TAIL_BYTES).toString("utf8").replace(/^\uFFFD+/, "");
}
