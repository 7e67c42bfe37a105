/**
 * Finds the lab, step and action a route's path names, among the labs the route passes in (the
 * registry, `labs` of labs/registry.ts) only: ids that are not there are a 404, never a lookup of
 * anything the browser supplied.
 */
import type { AnyLab, LabStep, ResourceKind, StepAction } from "@/lib/lab-framework/types";
import { notFound } from "./responses";

export type Found<T> = { ok: true; value: T } | { ok: false; response: Response };

export function findLabTarget(labs: readonly AnyLab[], labId: string): Found<{ lab: AnyLab }> {
  const lab = labs.find((l) => l.id === labId);
  return lab ? { ok: true, value: { lab } } : { ok: false, response: notFound(`There is no lab called ${labId.slice(0, 60)}.`) };
}

export function findStepTarget(labs: readonly AnyLab[], labId: string, stepId: string): Found<{ lab: AnyLab; step: LabStep }> {
  const found = findLabTarget(labs, labId);
  if (!found.ok) return found;
  const step = found.value.lab.steps.find((s) => s.id === stepId);
  return step
    ? { ok: true, value: { lab: found.value.lab, step } }
    : { ok: false, response: notFound(`The lab ${found.value.lab.title} has no step ${stepId.slice(0, 60)}.`) };
}

export function findActionTarget(labs: readonly AnyLab[], labId: string, stepId: string, actionId: string): Found<{ lab: AnyLab; step: LabStep; action: StepAction }> {
  const found = findStepTarget(labs, labId, stepId);
  if (!found.ok) return found;
  const action = found.value.step.actions.find((a) => a.id === actionId);
  return action
    ? { ok: true, value: { ...found.value, action } }
    : { ok: false, response: notFound(`The step ${found.value.step.title} has no action ${actionId.slice(0, 60)}.`) };
}

/** A resource of the lab by its key, of the kinds given (a queue for the queue inspector...). */
export function findResourceTarget(labs: readonly AnyLab[], labId: string, key: string, kinds: ResourceKind[]): Found<{ lab: AnyLab; key: string }> {
  const found = findLabTarget(labs, labId);
  if (!found.ok) return found;
  const spec = Object.hasOwn(found.value.lab.resources, key) ? found.value.lab.resources[key] : undefined;
  return spec && kinds.includes(spec.kind)
    ? { ok: true, value: { lab: found.value.lab, key } }
    : { ok: false, response: notFound(`The lab ${found.value.lab.title} has no ${kinds.join(" or ")} called ${key.slice(0, 60)}.`) };
}
