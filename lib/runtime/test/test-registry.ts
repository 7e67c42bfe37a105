/**
 * A registry for one test: in memory, the backend's clients and clock, handlers by name.
 */
import type { AnyHandler } from "../function/handler-types";
import { MappingRegistry, type MappingRegistryOptions } from "../registry/mapping-registry";
import type { MappingOwner } from "../registry/mapping-store";
import type { TestBackend } from "./backend";

export const owner: MappingOwner = { prefix: "user3", labId: "cafe-sqs" };

const created: MappingRegistry[] = [];

/** True when no registry of this test file is in the middle of an invocation. */
export function registriesIdle(): boolean {
  return created.every((registry) => registry.isIdle());
}

export function testRegistry(
  backend: TestBackend,
  handlers: Record<string, AnyHandler>,
  options: Partial<MappingRegistryOptions> = {},
): MappingRegistry {
  const registry = new MappingRegistry({
    dataDir: null,
    clients: () => backend.runtimeClients(),
    handlers: (_labId, name) => handlers[name],
    clock: backend.clock,
    stopGraceMs: 2_000,
    shardRefreshMs: 5_000,
    ...options,
  });
  created.push(registry);
  return registry;
}
