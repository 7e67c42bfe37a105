/**
 * What the Cafe lab's panels and diagram read on each refresh besides the resources: the worker's
 * trigger, the functions' switches, how far each load run has got, and the diagram's labels.
 */
import { LONG_POLL_SECONDS } from "@/lib/runtime/sqs/sqs-mapping";
import type { JsonValue } from "@/lib/lab-framework/types";
import { LOAD_MARK } from "./load-run";
import { storedOrders } from "./orders";
import type { CafeContext } from "./provision";

export interface CafeLiveState {
  trigger: {
    state: "Enabled" | "Disabled";
    running: boolean;
    batchSize: number;
    working: number;
    problem: string | null;
    lastProcessingResult: string;
    /**
     * A trigger just switched off still has receives waiting on the queue (long polls, up to 20 s):
     * until this moment (the cloud's epoch ms) one may still pick up a message and hand it back.
     */
    lastPollsEndAt: number | null;
  } | null;
  apiHasTrigger: boolean;
  worker: { failing: boolean; slowSeconds: number };
  apiConfigured: boolean;
  /** Load run → orders of it stored. */
  loads: Record<string, number>;
  /** When the worker last failed on purpose (epoch ms, real time), for a countdown where the queue cannot be peeked. */
  lastFailureAt: number | null;
}

export async function cafeLive(context: CafeContext): Promise<Record<string, JsonValue>> {
  const [mappings, apiEnvironment, workerEnvironment, failures] = await Promise.all([
    context.runtime.mappings(),
    context.runtime.environment("orderApi"),
    context.runtime.environment("orderWorker"),
    context.runtime.logs({ filter: { type: "handler", text: "forced_failure" }, limit: 1 }),
  ]);
  const trigger = mappings.find((m) => m.config.functionName === context.names.orderWorker);
  const apiHasTrigger = mappings.some((m) => m.config.functionName === context.names.orderApi);
  const loads: Record<string, number> = {};
  for (const order of await storedOrders(context, LOAD_MARK)) {
    const run = String(order.customer_name).slice(LOAD_MARK.length).split(" ")[0];
    loads[run] = (loads[run] ?? 0) + 1;
  }
  const failing = workerEnvironment.FORCE_FAILURE === "true";
  const slowSeconds = Number(workerEnvironment.SLOW_SECONDS ?? 0);
  const state: CafeLiveState = {
    trigger: trigger
      ? {
          state: trigger.state,
          running: trigger.running,
          batchSize: trigger.config.batchSize,
          working: trigger.working,
          problem: trigger.problem ?? null,
          lastProcessingResult: trigger.lastProcessingResult,
          lastPollsEndAt: trigger.state === "Disabled" ? Date.parse(trigger.lastModified) + LONG_POLL_SECONDS * 1000 : null,
        }
      : null,
    apiHasTrigger,
    worker: { failing, slowSeconds },
    apiConfigured: Boolean(apiEnvironment.SQS_QUEUE_URL),
    loads,
    lastFailureAt: failures.length ? Date.parse(failures[0].timestamp) : null,
  };
  const triggerLabel = !trigger ? "no trigger yet" : trigger.state === "Enabled" ? `trigger on · batch ${trigger.config.batchSize}` : "trigger off";
  const workerNote = failing ? "fails on purpose" : slowSeconds ? `slow: ${slowSeconds} s an order` : trigger?.state === "Enabled" ? (trigger.working ? `working on ${trigger.working}` : "waiting for orders") : "not triggered";
  return {
    ...(state as unknown as Record<string, JsonValue>),
    diagram: {
      nodes: { worker: workerNote, api: apiHasTrigger ? "reads the queue too!" : state.apiConfigured ? "answers 202" : "not called yet" },
      edges: { trigger: triggerLabel },
      active: trigger && trigger.working > 0 ? ["trigger"] : [],
    },
  };
}
