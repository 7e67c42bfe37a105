/**
 * One execution environment: a worker thread running the bootstrap (worker-source.ts), which
 * loads one function's module once and then runs one invocation at a time. A timed-out, exited or
 * crashed worker is dead for good; the pool drops it and starts another on the next invocation.
 */
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import type { FromWorker, LambdaErrorShape, ToWorker } from "./messages";
import type { LogLine } from "./types";

type InitMessage = Extract<ToWorker, { type: "init" }>;
type InvokeMessage = Extract<ToWorker, { type: "invoke" }>;

/** How a phase (init or invoke) ended, seen from the host. */
export type PhaseEnd =
  | Exclude<FromWorker, { type: "log" } | { type: "ready" }>
  | { type: "timeout" }
  | { type: "exit"; code: number; outOfMemory: boolean };

export type EnvironmentState = "spare" | "initialising" | "idle" | "busy" | "dead";

export class Environment {
  state: EnvironmentState = "spare";
  /** Output since the last invocation ended (init output, and anything written between invocations). */
  lines: LogLine[] = [];
  memoryMB = 0;
  lastUsed = 0;
  fingerprint = "";
  functionKey = "";
  logStreamName = "";
  /** Set when the environment must not be reused (retired, or the pool is over its cap). */
  discardWhenIdle = false;
  idleTimer: { cancel(): void } | null = null;
  readonly memorySizeMB: number;
  readonly startedAt = performance.now();
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private waiter: ((end: PhaseEnd) => void) | null = null;
  private outOfMemory = false;
  private fatalError: LambdaErrorShape | null = null;
  private readonly exited: Promise<void>;
  private readonly deathListeners: Array<() => void> = [];

  constructor(bootstrapPath: string, memorySizeMB: number) {
    this.memorySizeMB = memorySizeMB;
    this.worker = new Worker(bootstrapPath, {
      env: {},
      argv: [],
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: Math.max(32, memorySizeMB) },
    });
    this.worker.unref();
    // The bootstrap routes the code's output through messages; whatever else reaches the
    // worker's streams is dropped, so nothing leaks to the host's stdout.
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    let readyResolve: () => void = () => {};
    this.ready = new Promise((resolve) => (readyResolve = resolve));
    this.worker.on("message", (message: FromWorker) => {
      if (message.type === "log") this.lines.push(message.line);
      else if (message.type === "ready") readyResolve();
      else {
        if (message.type === "fatal") this.fatalError = message.error;
        this.settle(message);
      }
    });
    this.worker.on("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") this.outOfMemory = true;
    });
    this.exited = new Promise((resolve) => {
      this.worker.on("exit", (code) => {
        this.state = "dead";
        readyResolve();
        this.settle({ type: "exit", code, outOfMemory: this.outOfMemory });
        for (const listener of this.deathListeners) listener();
        resolve();
      });
    });
  }

  /** Called once when the worker is gone (exited, crashed or terminated). */
  onDeath(listener: () => void): void {
    this.deathListeners.push(listener);
  }

  /** The fatal error the worker reported before exiting, if any. */
  get fatal(): LambdaErrorShape | null {
    return this.fatalError;
  }

  async init(message: InitMessage, limitMs: number): Promise<PhaseEnd> {
    this.state = "initialising";
    await this.ready;
    return this.phase(message, limitMs);
  }

  invoke(message: InvokeMessage, limitMs: number): Promise<PhaseEnd> {
    this.state = "busy";
    return this.phase(message, limitMs);
  }

  /** Takes the output collected so far. */
  takeLines(): LogLine[] {
    const lines = this.lines;
    this.lines = [];
    return lines;
  }

  async stop(): Promise<void> {
    if (this.state !== "dead") await this.worker.terminate();
    await this.exited;
  }

  private phase(message: ToWorker, limitMs: number): Promise<PhaseEnd> {
    if (this.state === "dead") return Promise.resolve({ type: "exit", code: 1, outOfMemory: this.outOfMemory });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle({ type: "timeout" });
        void this.worker.terminate();
      }, limitMs);
      this.waiter = (end) => {
        clearTimeout(timer);
        resolve(end);
      };
      this.worker.postMessage(message);
    });
  }

  private settle(end: PhaseEnd): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(end);
  }
}
