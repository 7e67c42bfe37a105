"use client";
/**
 * The worker's trigger at a glance: on or off, its batch settings, and what it is doing.
 */
import { Badge } from "@/components/ui/badge";
import { StatusDot } from "@/components/ui/status-dot";
import { useCafeLive } from "./use-cafe-live";

export function TriggerStatus({ names }: { names: Record<string, string> }) {
  const live = useCafeLive();
  const trigger = live?.trigger;
  return (
    <div className="rounded-md border border-border bg-surface-2 px-3 py-2.5 text-sm" data-testid="trigger-status" data-state={trigger?.state ?? "none"}>
      <div className="flex flex-wrap items-center gap-2">
        <StatusDot state={!trigger ? "untested" : trigger.state === "Enabled" ? (trigger.running ? "ready" : "starting") : "failed"} />
        <span className="font-medium text-fg">
          Trigger {names.ordersQueue} → {names.orderWorker}
        </span>
        <Badge tone={!trigger ? "neutral" : trigger.state === "Enabled" ? "ok" : "warn"}>{!trigger ? "not created" : trigger.state === "Enabled" ? "on" : "off"}</Badge>
        {live?.worker.failing ? <Badge tone="err">worker fails on purpose</Badge> : null}
      </div>
      {trigger ? (
        <p className="mt-1 text-xs text-muted">
          Batch size <span className="font-mono text-fg">{trigger.batchSize}</span> · batching window <span className="font-mono text-fg">0 s</span> · report batch item failures{" "}
          <span className="font-mono text-fg">off</span> · {trigger.working ? `working on ${trigger.working} batch${trigger.working === 1 ? "" : "es"}` : "idle"}
          {trigger.problem ? <span className="block text-err">Not running: {trigger.problem}</span> : null}
        </p>
      ) : null}
    </div>
  );
}
