"use client";
/**
 * “Forced failure”, guided: break the worker, send an order, watch it come back with a rising receive
 * count, add the DLQ, see the order land there, fix the worker and redrive it.
 */
import type { ReactNode } from "react";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { QueueInspector } from "@/components/queue/queue-inspector";
import { cx } from "@/components/ui/cx";
import { Countdown, useCanFastForward, useLabLive } from "@/components/lab/panel-kit";
import { VISIBILITY_TIMEOUT_SECONDS } from "../queue-settings";
import { ActionButton } from "./action-button";
import { TriggerStatus } from "./trigger-status";
import { useCafeLive } from "./use-cafe-live";

function Item({ n, done, title, children }: { n: number; done: boolean; title: string; children?: ReactNode }) {
  return (
    <li className="flex gap-3" data-testid={`failure-step-${n}`} data-done={done}>
      <span aria-hidden className={cx("mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-[11px] font-semibold", done ? "bg-ok-soft text-ok" : "border border-border-strong text-subtle")}>
        {done ? "✓" : n}
      </span>
      <div className="min-w-0 flex-1 space-y-1.5">
        <p className="text-sm text-fg">
          {title}
          <span className="sr-only">{done ? " (done)" : ""}</span>
        </p>
        {children}
      </div>
    </li>
  );
}

export function FailurePanel({ labId, stepId, names }: LabPanelProps) {
  const cafe = useCafeLive();
  const live = useLabLive();
  const dlq = live.data?.resources.find((r) => r.key === "ordersDlq");
  const dlqExists = dlq?.state === "ready";
  const inDlq = Number(dlq?.figures.find((f) => f.label === "visible")?.value ?? 0);
  const failing = cafe?.worker.failing ?? false;
  // Where the queue cannot be peeked (AWS), the order's return is counted from the worker's last failure.
  const peekable = useCanFastForward();
  const comesBackAt = !peekable && failing && cafe?.lastFailureAt ? cafe.lastFailureAt + VISIBILITY_TIMEOUT_SECONDS * 1000 : null;
  return (
    <div className="space-y-4">
      <TriggerStatus names={names} />
      <section aria-label="What to do" className="rounded-lg border border-border bg-surface p-4">
        <ol className="space-y-3">
          <Item n={1} done={failing} title="Switch the worker to fail on every order.">
            <ActionButton labId={labId} stepId={stepId} actionId="break-worker" label="Make the worker fail" tone="danger" disabled={failing} />
          </Item>
          <Item n={2} done={false} title="Send an order. The worker throws, so the message stays in the queue, in flight for 60 s.">
            <ActionButton labId={labId} stepId={stepId} actionId="send-poison-order" label="Send an order" tone="secondary" />
          </Item>
          <Item n={3} done={false} title="Watch it come back: when the countdown ends, the trigger receives it again and the receive count rises. On the local cloud, fast-forward instead of waiting.">
            {comesBackAt ? <Countdown until={comesBackAt} total={VISIBILITY_TIMEOUT_SECONDS} label="The last failed order is visible again in about" doneLabel="The last failed order is visible again." /> : null}
          </Item>
          <Item n={4} done={dlqExists} title={`Add ${names.ordersDlq} and a redrive policy: after 3 receives, SQS moves the order there.`}>
            <ActionButton labId={labId} stepId={stepId} actionId="add-dlq" label="Add the dead-letter queue" tone="secondary" />
          </Item>
          <Item n={5} done={inDlq > 0} title="Keep going until the order has failed three times: on its next return it lands in the DLQ instead." />
          <Item n={6} done={dlqExists && !failing} title="Fix the worker.">
            <ActionButton labId={labId} stepId={stepId} actionId="fix-worker" label="Fix the worker" disabled={!failing} />
          </Item>
          <Item n={7} done={false} title="Redrive: move the order from the DLQ back to the queue. The fixed worker stores it.">
            <ActionButton labId={labId} stepId={stepId} actionId="redrive" label="Redrive the DLQ" tone="secondary" disabled={!dlqExists || inDlq === 0} />
          </Item>
        </ol>
      </section>
      <QueueInspector labId={labId} queueKey="ordersQueue" title="Queue" allowPoll={false} emptyText="The queue is empty." />
      <QueueInspector labId={labId} queueKey="ordersDlq" title="Dead-letter queue" allowPoll={false} emptyText="Nothing has failed three times yet." />
      <p className="text-xs text-muted">Each failure is a red line in the function logs below the steps: filter them by the message&apos;s id.</p>
    </div>
  );
}
