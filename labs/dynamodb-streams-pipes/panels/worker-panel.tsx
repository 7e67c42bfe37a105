"use client";
/**
 * Step "The order worker": start it, send an order of each kind, and follow each path: the
 * table's statuses, the processing queue (the FAIL order's receive count and the countdown to its
 * next attempt), and the DLQ.
 */
import { useLabAction } from "@/components/lab/panel-kit";
import { QueueInspector } from "@/components/queue/queue-inspector";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { LiveOrder } from "../live";
import { formatAmount, Outcome, Part, SkipAhead, StatusBadge, useStreamsLive } from "./parts";

export function OrdersTable({ orders, caption }: { orders: LiveOrder[]; caption: string }) {
  if (orders.length === 0) return <p className="text-sm text-muted">No orders yet.</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-border">
      <table className="w-full text-left text-sm" data-testid="orders-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-surface-2 text-xs text-muted">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Order</th>
            <th scope="col" className="px-3 py-2 font-medium">Amount</th>
            <th scope="col" className="px-3 py-2 font-medium">Notes</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 font-medium">Why / routed</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {orders.map((o) => (
            <tr key={o.orderId} data-order-status={o.status}>
              <td className="px-3 py-2">
                <span className="text-fg">{o.customerName}</span> <span className="font-mono text-xs text-muted">{o.orderId.slice(0, 8)}</span>
              </td>
              <td className="px-3 py-2 font-mono text-xs text-fg">{formatAmount(o.amount)}</td>
              <td className="max-w-[12rem] truncate px-3 py-2 text-xs text-muted" title={o.notes}>
                {o.notes}
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={o.status} />
              </td>
              <td className="px-3 py-2 text-xs text-muted">
                {o.failureReason ?? ""}
                {o.status === "PENDING" && o.attempts ? (
                  <span data-testid="attempts">
                    failed {o.attempts} of 3 receives
                    {o.attempts >= 3 ? ": on its way to the DLQ" : ": retried after 30 s"}
                  </span>
                ) : null}
                {o.reviewStatus ? <Badge tone="accent" className="ml-1">routed: {o.reviewStatus.toLowerCase().replace(/_/g, " ")}</Badge> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WorkerPanel({ labId, stepId, names }: LabPanelProps) {
  const { lab } = useStreamsLive();
  const start = useLabAction(labId, stepId, "start-worker");
  const sample = useLabAction(labId, stepId, "send-sample");
  const trigger = lab?.mappings.find((m) => m.function === names.orderWorker);
  const retrying = (lab?.queues.processing?.inFlight ?? 0) + (lab?.queues.processing?.visible ?? 0);
  return (
    <div className="space-y-4" data-testid="worker-panel">
      <Part number={1} title="Start the worker">
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={() => start.run()} busy={start.busy} tone={trigger ? "secondary" : "primary"} data-testid="start-worker">
            {trigger ? "Start the worker again" : "Start the worker"}
          </Button>
          {trigger ? <Badge tone={trigger.state === "Enabled" ? "ok" : "warn"}>trigger {trigger.state === "Enabled" ? "on" : "off"} · batch 1 · at most 2 at once</Badge> : <Badge>not started</Badge>}
        </div>
        <Outcome state={start} />
      </Part>
      <Part number={2} title="Send one order of each kind">
        <div className="flex flex-wrap gap-2">
          <Button tone="secondary" onClick={() => sample.run({ kind: "normal" })} busy={sample.busy} disabled={!trigger} data-testid="send-normal">
            Normal (1,499)
          </Button>
          <Button tone="secondary" onClick={() => sample.run({ kind: "high" })} busy={sample.busy} disabled={!trigger} data-testid="send-high">
            High value (25,000)
          </Button>
          <Button tone="secondary" onClick={() => sample.run({ kind: "fail" })} busy={sample.busy} disabled={!trigger} data-testid="send-fail">
            Notes contain FAIL
          </Button>
        </div>
        <Outcome state={sample} />
      </Part>
      <Part number={3} title="Follow the three paths">
        <OrdersTable orders={lab?.orders.latest ?? []} caption="The newest orders and their statuses" />
        {retrying > 0 ? (
          <div className="flex flex-wrap items-center gap-3 rounded-md bg-warn-soft px-3 py-2 text-sm text-fg" data-testid="retrying">
            <span>
              {retrying} message{retrying === 1 ? " waits" : "s wait"} in the processing queue: a failed message comes back after the 30 s visibility timeout.
            </span>
            <SkipAhead seconds={31} label="Fast-forward 31 s" waitText="Wait about 30 s for the next attempt." />
          </div>
        ) : null}
        <div className="grid gap-4 xl:grid-cols-2">
          <QueueInspector labId={labId} queueKey="processingQueue" title={names.processingQueue} emptyText="Empty: every order has been taken." />
          <QueueInspector labId={labId} queueKey="processingDlq" title={names.processingDlq} emptyText="Nothing has failed three times yet." />
        </div>
      </Part>
    </div>
  );
}
