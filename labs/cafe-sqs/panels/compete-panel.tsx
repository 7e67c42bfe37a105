"use client";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { QueueInspector } from "@/components/queue/queue-inspector";
import { ActionButton } from "./action-button";
import { TriggerStatus, useLastPollsEnd } from "./trigger-status";
import { useCafeLive } from "./use-cafe-live";

export function CompetePanel({ labId, stepId, names }: LabPanelProps) {
  const live = useCafeLive();
  const on = live?.trigger?.state === "Enabled";
  const settling = useLastPollsEnd() !== null;
  return (
    <div className="space-y-4">
      <TriggerStatus names={names} />
      <div className="flex flex-wrap items-start gap-3">
        <ActionButton labId={labId} stepId={stepId} actionId="send-orders" label="Send 3 orders" tone="secondary" params={{ count: 3 }} disabled={settling} />
        {on ? (
          <ActionButton labId={labId} stepId={stepId} actionId="disable-trigger" label="Disable the trigger" tone="secondary" />
        ) : (
          <ActionButton labId={labId} stepId={stepId} actionId="enable-trigger" label="Enable the trigger" />
        )}
      </div>
      <QueueInspector labId={labId} queueKey="ordersQueue" title="Queue" emptyText={on ? "Nothing here: the worker took every order. That is success." : "Empty. Send orders: with the trigger off they wait here."} />
    </div>
  );
}
