"use client";
/**
 * Step 5: the crash switch, one order event to send, and that message's story: its log lines by
 * trace id, where it is now (in flight with a countdown, saved), and its counts.
 */
import { useState } from "react";
import { Countdown, useLabAction } from "@/components/lab/panel-kit";
import { LiveLogs } from "@/components/logs/live-logs";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { CRASH_GROUP, VISIBILITY_TIMEOUT_SECONDS } from "../lab-settings";
import { Outcome, Section, ShortId, useFifoLive } from "./panel-parts";

function CrashSwitch({ on, busy, onChange }: { on: boolean; busy: boolean; onChange(next: boolean): void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      disabled={busy}
      onClick={() => onChange(!on)}
      className="flex items-center gap-3 rounded-md border border-border-strong bg-surface px-3 py-2 text-left disabled:opacity-60"
      data-testid="crash-switch"
    >
      <span aria-hidden className={cx("relative inline-block h-5 w-9 rounded-full transition-colors", on ? "bg-err" : "bg-border-strong")}>
        <span className={cx("absolute top-0.5 size-4 rounded-full bg-surface shadow transition-all", on ? "left-[1.125rem]" : "left-0.5")} />
      </span>
      <span>
        <span className="block text-sm font-medium text-fg">Crash after save</span>
        <span className="block text-xs text-muted">CRASH_AFTER_SAVE={on ? "true" : "false"}</span>
      </span>
    </button>
  );
}

export function CrashPanel({ labId, stepId }: LabPanelProps) {
  const { lab } = useFifoLive();
  const toggle = useLabAction(labId, stepId, "set-crash");
  const send = useLabAction(labId, stepId, "send-one");
  const [messageId, setMessageId] = useState<string | null>(null);
  const [lastAction, setLastAction] = useState<"toggle" | "send" | null>(null);
  const crashOn = lab?.consumer?.crashAfterSave ?? false;
  const inQueue = messageId ? lab?.queue?.messages?.find((m) => m.messageId === messageId) : undefined;
  const saved = messageId ? lab?.saved?.recent.find((m) => m.messageId === messageId) ?? lab?.saved?.groups.flatMap((g) => g.processed).find((m) => m.messageId === messageId) : undefined;

  async function sendOne() {
    setLastAction("send");
    const response = await send.run({});
    const id = (response?.outcome.data as { messageId?: string } | undefined)?.messageId;
    if (id) setMessageId(id);
  }

  return (
    <div className="space-y-4">
      <Section title="The switch, then one message" testId="crash-controls">
        <div className="flex flex-wrap items-center gap-3">
          <CrashSwitch
            on={crashOn}
            busy={toggle.busy}
            onChange={(next) => {
              setLastAction("toggle");
              void toggle.run({ on: next });
            }}
          />
          <Button onClick={() => void sendOne()} busy={send.busy} disabled={!lab?.consumer?.connected}>
            Send one order event to {CRASH_GROUP}
          </Button>
        </div>
        {!lab?.consumer?.connected && lab ? <p className="text-sm text-warn">Start the consumer in step 3 first.</p> : null}
        {lastAction === "toggle" ? <Outcome state={toggle} /> : null}
        {lastAction === "send" ? <Outcome state={send} /> : null}
      </Section>

      {messageId ? (
        <Section title="Where the message is" aside={<ShortId id={messageId} />} testId="crash-message">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {saved ? <Badge tone="ok">saved once</Badge> : <Badge>not saved yet</Badge>}
            {inQueue ? (
              <Badge tone="warn">
                {inQueue.state === "inFlight" ? "in flight" : "in the queue"} · received {inQueue.receiveCount}×
              </Badge>
            ) : saved ? (
              <Badge tone="ok">deleted from the queue</Badge>
            ) : null}
            {saved?.skippedRedeliveries ? <Badge tone="accent">{saved.skippedRedeliveries} redelivery skipped</Badge> : null}
          </div>
          <dl className="grid grid-cols-3 gap-2" aria-label="What this message added to the counters" data-testid="crash-counters">
            {[
              { name: "MessagesSaved", value: saved ? 1 : 0 },
              { name: "DuplicateMessages", value: saved?.skippedRedeliveries ?? 0 },
              { name: "MessagesDeleted", value: saved && !inQueue ? 1 : 0 },
            ].map((c) => (
              <div key={c.name} className="rounded-md bg-surface-2 px-3 py-2">
                <dt className="font-mono text-xs text-muted">{c.name}</dt>
                <dd className="font-mono text-lg font-semibold text-fg tabular-nums" data-testid={`crash-${c.name}`}>
                  +{c.value}
                </dd>
              </div>
            ))}
          </dl>
          {inQueue?.state === "inFlight" && inQueue.visibleAt ? (
            <Countdown until={inQueue.visibleAt} total={VISIBILITY_TIMEOUT_SECONDS} label="SQS gives it out again in" doneLabel="visible again" fastForward />
          ) : null}
          {lab && !lab.queue?.messages ? (
            <p className="text-xs text-muted">On AWS the page cannot see the message without receiving it: the log below and the table tell its story.</p>
          ) : null}
          <LiveLogs key={messageId} labId={labId} title="This message's log" traceId={messageId} emptyText="Waiting for the consumer to receive it…" />
        </Section>
      ) : null}
    </div>
  );
}
