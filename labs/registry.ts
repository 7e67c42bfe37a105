/**
 * The labs in catalogue order, and lookups by id. Server-only: definitions hold SDK code.
 */
import * as catalogue from "./catalogue";
import { resourceName } from "@/lib/lab-framework/define";
import type { AnyLab } from "@/lib/lab-framework/types";

export const labs: readonly AnyLab[] = (Object.values(catalogue) as AnyLab[]).sort((a, b) => a.order - b.order);

export function findLab(id: string): AnyLab | undefined {
  return labs.find((lab) => lab.id === id);
}

export function findStep(lab: AnyLab, stepId: string) {
  return lab.steps.find((step) => step.id === stepId);
}

/**
 * Resource names two labs both use (`<prefix>-Orders`, say): creating one lab's resource while the
 * other lab's exists would reuse or collide with it, so the pages warn about it.
 */
export function sharedNames(labId: string): Array<{ name: string; otherLab: AnyLab }> {
  const lab = findLab(labId);
  if (!lab) return [];
  const shared: Array<{ name: string; otherLab: AnyLab }> = [];
  for (const spec of Object.values(lab.resources)) {
    for (const other of labs) {
      if (other.id === lab.id) continue;
      if (Object.values(other.resources).some((o) => o.kind === spec.kind && o.name === spec.name)) {
        shared.push({ name: resourceName("<prefix>", spec.name), otherLab: other });
      }
    }
  }
  return shared;
}
