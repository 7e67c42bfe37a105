"use client";
/**
 * The worker's trigger at a glance: on or off, its batch settings, and what it is doing.
 */
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { StatusDot } from "@/components/ui/status-dot";
import { Countdown, useLabLive } from "@/components/lab/panel-kit";
import { useCafeLive } from "./use-cafe-live";

/**
 * When a trigger that was just switched off has no receive left waiting on the queue, in the
 * browser's time; null when it is on, or long enough off.
 */
export function useLastPollsEnd(): number | null {
  const cafe = useCafeLive();
  const live = useLabLive();
  const endsAt = cafe?.trigger?.lastPollsEndAt ?? null;
  const until = endsAt === null ? null : endsAt - (live.data?.clock?.offsetSeconds ?? 0) * 1000;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null || until <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), until - now + 50);
    return () => clearTimeout(timer);
  }, [until, now]);
  return until !== null && until > now ? until : null;
}

export function TriggerStatus({ names }: { names: Record<string, string> }) {
  const live = useCafeLive();
  const trigger = live?.trigger;
  const lastPollsEnd = useLastPollsEnd();
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
      {lastPollsEnd ? (
        <div className="mt-2 border-t border-border pt-2" data-testid="last-polls">
          <p className="mb-1 text-xs text-muted">
            Switching off takes a moment: receives the trigger already had waiting on the queue (long polls of up to 20 s) can still pick up a message and hand it back, which counts as a receive. Send orders once they have ended.
          </p>
          <Countdown until={lastPollsEnd} label="Its last receives end in" doneLabel="Its last receives have ended." />
        </div>
      ) : null}
    </div>
  );
}
