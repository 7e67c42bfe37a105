/**
 * Finds the lab, step and action a route's path names, from the registry only: ids that are not
 * there are a 404, never a lookup of anything the browser supplied.
 */
import { findLab, findStep } from "@/labs/registry";
import type { AnyLab, LabStep, ResourceKind, StepAction } from "@/labs/framework/types";
import { notFound } from "./responses";

export type Found<T> = { ok: true; value: T } | { ok: false; response: Response };

export function findLabTarget(labId: string): Found<{ lab: AnyLab }> {
  const lab = findLab(labId);
  return lab ? { ok: true, value: { lab } } : { ok: false, response: notFound(`There is no lab called ${labId.slice(0, 60)}.`) };
}

export function findStepTarget(labId: string, stepId: string): Found<{ lab: AnyLab; step: LabStep }> {
  const found = findLabTarget(labId);
  if (!found.ok) return found;
  const step = findStep(found.value.lab, stepId);
  return step
    ? { ok: true, value: { lab: found.value.lab, step } }
    : { ok: false, response: notFound(`The lab ${found.value.lab.title} has no step ${stepId.slice(0, 60)}.`) };
}

export function findActionTarget(labId: string, stepId: string, actionId: string): Found<{ lab: AnyLab; step: LabStep; action: StepAction }> {
  const found = findStepTarget(labId, stepId);
  if (!found.ok) return found;
  const action = found.value.step.actions.find((a) => a.id === actionId);
  return action
    ? { ok: true, value: { ...found.value, action } }
    : { ok: false, response: notFound(`The step ${found.value.step.title} has no action ${actionId.slice(0, 60)}.`) };
}

/** A resource of the lab by its key, of the kinds given (a queue for the queue inspector...). */
export function findResourceTarget(labId: string, key: string, kinds: ResourceKind[]): Found<{ lab: AnyLab; key: string }> {
  const found = findLabTarget(labId);
  if (!found.ok) return found;
  const spec = Object.hasOwn(found.value.lab.resources, key) ? found.value.lab.resources[key] : undefined;
  return spec && kinds.includes(spec.kind)
    ? { ok: true, value: { lab: found.value.lab, key } }
    : { ok: false, response: notFound(`The lab ${found.value.lab.title} has no ${kinds.join(" or ")} called ${key.slice(0, 60)}.`) };
}
