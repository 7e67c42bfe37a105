/**
 * Server side of live updates: identical snapshot requests arriving within a short window share
 * one computation, so several tabs (or a class of students on one lab) do not multiply AWS calls.
 */
interface Entry<T> {
  at: number;
  value: Promise<T>;
}

const entries = new Map<string, Entry<unknown>>();
const MAX_ENTRIES = 500;

export function coalesce<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = entries.get(key) as Entry<T> | undefined;
  if (hit && now - hit.at < ttlMs) return hit.value;
  const value = compute();
  entries.set(key, { at: now, value });
  value.catch(() => entries.delete(key));
  if (entries.size > MAX_ENTRIES) {
    for (const [k, entry] of entries) if (now - entry.at >= ttlMs) entries.delete(k);
  }
  return value;
}

/** Forgets cached snapshots whose key starts with `prefix` (after an action changed things). */
export function invalidate(prefix: string): void {
  for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
}
