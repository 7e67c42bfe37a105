/**
 * Which invocation the running code belongs to. The runtime enters a scope around each handler
 * call; `structuredLog` and the console capture find their way to the right log buffer through it,
 * so a handler needs no runtime-specific argument and deploys to Lambda unchanged.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { LogLine } from "../logs/log-line";

export interface InvocationScope {
  requestId: string;
  functionName: string;
  /** False once the invocation has ended (a handler still running after its timeout). */
  active: boolean;
  write(line: LogLine): void;
}

// One store per process, however many copies of this module a bundler makes (Next.js builds the
// server in several chunks): a handler's structuredLog must see the scope the runtime entered.
const SLOT = Symbol.for("messaging-labs.invocation-scope");
const holder = globalThis as typeof globalThis & { [SLOT]?: AsyncLocalStorage<InvocationScope> };
const storage = (holder[SLOT] ??= new AsyncLocalStorage<InvocationScope>());

export function runInInvocationScope<T>(scope: InvocationScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentInvocation(): InvocationScope | undefined {
  return storage.getStore();
}
