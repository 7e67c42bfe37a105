/**
 * The worker's trigger: the event source mapping from CafeOrdersQueue to CafeOrderWorker with the
 * write-up's settings (batch size 1, no batching window, no partial batch responses), and the
 * actions that switch it.
 */
import { PlainFailure } from "@/lib/aws/errors";
import type { MappingView } from "@/lib/runtime";
import { defineAction } from "@/lib/lab-framework/define";
import { requireOrdersQueue, tableExists, WORKER_MAPPING, type CafeContext } from "./provision";
import type { CafeResources } from "./resources";

export function workerTrigger(context: CafeContext): Promise<MappingView | undefined> {
  return context.runtime.findMapping("orderWorker", "ordersQueue");
}

/** Creates the trigger (enabled) or turns it on, keeping the lab's settings. */
export async function enableWorkerTrigger(context: CafeContext): Promise<MappingView> {
  await requireOrdersQueue(context);
  if (!(await tableExists(context, "ordersTable")) || !(await tableExists(context, "menuTable"))) {
    throw new PlainFailure("TablesMissing", "The worker has nowhere to store orders yet.", "Create the tables first (the step “The worker”).", "not-found");
  }
  const existing = await workerTrigger(context);
  return context.runtime.ensureMapping("orderWorker", "ordersQueue", { ...WORKER_MAPPING, ...(existing ? { batchSize: existing.config.batchSize } : {}), enabled: true });
}

export function enableTriggerAction(label = "Enable the trigger") {
  return defineAction<CafeResources>({
    id: "enable-trigger",
    label,
    async run(context) {
      const mapping = await enableWorkerTrigger(context);
      return { message: `The trigger is on: ${context.names.orderWorker} reads ${context.names.ordersQueue}, ${mapping.config.batchSize === 1 ? "one order" : `up to ${mapping.config.batchSize} orders`} at a time.` };
    },
  });
}

export function disableTriggerAction(label = "Disable the trigger") {
  return defineAction<CafeResources>({
    id: "disable-trigger",
    label,
    tone: "secondary",
    async run(context) {
      const mapping = await workerTrigger(context);
      if (!mapping) throw new PlainFailure("NoTrigger", "There is no trigger to disable yet.", "Enable it in the step “The worker” first.", "not-found");
      await context.runtime.setMappingEnabled(mapping.uuid, false);
      return { message: "The trigger is off: orders now wait in the queue." };
    },
  });
}
