/**
 * One registry per server process. Next.js loads server modules more than once (separate bundles,
 * dev-mode reloads); two registries would both poll every queue and invoke every handler twice,
 * so the app gets its registry through here, kept on globalThis like the embedded local cloud.
 */
import { MappingRegistry, type MappingRegistryOptions } from "./mapping-registry";

const SLOT = Symbol.for("messaging-labs.runtime.registry");

type Holder = typeof globalThis & { [SLOT]?: { registry: MappingRegistry; started: Promise<void> } };

/** The process's registry, created (and started) on first use with `options()`. */
export async function sharedRegistry(options: () => MappingRegistryOptions): Promise<MappingRegistry> {
  const holder = globalThis as Holder;
  if (!holder[SLOT]) {
    const registry = new MappingRegistry(options());
    holder[SLOT] = { registry, started: registry.start() };
  }
  await holder[SLOT].started;
  return holder[SLOT].registry;
}

/** Stops and forgets the process's registry (server shutdown, tests). */
export async function closeSharedRegistry(): Promise<void> {
  const holder = globalThis as Holder;
  const slot = holder[SLOT];
  if (!slot) return;
  delete holder[SLOT];
  await slot.registry.shutdown();
}
