"use client";
/**
 * Step "An alarm on the DLQ": topic, email subscription and alarm; confirming the subscription;
 * the alarm's state with a countdown to its next evaluation, its history, and the mail SNS sent.
 */
import { useId, useState } from "react";
import { Countdown, useLabAction } from "@/components/lab/panel-kit";
import { QueueInspector } from "@/components/queue/queue-inspector";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { Outcome, Part, useStreamsLive } from "./parts";

const STATE_TONE: Record<string, "ok" | "err" | "neutral"> = { OK: "ok", ALARM: "err" };

/** The next minute boundary on the cloud's clock, in browser time (alarms are evaluated each minute). */
function nextEvaluation(offsetSeconds: number | null): number {
  const offset = (offsetSeconds ?? 0) * 1000;
  const cloudNow = Date.now() + offset;
  return Math.ceil((cloudNow + 1) / 60_000) * 60_000 - offset;
}

export function AlertsPanel({ labId, stepId, names }: LabPanelProps) {
  const id = useId();
  const { lab, offsetSeconds } = useStreamsLive();
  const create = useLabAction(labId, stepId, "create-alerts");
  const confirm = useLabAction(labId, stepId, "confirm-subscription");
  const empty = useLabAction(labId, stepId, "empty-dlq");
  const fail = useLabAction(labId, stepId, "send-fail-order");
  const [email, setEmail] = useState("ops@example.com");
  const alarm = lab?.alarm ?? null;
  const pending = lab?.subscriptions.some((s) => s.pending) ?? false;
  const confirmed = lab?.subscriptions.some((s) => !s.pending) ?? false;

  return (
    <div className="space-y-4" data-testid="alerts-panel">
      <Part number={1} title="Topic, email subscription and alarm">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void create.run({ email });
          }}
        >
          <div>
            <label htmlFor={`${id}-email`} className="text-sm font-medium text-fg">Email for the alerts</label>
            <input id={`${id}-email`} type="email" className="mt-1 block w-72 rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm text-fg" value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <Button type="submit" busy={create.busy} tone={alarm ? "secondary" : "primary"} data-testid="create-alerts">
            {alarm ? "Create them again" : "Create the alerts"}
          </Button>
        </form>
        <Outcome state={create} />
        {lab?.subscriptions.length ? (
          <div className="flex flex-wrap items-center gap-3">
            {lab.subscriptions.map((s) => (
              <Badge key={s.endpoint} tone={s.pending ? "warn" : "ok"}>
                {s.endpoint}: {s.pending ? "pending confirmation" : "confirmed"}
              </Badge>
            ))}
            {pending && !confirmed ? (
              <Button tone="secondary" onClick={() => confirm.run()} busy={confirm.busy} data-testid="confirm-subscription">
                {lab.outbox ? "Confirm from the outbox" : "How do I confirm?"}
              </Button>
            ) : null}
          </div>
        ) : null}
        <Outcome state={confirm} />
      </Part>

      <Part number={2} title="Break something and watch the alarm" testId="alarm-part">
        <div className="flex flex-wrap items-center gap-3">
          <span className="text-sm text-muted">{names.dlqAlarm}</span>
          {alarm ? (
            <span data-testid="alarm-state" data-state={alarm.state}>
              <Badge tone={STATE_TONE[alarm.state] ?? "neutral"} className="text-sm">
                {alarm.state.replace(/_/g, " ")}
              </Badge>
            </span>
          ) : (
            <Badge>not created</Badge>
          )}
        </div>
        {alarm?.reason ? <p className="text-xs text-muted">{alarm.reason}</p> : null}
        {alarm ? <Countdown until={nextEvaluation(offsetSeconds)} total={60} label="Next evaluation in about" doneLabel="Evaluating now" slackSeconds={2} /> : null}
        <div className="flex flex-wrap gap-2">
          <Button tone="secondary" onClick={() => empty.run()} busy={empty.busy} data-testid="empty-dlq">
            Empty the DLQ
          </Button>
          <Button tone="secondary" onClick={() => fail.run()} busy={fail.busy} disabled={!alarm} data-testid="send-fail-order">
            Send a FAIL order
          </Button>
        </div>
        <Outcome state={empty} />
        <Outcome state={fail} />
        <div className="grid gap-4 xl:grid-cols-2">
          <QueueInspector labId={labId} queueKey="processingQueue" title={names.processingQueue} allowPoll={false} emptyText="Empty." />
          <QueueInspector labId={labId} queueKey="processingDlq" title={names.processingDlq} allowPoll={false} emptyText="Empty: the alarm should read OK." />
        </div>
        {alarm?.history.length ? (
          <div>
            <h4 className="mb-1 text-xs font-semibold text-muted">History, newest first</h4>
            <ol className="space-y-1 text-xs" data-testid="alarm-history">
              {alarm.history.map((h) => (
                <li key={`${h.at}-${h.summary}`} className="flex gap-2">
                  <time className="shrink-0 font-mono text-muted" dateTime={h.at}>
                    {h.at.slice(11, 19)}
                  </time>
                  <span className="text-fg">{h.summary}</span>
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </Part>

      <Part number={3} title={lab?.outbox ? "What SNS mailed (the local cloud's outbox)" : "The email"} testId="outbox-part">
        {lab?.outbox ? (
          lab.outbox.length ? (
            <ul className="space-y-2" data-testid="outbox">
              {[...lab.outbox].reverse().map((m) => (
                <li key={m.id} className="rounded-md border border-border p-2" data-kind={m.kind}>
                  <p className="text-xs text-muted">
                    {m.sentAt.slice(11, 19)} · to {m.to} · {m.kind === "Notification" ? "notification" : "confirmation request"}
                  </p>
                  <p className="text-sm font-medium text-fg">{m.subject}</p>
                  <details>
                    <summary className="cursor-pointer text-xs text-muted">Body</summary>
                    <pre className="mt-1 max-h-64 overflow-auto rounded bg-code-bg p-2 font-mono text-xs whitespace-pre-wrap text-code-fg">{m.body}</pre>
                  </details>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted">Nothing mailed yet.</p>
          )
        ) : (
          <p className="text-sm text-muted">On AWS the mail goes to the address you gave: first a request to confirm the subscription, then, when the alarm fires, a message whose subject starts with ALARM.</p>
        )}
      </Part>
    </div>
  );
}
