/**
 * The execution pool: finds a warm environment for an invocation (same function, code and
 * configuration, not busy) or starts one, runs the invocation, and keeps the number of
 * environments bounded (least recently used idle ones go first) and idle ones recycled.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CodeStore } from "./code-store";
import { Environment, type PhaseEnd } from "./environment";
import { logStreamName } from "./log-stream-name";
import type { LambdaErrorShape } from "./messages";
import { exited, exitedLines, timedOut, timedOutLine } from "./runtime-failures";
import type {
  ExecutionPool,
  ExecutionPoolOptions,
  FailureKind,
  IdleTimer,
  InvocationInput,
  InvocationResult,
  LogLine,
  PoolClock,
  PoolStats,
} from "./types";
import { WORKER_SOURCE } from "./worker-source";

const DEFAULT_MAX_ENVIRONMENTS = 64;
const DEFAULT_IDLE_MS = 5 * 60_000;
/** Lambda's limit for the init phase of an on-demand function. */
const INIT_LIMIT_MS = 10_000;

const realTimer: IdleTimer = {
  after(delayMs, fn) {
    const timer = setTimeout(fn, delayMs);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
const realClock: PoolClock = { now: () => Date.now() };

export function createExecutionPool(options: ExecutionPoolOptions): ExecutionPool {
  return new Pool(options);
}

class Pool implements ExecutionPool {
  private readonly code: CodeStore;
  private readonly bootstrapPath: string;
  private readonly clock: PoolClock;
  private readonly idleTimer: IdleTimer;
  private readonly maxEnvironments: number;
  private readonly idleMs: number;
  private readonly spareCount: number;
  private readonly environments = new Set<Environment>();
  private spares: Environment[] = [];
  private closed = false;

  constructor(options: ExecutionPoolOptions) {
    this.code = new CodeStore(options.workDir, options.nodeModulesDir);
    this.bootstrapPath = writeBootstrap(options.workDir);
    this.clock = options.clock ?? realClock;
    this.idleTimer = options.idleTimer ?? realTimer;
    this.maxEnvironments = Math.max(1, options.maxWarmEnvironments ?? DEFAULT_MAX_ENVIRONMENTS);
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.spareCount = Math.max(0, options.spareWorkers ?? 1);
  }

  async invoke(input: InvocationInput): Promise<InvocationResult> {
    if (this.closed) throw new Error("The execution pool is closed.");
    const fingerprint = fingerprintOf(input);
    const warm = this.takeWarm(input.functionKey, fingerprint);
    if (warm) return this.run(warm, input, undefined);

    const taskRoot = await this.code.taskRoot(input.codeSha256, input.zip);
    if (this.closed) throw new Error("The execution pool is closed.");
    this.makeRoom();
    const started = performance.now();
    const env = this.claimSpare(input.memorySizeMB) ?? this.spawn(input.memorySizeMB);
    env.functionKey = input.functionKey;
    env.fingerprint = fingerprint;
    env.logStreamName = logStreamName(this.clock.now(), input.context.functionVersion);
    this.environments.add(env);
    this.replenishSpares(input.memorySizeMB);
    const end = await env.init(
      { type: "init", taskRoot, handler: input.handler, environment: workerEnvironment(input, taskRoot, env.logStreamName), clockOffsetMs: this.clockOffset() },
      INIT_LIMIT_MS,
    );
    const initDurationMs = performance.now() - started;
    if (end.type === "initialised") {
      env.memoryMB = end.memoryMB;
      return this.run(env, input, initDurationMs);
    }
    this.discard(env);
    const error = this.initError(end, input.context.requestId, env);
    return {
      outcome: { ok: false, kind: "init", ...error },
      logLines: env.takeLines().concat(this.failureLines(end, error, input)),
      durationMs: initDurationMs,
      initDurationMs,
      logStreamName: env.logStreamName,
      maxMemoryUsedMB: env.memoryMB,
    };
  }

  retire(functionKey: string): void {
    for (const env of this.environments) {
      if (env.functionKey !== functionKey) continue;
      if (env.state === "idle") this.discard(env);
      else env.discardWhenIdle = true;
    }
  }

  stats(): PoolStats {
    let busy = 0;
    let idle = 0;
    let memoryMB = 0;
    for (const env of this.environments) {
      if (env.state === "idle") idle += 1;
      else busy += 1;
      memoryMB += env.memoryMB;
    }
    return { environments: this.environments.size, busy, idle, spares: this.spares.length, memoryMB };
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.environments, ...this.spares];
    this.environments.clear();
    this.spares = [];
    for (const env of all) env.idleTimer?.cancel();
    await Promise.all(all.map((env) => env.stop()));
  }

  private async run(env: Environment, input: InvocationInput, initDurationMs: number | undefined): Promise<InvocationResult> {
    const { requestId } = input.context;
    const timeoutMs = Math.max(1, Math.round(input.timeoutSeconds * 1000));
    env.lastUsed = performance.now();
    const started = performance.now();
    const end = await env.invoke(
      {
        type: "invoke",
        requestId,
        event: input.event,
        deadlineMs: Date.now() + timeoutMs,
        clockOffsetMs: this.clockOffset(),
        context: {
          functionName: input.context.functionName,
          functionVersion: input.context.functionVersion,
          invokedFunctionArn: input.context.functionArn,
          memoryLimitInMB: String(input.memorySizeMB),
          logGroupName: input.context.logGroupName,
          logStreamName: env.logStreamName,
        },
      },
      timeoutMs,
    );
    const base = { initDurationMs, logStreamName: env.logStreamName };
    if (end.type === "result") {
      env.memoryMB = end.memoryMB;
      this.release(env);
      const outcome = end.ok
        ? { ok: true as const, payload: end.payload }
        : { ok: false as const, kind: (end.marshal ? "marshal" : "error") as FailureKind, ...end.error };
      return { ...base, outcome, logLines: env.takeLines(), durationMs: end.durationMs, maxMemoryUsedMB: end.memoryMB };
    }
    // Timed out, exited or crashed: the environment is gone.
    this.discard(env);
    const error = end.type === "timeout" ? timedOut(requestId, input.timeoutSeconds) : this.deathError(end, requestId);
    const durationMs = end.type === "timeout" ? timeoutMs : performance.now() - started;
    return {
      ...base,
      outcome: { ok: false, kind: end.type === "timeout" ? "timeout" : "exit", ...error },
      logLines: env.takeLines().concat(this.failureLines(end, error, input)),
      durationMs,
      maxMemoryUsedMB: env.memoryMB,
    };
  }

  /** A warm environment of this function and configuration; stale ones of the function are dropped. */
  private takeWarm(functionKey: string, fingerprint: string): Environment | null {
    let chosen: Environment | null = null;
    for (const env of this.environments) {
      if (env.functionKey !== functionKey || env.state !== "idle") continue;
      if (env.fingerprint !== fingerprint) this.discard(env);
      else if (!chosen || env.lastUsed > chosen.lastUsed) chosen = env;
    }
    if (chosen) {
      chosen.idleTimer?.cancel();
      chosen.idleTimer = null;
      chosen.state = "busy";
    }
    return chosen;
  }

  /** Before a new environment starts at the cap: stop the least recently used idle one. */
  private makeRoom(): void {
    while (this.environments.size >= this.maxEnvironments) {
      let oldest: Environment | null = null;
      for (const env of this.environments) {
        if (env.state === "idle" && (!oldest || env.lastUsed < oldest.lastUsed)) oldest = env;
      }
      if (!oldest) return; // all busy: this invocation runs over the cap, and one goes when it ends
      this.discard(oldest);
    }
  }

  private release(env: Environment): void {
    if (env.state === "dead") return;
    if (env.discardWhenIdle || this.closed || this.environments.size > this.maxEnvironments) {
      this.discard(env);
      return;
    }
    env.state = "idle";
    env.lastUsed = performance.now();
    env.idleTimer = this.idleTimer.after(this.idleMs, () => this.discard(env));
  }

  private discard(env: Environment): void {
    env.idleTimer?.cancel();
    env.idleTimer = null;
    this.environments.delete(env);
    void env.stop();
    // Once every environment has gone idle and been recycled, the spares go too.
    if (this.environments.size === 0) for (const spare of this.spares.splice(0)) void spare.stop();
  }

  private spawn(memorySizeMB: number): Environment {
    const env = new Environment(this.bootstrapPath, memorySizeMB);
    env.onDeath(() => {
      this.environments.delete(env);
      this.spares = this.spares.filter((spare) => spare !== env);
      env.idleTimer?.cancel();
    });
    return env;
  }

  private claimSpare(memorySizeMB: number): Environment | null {
    const index = this.spares.findIndex((spare) => spare.memorySizeMB === memorySizeMB && spare.state === "spare");
    if (index === -1) return null;
    const [spare] = this.spares.splice(index, 1);
    return spare;
  }

  /** Keeps pre-started workers ready for the memory size cold starts last asked for. */
  private replenishSpares(memorySizeMB: number): void {
    if (this.closed || this.spareCount === 0) return;
    for (const spare of this.spares) {
      if (spare.memorySizeMB !== memorySizeMB) void spare.stop();
    }
    this.spares = this.spares.filter((spare) => spare.memorySizeMB === memorySizeMB);
    while (this.spares.length < this.spareCount) this.spares.push(this.spawn(memorySizeMB));
  }

  private clockOffset(): number {
    return this.clock.now() - Date.now();
  }

  private initError(end: PhaseEnd, requestId: string, env: Environment): LambdaErrorShape {
    if (end.type === "initFailed") return end.error;
    if (end.type === "timeout") return timedOut(requestId, INIT_LIMIT_MS / 1000);
    return this.deathError(end, requestId, env);
  }

  private deathError(end: PhaseEnd, requestId: string, env?: Environment): LambdaErrorShape {
    if (end.type === "fatal") return end.error;
    if (end.type === "exit") return env?.fatal ?? exited(requestId, end.code, end.outOfMemory);
    return exited(requestId, 1, false);
  }

  /** The runtime's own lines for a timeout or an exit (the code's output is already in place). */
  private failureLines(end: PhaseEnd, error: LambdaErrorShape, input: InvocationInput): LogLine[] {
    const now = this.clock.now();
    if (end.type === "timeout") return [timedOutLine(input.context.requestId, input.timeoutSeconds, now)];
    if (end.type === "exit" && !error.errorType.startsWith("Runtime.Unhandled")) return exitedLines(error, now);
    return [];
  }
}

/** Everything that, when changed, needs a new environment. */
function fingerprintOf(input: InvocationInput): string {
  return createHash("sha1")
    .update(JSON.stringify([input.codeSha256, input.handler, input.runtime, input.memorySizeMB, input.environment]))
    .digest("base64");
}

/**
 * The environment's process.env: the runtime's variables Lambda defines (defaults the service may
 * already have set), the function's, and the two only the pool knows (its folder, its log stream).
 */
function workerEnvironment(input: InvocationInput, taskRoot: string, streamName: string): Record<string, string> {
  const result: Record<string, string> = {
    _HANDLER: input.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${input.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: input.context.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: input.context.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(input.memorySizeMB),
    AWS_LAMBDA_LOG_GROUP_NAME: input.context.logGroupName,
    LAMBDA_RUNTIME_DIR: "/var/runtime",
  };
  Object.assign(result, input.environment);
  result.LAMBDA_TASK_ROOT = taskRoot;
  result.AWS_LAMBDA_LOG_STREAM_NAME = streamName;
  return result;
}

/** Writes the bootstrap once per content into `<workDir>/.runtime/`. */
function writeBootstrap(workDir: string): string {
  const dir = join(workDir, ".runtime");
  const hash = createHash("sha256").update(WORKER_SOURCE).digest("hex").slice(0, 12);
  const file = join(dir, `bootstrap-${hash}.cjs`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, WORKER_SOURCE);
  renameSync(temp, file);
  // An earlier version's bootstrap is not needed any more.
  for (const entry of readdirSync(dir)) if (entry.startsWith("bootstrap-") && join(dir, entry) !== file && entry.endsWith(".cjs")) rmSync(join(dir, entry), { force: true });
  return file;
}
