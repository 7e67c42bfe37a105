/**
 * What the lab's tests share: the lab's context for a prefix on a test cloud, running a step's
 * action by id as the route does, and waiting on something that happens in the background.
 */
import type { LocalCloud } from "@/lib/localcloud/index";
import { createLabContext } from "@/lib/lab-framework/context";
import type { ActionOutcome, CheckResult, JsonValue } from "@/lib/lab-framework/types";
import lab from "./lab";
import type { Context } from "./provision";

export const REGION = "us-east-1";

export async function labContext(cloud: LocalCloud, prefix: string): Promise<Context> {
  return createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: REGION, prefix }, AbortSignal.timeout(120_000));
}

function step(stepId: string) {
  const found = lab.steps.find((s) => s.id === stepId);
  if (!found) throw new Error(`No step ${stepId}`);
  return found;
}

/** Runs an action the way the action route does: parameters validated by its schema. */
export async function run(context: Context, stepId: string, actionId: string, params: Record<string, JsonValue> = {}): Promise<ActionOutcome> {
  const action = step(stepId).actions.find((a) => a.id === actionId);
  if (!action) throw new Error(`No action ${actionId} in ${stepId}`);
  return action.run(context, params);
}

export async function check(context: Context, stepId: string): Promise<CheckResult> {
  return step(stepId).check(context);
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The `data` of an outcome as a plain object. */
export function dataOf(outcome: ActionOutcome): Record<string, JsonValue> {
  return (outcome.data ?? {}) as Record<string, JsonValue>;
}
