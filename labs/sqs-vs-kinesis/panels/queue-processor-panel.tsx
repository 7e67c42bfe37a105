"use client";
/**
 * Step 5's panel: the SQS trigger, each batch the processor got (which orders, which failed, how
 * many times each was received), the failing orders' wait for their visibility timeout, and the
 * queues' counts.
 */
import { useCallback, useEffect, useState } from "react";
import { Countdown, useLabLive } from "@/components/lab/panel-kit";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { SqsBatchView } from "../activity";
import { VISIBILITY_TIMEOUT_SECONDS } from "../settings";
import { ResourceFigures } from "./form-controls";
import { browserTime, clockTime, useKinesisLabLive } from "./live-lab";
import { TriggerStatus } from "./trigger-status";
import { useRefreshWhile } from "./use-refresh-while";

function BatchRow({ batch }: { batch: SqsBatchView }) {
  return (
    <li className="space-y-1.5 px-3 py-2.5" data-testid="sqs-batch" data-failed={batch.failed} data-size={batch.size}>
      <div className="flex flex-wrap items-baseline gap-x-3 text-xs">
        <span className="font-mono text-subtle tabular-nums">{clockTime(batch.at)}</span>
        <span className="font-medium text-fg">
          {batch.size} message{batch.size === 1 ? "" : "s"}
        </span>
        {batch.failed ? <Badge tone="err">{batch.failed} reported failed</Badge> : <Badge tone="ok">all done</Badge>}
        {batch.durationMs !== null ? <span className="text-muted">{Math.round(batch.durationMs)} ms</span> : <span className="text-muted">running…</span>}
        <span className="ml-auto font-mono text-subtle" title={batch.requestId}>
          {batch.requestId.slice(0, 8)}
        </span>
      </div>
      <ul className="flex flex-wrap gap-1.5" aria-label="Messages in this batch">
        {batch.messages.map((m) => (
          <li
            key={`${m.messageId}-${m.receiveCount}`}
            className={cx("rounded border px-1.5 py-0.5 font-mono text-[11px]", m.ok ? "border-ok/40 bg-ok-soft text-fg" : "border-err/50 bg-err-soft text-fg")}
            title={m.reason ?? `${m.priority} priority, done in ${m.workMs ?? 0} ms`}
          >
            <span aria-hidden>{m.ok ? "✓" : "✗"}</span> {m.orderId}
            <span className="text-muted"> {m.priority === "high" ? "high" : "norm"}</span>
            {m.receiveCount > 1 ? <span className="text-err"> receive #{m.receiveCount}</span> : null}
            <span className="sr-only">{m.ok ? "processed" : `failed: ${m.reason ?? ""}`}</span>
          </li>
        ))}
      </ul>
    </li>
  );
}

export function QueueProcessorPanel({ names }: LabPanelProps) {
  const { lab, offsetMs } = useKinesisLabLive();
  const sqs = lab?.sqs;
  const live = useLabLive();
  const inDlq = Number(live.data?.resources.find((r) => r.key === "orderDlq")?.figures.find((f) => f.label === "visible")?.value ?? 0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // Failed orders past their last allowed receive, oldest first: the DLQ takes them in that order.
  const pastDueToDlq = (sqs?.retries ?? []).filter((r) => r.headingToDlq && browserTime(r.visibleAgainAt, offsetMs) <= now).map((r) => r.messageId);
  const parked = new Set(pastDueToDlq.slice(0, inDlq));
  const waiting = (sqs?.retries ?? []).filter((r) => !parked.has(r.messageId));
  const firstDue = waiting.length ? Math.min(...waiting.map((r) => browserTime(r.visibleAgainAt, offsetMs))) : null;
  const dueSoon = useCallback(() => firstDue !== null && firstDue <= Date.now(), [firstDue]);
  // Once a failed order is visible again the trigger receives it within a moment: show that at once.
  useRefreshWhile(firstDue === null ? false : dueSoon);
  return (
    <div className="space-y-4 rounded-lg border border-border bg-surface p-4">
      <TriggerStatus trigger={lab?.triggers.queue} name={names.queueProcessor} />
      <div className="grid gap-3 sm:grid-cols-2">
        <ResourceFigures resourceKey="orderQueue" label={names.orderQueue} />
        <ResourceFigures resourceKey="orderDlq" label={names.orderDlq} />
      </div>
      {sqs?.retries.length ? (
        <section aria-labelledby="retries-heading" className="space-y-2">
          <h3 id="retries-heading" className="text-sm font-semibold text-fg">
            Failed orders and their retries
          </h3>
          <ul className="space-y-2">
            {sqs.retries.slice(0, 4).map((retry) => {
              const inTheDlq = parked.has(retry.messageId);
              return (
                <li key={retry.messageId} className="rounded-md border border-border bg-surface-2 px-3 py-2" data-testid="sqs-retry" data-parked={inTheDlq}>
                  <p className="text-xs text-muted">
                    <span className="font-mono text-fg">{retry.orderId}</span> failed on receive {retry.receives} of 3.{" "}
                    {inTheDlq
                      ? `SQS moved it to ${names.orderDlq} when the trigger received it again.`
                      : retry.headingToDlq
                        ? "Its next receive moves it to the DLQ."
                        : "SQS hides it until its visibility timeout ends."}
                  </p>
                  {inTheDlq ? null : (
                    <Countdown
                      className="mt-1.5"
                      until={browserTime(retry.visibleAgainAt, offsetMs)}
                      total={VISIBILITY_TIMEOUT_SECONDS}
                      label={retry.headingToDlq ? "Into the DLQ in" : "Visible again in"}
                      doneLabel={retry.headingToDlq ? "Due to move to the DLQ at the next poll" : "Visible again: the trigger will receive it"}
                      slackSeconds={3}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {sqs?.processedTwice.length ? (
        <p role="alert" className="rounded-md border border-err/40 bg-err-soft px-3 py-2 text-sm text-fg">
          Processed twice: {sqs.processedTwice.join(", ")}. A batch that fails as a whole comes back entirely.
        </p>
      ) : null}
      <section aria-labelledby="batches-heading" className="space-y-2">
        <h3 id="batches-heading" className="flex items-baseline gap-2 text-sm font-semibold text-fg">
          Batches
          {sqs ? (
            <span className="text-xs font-normal text-muted">
              {sqs.succeeded} orders done · {sqs.failedAttempts} failed attempts
            </span>
          ) : null}
        </h3>
        {sqs?.batches.length ? (
          <ol className="divide-y divide-border overflow-hidden rounded-md border border-border" data-testid="sqs-batches">
            {sqs.batches.map((batch) => (
              <BatchRow key={batch.requestId} batch={batch} />
            ))}
          </ol>
        ) : (
          <p className="text-sm text-subtle">No batch yet. Turn the trigger on; orders waiting in the queue arrive within seconds.</p>
        )}
      </section>
    </div>
  );
}
