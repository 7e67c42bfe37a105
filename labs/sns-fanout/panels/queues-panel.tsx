"use client";
/**
 * The live example of the visibility timeout and redrive: send a practice message, receive it
 * like a consumer that crashes before deleting, watch it come back after the timeout, and see SQS
 * move it to the DLQ on the receive after the third.
 */
import { useState } from "react";
import { Countdown } from "@/components/lab/countdown";
import { useLabAction } from "@/components/lab/panel-kit";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { QueueInspector } from "@/components/queue/queue-inspector";
import { Button } from "@/components/ui/button";
import { StepPart } from "@/components/ui/step-part";
import { Outcome, useFanoutLive } from "./panel-parts";

const MAX_RECEIVES = 3;

interface ReceiveData {
  received: boolean;
  receiveCount?: number;
  visibleAgainInSeconds?: number;
  why?: string;
}

export function QueuesPanel({ labId, stepId }: LabPanelProps) {
  const { lab } = useFanoutLive();
  const send = useLabAction(labId, stepId, "send-practice-message");
  const receive = useLabAction(labId, stepId, "receive-practice-message");
  const tidy = useLabAction(labId, stepId, "delete-practice-message");
  const [hidden, setHidden] = useState<{ at: number; seconds: number; count: number } | null>(null);
  const queuesExist = Boolean(lab?.queues.orderQueue?.exists && lab?.queues.orderDlq?.exists);
  const busy = send.busy || receive.busy || tidy.busy;
  // On the local cloud the peeked message says when it is visible again (fast-forward taken into
  // account); elsewhere count from the receive.
  const peeked = lab?.messages.orderQueue?.find((m) => m.delivery === "practice" && m.receiveCount === hidden?.count);
  const fromReceive = hidden ? hidden.at + hidden.seconds * 1000 : 0;
  const until = !lab?.canPeek || !peeked ? fromReceive : (peeked.visibleAt ?? 0);

  async function receiveOnce() {
    const response = await receive.run();
    const data = response?.outcome.data as ReceiveData | undefined;
    if (data?.received && data.visibleAgainInSeconds) {
      setHidden({ at: Date.now(), seconds: data.visibleAgainInSeconds, count: data.receiveCount ?? 1 });
    } else {
      setHidden(null);
    }
  }

  const last = receive.result?.outcome.data as ReceiveData | undefined;
  const movedToDlq = last?.received === false && last.why === "moved-to-dlq";

  return (
    <div className="space-y-4" data-testid="queues-panel">
      <StepPart number={1} title="Try it: a consumer that crashes" testId="practice">
        <p className="text-sm text-muted">
          The practice message goes straight into OrderQueue. Each <span className="font-medium text-fg">Receive</span> takes it and never deletes it, as a consumer that crashes mid-way would. Watch its receive count and the countdown until SQS offers it again.
        </p>
        {lab?.processor.enabled ? (
          <p className="rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-fg">The order processor is reading OrderQueue right now; turn its trigger off (step 6) to try this, or it takes the message first.</p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button tone="secondary" onClick={() => send.run()} busy={send.busy} disabled={busy || !queuesExist} data-testid="send-practice">
            Send a practice message
          </Button>
          <Button onClick={receiveOnce} busy={receive.busy} disabled={busy || !queuesExist} data-testid="receive-practice">
            Receive it (and crash before deleting)
          </Button>
          {movedToDlq ? (
            <Button tone="ghost" onClick={() => tidy.run()} busy={tidy.busy} disabled={busy} data-testid="delete-practice">
              Delete it from the DLQ
            </Button>
          ) : null}
        </div>
        {!queuesExist ? <p className="text-sm text-muted">Create the queues first (the button below).</p> : null}
        <Outcome state={send} />
        <Outcome state={receive} />
        <Outcome state={tidy} />
        {hidden ? (
          <div className="rounded-md border border-border bg-surface-2 px-3 py-2.5" data-testid="practice-hidden">
            <p className="mb-1.5 text-sm text-fg">
              Receive <span className="font-mono font-semibold tabular-nums">{hidden.count}</span> of {MAX_RECEIVES}
              {hidden.count >= MAX_RECEIVES ? ": the next receive will find it moved to the DLQ." : "."}
            </p>
            <Countdown until={until} total={hidden.seconds} label="Visible again in" doneLabel="Visible again: receive it once more." />
          </div>
        ) : null}
        {movedToDlq ? (
          <p className="rounded-md border border-ok/40 bg-ok-soft px-3 py-2 text-sm text-fg" data-testid="practice-in-dlq">
            SQS moved the message to OrderDLQ instead of delivering it a fourth time. It waits there, untouched, for someone to read it, fix the cause and send it again (or delete it).
          </p>
        ) : null}
      </StepPart>
      <div className="grid gap-4 xl:grid-cols-2">
        <QueueInspector labId={labId} queueKey="orderQueue" title="OrderQueue" emptyText="No messages. Send a practice message." />
        <QueueInspector labId={labId} queueKey="orderDlq" title="OrderDLQ" allowPoll={false} emptyText="Empty: nothing has failed three times yet." />
      </div>
    </div>
  );
}
