/**
 * Running this lab's steps in tests the way the routes do: a lab context on an in-memory local
 * cloud, actions by id, checks, and the virtual clock moved instead of waiting.
 */
import type { LocalCloud } from "@/lib/localcloud/index";
import { createLabContext } from "@/lib/lab-framework/context";
import type { CheckResult, LabContext } from "@/lib/lab-framework/types";
import lab from "./lab";
import type { StreamsResources } from "./resources";

export type StreamsTestContext = LabContext<StreamsResources>;

export function streamsContext(cloud: LocalCloud, prefix: string): Promise<StreamsTestContext> {
  return createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix }, AbortSignal.timeout(120_000));
}

export function step(id: string) {
  const found = lab.steps.find((s) => s.id === id);
  if (!found) throw new Error(`No step ${id}`);
  return found;
}

export async function runAction(context: StreamsTestContext, stepId: string, actionId: string, params: unknown = {}) {
  const action = step(stepId).actions.find((a) => a.id === actionId);
  if (!action) throw new Error(`No action ${actionId} in ${stepId}`);
  return action.run(context, params);
}

export function check(context: StreamsTestContext, stepId: string): Promise<CheckResult> {
  return step(stepId).check(context);
}

/** Steps 1 to 6 done, as a student would have left them. */
export async function throughTheWorker(context: StreamsTestContext): Promise<void> {
  await runAction(context, "orders-table", "create-table");
  await runAction(context, "stream-consumer", "start-consumer");
  await runAction(context, "queues", "create-queues");
  await runAction(context, "order-worker", "start-worker");
}

/**
 * Moves the cloud's clock while no function is running, then gives the runtime's clock (which
 * follows an endpoint's clock about once a second) time to catch up, so that no invocation starts
 * on the old time and times out when the jump arrives.
 */
export async function fastForward(cloud: LocalCloud, context: StreamsTestContext, seconds: number): Promise<void> {
  const until = Date.now() + 10_000;
  while (!(await context.runtime.isIdle()) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  cloud.clock.advance(seconds * 1000);
  await new Promise((r) => setTimeout(r, 1_100));
}
