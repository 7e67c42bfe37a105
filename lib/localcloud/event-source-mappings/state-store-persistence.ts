/**
 * The runtime's mappings and checkpoints kept in the local cloud's StateStore: one part per
 * mapping (`lambda-event-source-mappings/<uuid>`), written when it changes, so they survive a
 * restart with the rest of the cloud's state.
 */
import type { MappingPersistence, StoredMapping } from "../../runtime";
import type { StateStore } from "../core/persistence";

const PREFIX = "lambda-event-source-mappings";

export class StateStorePersistence implements MappingPersistence {
  constructor(private readonly store: StateStore) {}

  load(): StoredMapping[] {
    return this.store
      .readAll(`${PREFIX}/`)
      .map((part) => part.data)
      .filter(isStoredMapping);
  }

  saved(mapping: StoredMapping): void {
    this.store.markDirty(keyOf(mapping.uuid), () => mapping);
  }

  removed(uuid: string): void {
    this.store.remove(keyOf(uuid));
  }

  /** The store writes on its own schedule and when the cloud closes. */
  async flush(): Promise<void> {}

  flushSync(): void {}
}

function keyOf(uuid: string): string {
  return `${PREFIX}/${uuid}`;
}

function isStoredMapping(value: unknown): value is StoredMapping {
  if (typeof value !== "object" || value === null) return false;
  const mapping = value as Partial<StoredMapping>;
  return typeof mapping.uuid === "string" && typeof mapping.config === "object" && typeof mapping.owner === "object";
}
