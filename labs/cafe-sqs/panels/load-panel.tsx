"use client";
/**
 * “Load”: 100 orders in one click, sent a quarter at a time so the bar shows real progress, and a second
 * bar for the orders the worker has stored.
 */
import { useState } from "react";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { ApiError } from "@/lib/api/responses";
import { QueueInspector } from "@/components/queue/queue-inspector";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useLabAction } from "@/components/lab/panel-kit";
import { LOAD_BATCH, LOAD_ORDERS } from "../load-run";
import { TriggerStatus } from "./trigger-status";
import { useCafeLive } from "./use-cafe-live";

function newRun(): string {
  return Math.random().toString(36).slice(2, 8).padEnd(6, "0");
}

export function LoadPanel({ labId, stepId, names }: LabPanelProps) {
  const cafe = useCafeLive();
  const action = useLabAction(labId, stepId, "send-load");
  const [run, setRun] = useState<string | null>(null);
  const [accepted, setAccepted] = useState(0);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const stored = run ? (cafe?.loads[run] ?? 0) : 0;

  async function send() {
    const id = newRun();
    setRun(id);
    setAccepted(0);
    setError(null);
    setSending(true);
    for (let batch = 0; batch < LOAD_ORDERS / LOAD_BATCH; batch++) {
      const response = await action.run({ run: id, batch });
      if (!response) break;
      setAccepted((n) => n + Number((response.outcome.data as { accepted?: number } | undefined)?.accepted ?? 0));
    }
    setSending(false);
  }

  return (
    <div className="space-y-4">
      <TriggerStatus names={names} />
      <section aria-label="Load test" className="space-y-4 rounded-lg border border-border bg-surface p-4" data-testid="load-test" data-run={run ?? ""} data-accepted={accepted} data-stored={stored}>
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={send} busy={sending} data-testid="send-load">
            Send {LOAD_ORDERS} orders
          </Button>
          {run ? <span className="text-xs text-muted">Run {run}: customers “Load {run} #1…{LOAD_ORDERS}”</span> : null}
        </div>
        <div className="space-y-1">
          <div className="flex justify-between text-sm">
            <span className="text-fg">Accepted by the API</span>
            <span className="font-mono text-fg tabular-nums">
              {accepted} / {LOAD_ORDERS}
            </span>
          </div>
          <ProgressBar value={accepted} max={LOAD_ORDERS} label="Orders accepted by the API" />
        </div>
        <div className="space-y-1">
          <div className="flex justify-between text-sm">
            <span className="text-fg">Stored by the worker</span>
            <span className="font-mono text-fg tabular-nums" data-testid="load-stored">
              {stored} / {LOAD_ORDERS}
            </span>
          </div>
          <ProgressBar value={stored} max={LOAD_ORDERS} label="Orders stored by the worker" />
        </div>
        {action.error || error ? <ErrorNotice error={(action.error ?? error) as ApiError} title="Sending stopped" /> : null}
      </section>
      <QueueInspector labId={labId} queueKey="ordersQueue" title="Queue" allowPoll={false} messages={false} />
    </div>
  );
}
