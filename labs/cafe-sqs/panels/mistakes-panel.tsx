"use client";
/**
 * “Common mistakes”: three mistakes from the write-up, each made on purpose, watched, and undone.
 */
import type { ReactNode } from "react";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { QueueInspector } from "@/components/queue/queue-inspector";
import { Badge } from "@/components/ui/badge";
import { ActionButton } from "./action-button";
import { TriggerStatus, useLastPollsEnd } from "./trigger-status";
import { useCafeLive } from "./use-cafe-live";

function Mistake({ title, active, watch, children }: { title: string; active: boolean; watch: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-surface p-4" data-active={active}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-fg">{title}</h3>
        {active ? <Badge tone="err">in place now</Badge> : <Badge tone="ok">as the lab set it</Badge>}
      </div>
      <div className="mt-3 flex flex-wrap items-start gap-3">{children}</div>
      <p className="mt-2 text-xs text-muted">{watch}</p>
    </section>
  );
}

export function MistakesPanel({ labId, stepId, names }: LabPanelProps) {
  const cafe = useCafeLive();
  const apiHasTrigger = cafe?.apiHasTrigger ?? false;
  const slow = (cafe?.worker.slowSeconds ?? 0) > 0;
  const bigBatch = (cafe?.trigger?.batchSize ?? 1) > 1;
  const settling = useLastPollsEnd() !== null;
  const props = { labId, stepId };
  return (
    <div className="space-y-4">
      <TriggerStatus names={names} />
      <Mistake
        title="1 · One function as producer and consumer"
        active={apiHasTrigger}
        watch="Send orders and watch the log: the order API is invoked by aws:sqs, answers 400 (“no body”) and returns normally — so SQS deletes each message. The queue empties, yet no order reaches the Orders table."
      >
        <ActionButton {...props} actionId="wire-api-as-consumer" label="Attach the trigger to the order API" tone="danger" disabled={apiHasTrigger} />
        <ActionButton {...props} actionId="send-orders" label="Send 2 orders" tone="secondary" params={{ count: 2 }} disabled={settling} />
        <ActionButton {...props} actionId="unwire-api" label="Give the trigger back to the worker" disabled={!apiHasTrigger} />
      </Mistake>
      <Mistake
        title="2 · Visibility timeout shorter than the work"
        active={slow}
        watch="Send one order and watch the log: after 2 s the order is visible again while the worker is still busy, and a second invocation receives it. The first one stores it; the second finds it stored (duplicate_skipped)."
      >
        <ActionButton {...props} actionId="shorten-visibility" label="Visibility 2 s, worker 5 s" tone="danger" disabled={slow} />
        <ActionButton {...props} actionId="send-orders" label="Send 1 order" tone="secondary" params={{ count: 1 }} />
        <ActionButton {...props} actionId="restore-visibility" label="Put the timeout back" disabled={!slow} />
      </Mistake>
      <Mistake
        title="3 · A batch size above 1 while learning"
        active={bigBatch}
        watch="The trigger now gathers up to 5 orders for 2 seconds; four good orders and one message that is not JSON arrive together as one batch. The worker fails on the bad one, so the whole batch returns to the queue: watch the receive counts of the good orders rise with it (fast-forward past each visibility timeout)."
      >
        <ActionButton {...props} actionId="big-batch-with-bad-message" label="Batch of 5 with one bad message" tone="danger" disabled={bigBatch} />
        <ActionButton {...props} actionId="restore-batch" label="Batch size 1 again" disabled={!bigBatch} />
      </Mistake>
      <div className="flex flex-wrap items-center gap-3">
        <ActionButton {...props} actionId="restore-all" label="Put everything back" />
      </div>
      <QueueInspector labId={labId} queueKey="ordersQueue" title="Queue" allowPoll={false} />
    </div>
  );
}
