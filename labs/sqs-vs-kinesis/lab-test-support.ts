/**
 * Running this lab's steps in tests the way the routes do: a lab context on an in-memory local
 * cloud, actions by id, checks, the live state, and the cloud's clock moved instead of waiting.
 */
import type { LocalCloud } from "@/lib/localcloud/index";
import { createLabContext } from "@/lib/lab-framework/context";
import type { CheckResult } from "@/lib/lab-framework/types";
import lab from "./lab";
import { kinesisLabLive } from "./live";
import type { KinesisLabContext } from "./resources";

export function labContext(cloud: LocalCloud, prefix: string): Promise<KinesisLabContext> {
  return createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix }, AbortSignal.timeout(300_000));
}

export function step(id: string) {
  const found = lab.steps.find((s) => s.id === id);
  if (!found) throw new Error(`No step ${id}`);
  return found;
}

export async function runAction(context: KinesisLabContext, stepId: string, actionId: string, params: unknown = {}) {
  const action = step(stepId).actions.find((a) => a.id === actionId);
  if (!action) throw new Error(`No action ${actionId} in ${stepId}`);
  return action.run(context, params);
}

export function check(context: KinesisLabContext, stepId: string): Promise<CheckResult> {
  return step(stepId).check(context);
}

export const live = kinesisLabLive;

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Moves the cloud's clock while no function of these students runs, then lets the runtime's
 * clock (which follows an endpoint's clock about once a second) catch up, so no invocation starts
 * on the old time and times out when the jump reaches it.
 */
export async function fastForward(cloud: LocalCloud, contexts: KinesisLabContext[], seconds: number): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const idle = await Promise.all(contexts.map((c) => c.runtime.isIdle()));
    if (idle.every(Boolean)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  cloud.clock.advance(seconds * 1000);
  await new Promise((r) => setTimeout(r, 1_100));
}
