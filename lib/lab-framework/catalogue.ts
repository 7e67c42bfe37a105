/**
 * The catalogue's labs, as the framework reaches them without importing them: the labs sit above
 * the framework (they import it), so the floor above hands in a loader once — instrumentation.ts
 * for the server, vitest.setup.ts for the tests — and the framework calls it when it needs a lab
 * no context was made for (a saved mapping's handlers after a restart, the title of the lab that
 * owns a shared name). Loaded lazily: never at import time.
 */
import type { AnyLab } from "./types";

type CatalogueLoader = () => Promise<readonly AnyLab[]>;

interface CatalogueSlot {
  load: CatalogueLoader | null;
  loaded: Promise<readonly AnyLab[]> | null;
}

const SLOT = Symbol.for("messaging-labs.lab-catalogue");

function slot(): CatalogueSlot {
  const holder = globalThis as typeof globalThis & { [SLOT]?: CatalogueSlot };
  return (holder[SLOT] ??= { load: null, loaded: null });
}

/** Called from the top floor: how to load the catalogue (e.g. `() => import("@/labs/registry").then((m) => m.labs)`). */
export function provideLabCatalogue(load: CatalogueLoader): void {
  const s = slot();
  s.load = load;
  s.loaded = null;
}

/** The catalogue's labs; none when nothing was provided. A failed load is tried again next time. */
export function labCatalogue(): Promise<readonly AnyLab[]> {
  const s = slot();
  if (!s.load) return Promise.resolve([]);
  s.loaded ??= s.load().catch((error: unknown) => {
    s.loaded = null;
    throw error;
  });
  return s.loaded;
}

/** A lab of the catalogue by id. */
export async function findCatalogueLab(id: string): Promise<AnyLab | undefined> {
  return (await labCatalogue()).find((lab) => lab.id === id);
}
