/**
 * The local cloud that starts with the app (from instrumentation.ts). One per process: the state
 * lives on globalThis so that Next.js's separate server bundles and dev-mode reloads share it.
 *
 * If the port is already taken by another local cloud (say `npm run localcloud` in a terminal),
 * the app uses that one; if something else holds the port, the status says so and how to fix it.
 */
import path from "node:path";
import { StateStoreError } from "./core/state-errors";
import { DEFAULT_LOCALCLOUD_PORT, startLocalCloud, type LocalCloud } from "./index";
import { LOCALCLOUD_NAME } from "./internal-api";

export type EmbeddedStatus =
  | { state: "starting"; endpoint: string }
  | { state: "running"; endpoint: string; shared: boolean; dataDir: string | null }
  | { state: "failed"; endpoint: string; reason: string };

interface EmbeddedSlot {
  status: EmbeddedStatus;
  cloud?: LocalCloud;
  starting?: Promise<EmbeddedStatus>;
}

const SLOT = Symbol.for("messaging-labs.embedded-localcloud");

function slot(): EmbeddedSlot {
  const holder = globalThis as typeof globalThis & { [SLOT]?: EmbeddedSlot };
  holder[SLOT] ??= { status: { state: "starting", endpoint: `http://127.0.0.1:${configuredPort()}` } };
  return holder[SLOT];
}

export function configuredPort(): number {
  const port = Number(process.env.LOCALCLOUD_PORT);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_LOCALCLOUD_PORT;
}

function configuredDataDir(): string | null {
  if (process.env.LOCALCLOUD_EPHEMERAL === "1" || process.env.LOCALCLOUD_EPHEMERAL === "true") return null;
  return path.resolve(process.env.LOCALCLOUD_DATA || ".localcloud");
}

/** The embedded endpoint's URL (whether or not it has finished starting). */
export function embeddedEndpoint(): string {
  return slot().status.endpoint;
}

export function embeddedStatus(): EmbeddedStatus {
  return slot().status;
}

/** The running in-process cloud, if this process owns it (tests and the clock use it directly). */
export function embeddedCloud(): LocalCloud | undefined {
  return slot().cloud;
}

export function ensureEmbeddedLocalCloud(): Promise<EmbeddedStatus> {
  const s = slot();
  if (s.status.state === "running") return Promise.resolve(s.status);
  s.starting ??= start(s).finally(() => {
    s.starting = undefined;
  });
  return s.starting;
}

async function start(s: EmbeddedSlot): Promise<EmbeddedStatus> {
  const port = configuredPort();
  const endpoint = `http://127.0.0.1:${port}`;
  const dataDir = configuredDataDir();
  try {
    const started = Date.now();
    s.cloud = await startLocalCloud({ port, dataDir });
    s.status = { state: "running", endpoint, shared: false, dataDir };
    console.log(`[localcloud] embedded local cloud on ${endpoint} (${dataDir ?? "in memory"}) in ${Date.now() - started} ms`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Another local cloud on this port (and, with the same data folder, holding its lock): share it.
    const taken = code === "EADDRINUSE" || (error instanceof StateStoreError && error.locked);
    if (taken && (await isLocalCloud(endpoint))) {
      s.status = { state: "running", endpoint, shared: true, dataDir: null };
      console.log(`[localcloud] port ${port} already serves a local cloud; using it.`);
    } else {
      const reason =
        code === "EADDRINUSE"
          ? `Port ${port} is used by another program. Start the app with LOCALCLOUD_PORT set to a free port.`
          : `The local cloud could not start: ${(error as Error).message}`;
      s.status = { state: "failed", endpoint, reason };
      console.error(`[localcloud] ${reason}`);
    }
  }
  return s.status;
}

async function isLocalCloud(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/_localcloud/health`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { name?: string };
    return body.name === LOCALCLOUD_NAME;
  } catch {
    return false;
  }
}
