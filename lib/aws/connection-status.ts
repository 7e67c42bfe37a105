/**
 * The last "Test connection" answer per connection, so every page's status dot can say whether
 * the connection worked without calling AWS again. Kept in server memory.
 */
import type { ConnectionTest } from "./identity";

export type StatusRecord = ConnectionTest & { at: number };

const STATUS = Symbol.for("messaging-labs.connection-status");

function store(): Map<string, StatusRecord> {
  const holder = globalThis as typeof globalThis & { [STATUS]?: Map<string, StatusRecord> };
  holder[STATUS] ??= new Map();
  return holder[STATUS];
}

export function rememberTest(key: string, test: ConnectionTest): void {
  store().set(key, { ...test, at: Date.now() });
}

export function lastTest(key: string): StatusRecord | undefined {
  return store().get(key);
}
