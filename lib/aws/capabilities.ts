/**
 * What the connected endpoint can do beyond the AWS APIs. A local cloud (embedded, or run alone and
 * reached through an Endpoint connection) answers GET /_localcloud/health and can fast-forward its
 * clock; real AWS and other emulators cannot. The UI shows fast-forward only when it is there.
 */
import type { ResolvedConnection } from "./client-config";

export interface Capabilities {
  /** The endpoint is a Messaging Labs local cloud. */
  localCloud: boolean;
  /** The endpoint's clock can be moved forward. */
  clock: boolean;
  /** Side-effect-free inspection routes (peek at a queue without receiving). */
  inspect: boolean;
  services: string[];
  persistent: boolean;
}

export interface LocalClock {
  now: string;
  nowMs: number;
  offsetSeconds: number;
}

const NONE: Capabilities = { localCloud: false, clock: false, inspect: false, services: [], persistent: false };
const CACHE_MS = 5000;
const cache = new Map<string, { at: number; value: Promise<Capabilities> }>();

interface HealthBody {
  ok?: boolean;
  name?: string;
  services?: unknown;
  capabilities?: { clock?: unknown; inspect?: unknown };
  persistent?: unknown;
}

async function probe(endpoint: string): Promise<Capabilities> {
  try {
    const response = await fetch(`${endpoint}/_localcloud/health`, { signal: AbortSignal.timeout(1500), cache: "no-store" });
    if (!response.ok) return NONE;
    const body = (await response.json()) as HealthBody;
    if (!body.ok) return NONE;
    return {
      localCloud: true,
      clock: body.capabilities?.clock === true,
      inspect: body.capabilities?.inspect === true,
      services: Array.isArray(body.services) ? body.services.filter((s): s is string => typeof s === "string") : [],
      persistent: body.persistent === true,
    };
  } catch {
    return NONE;
  }
}

export function capabilitiesOf(resolved: Pick<ResolvedConnection, "endpoint">): Promise<Capabilities> {
  const endpoint = resolved.endpoint;
  if (!endpoint) return Promise.resolve(NONE);
  const hit = cache.get(endpoint);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = probe(endpoint);
  cache.set(endpoint, { at: Date.now(), value });
  return value;
}

export class ClockUnavailableError extends Error {
  constructor() {
    super("This connection's endpoint has no clock to fast-forward (only the local cloud has one).");
    this.name = "ClockUnavailableError";
  }
}

async function clockCall(endpoint: string, init?: RequestInit): Promise<LocalClock> {
  const response = await fetch(`${endpoint}/_localcloud/clock`, { ...init, cache: "no-store", signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new ClockUnavailableError();
  return (await response.json()) as LocalClock;
}

export async function readClock(resolved: Pick<ResolvedConnection, "endpoint">): Promise<LocalClock | null> {
  const capabilities = await capabilitiesOf(resolved);
  if (!capabilities.clock || !resolved.endpoint) return null;
  return clockCall(resolved.endpoint);
}

/** Moves the local cloud's clock forward; everything timed there (visibility, retention, alarms) follows. */
export async function advanceClock(resolved: Pick<ResolvedConnection, "endpoint">, seconds: number): Promise<LocalClock> {
  const capabilities = await capabilitiesOf(resolved);
  if (!capabilities.clock || !resolved.endpoint) throw new ClockUnavailableError();
  return clockCall(resolved.endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
}
