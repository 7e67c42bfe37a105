"use client";
/**
 * A countdown for anything that takes time (a visibility timeout, a retry, an alarm period): the
 * seconds left, ticking, with a bar when the full length is known, and — when the connection's
 * cloud has a clock — a button that fast-forwards past it instead of waiting.
 */
import { useEffect, useState } from "react";
import type { ApiError } from "@/lib/api/responses";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { ProgressBar } from "@/components/ui/progress-bar";
import { cx } from "@/components/ui/cx";
import { fastForwardBy, useCanFastForward } from "./fast-forward";

export interface CountdownProps {
  /**
   * When the wait ends, in the browser's epoch ms. For a time on the local cloud's clock, subtract
   * the cloud's offset (the queue inspector's `visibleAt` already is in browser time).
   */
  until: number;
  /** The whole wait in seconds, for the bar (a visibility timeout of 60 s). */
  total?: number;
  /** "Visible again in" — the countdown's words before the time. */
  label: string;
  /** Said when the time is up: "Visible again now". */
  doneLabel?: string;
  /** Show the fast-forward button (default: when the connection has a clock). */
  fastForward?: boolean;
  /** Extra seconds to skip past the end (a poll interval), so the next refresh sees it done. */
  slackSeconds?: number;
  className?: string;
}

export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

export function Countdown({ until, total, label, doneLabel = "Due now", fastForward, slackSeconds = 1, className }: CountdownProps) {
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const canFastForward = useCanFastForward();
  const showSkip = fastForward ?? canFastForward;
  const left = Math.max(0, (until - now) / 1000);

  useEffect(() => {
    if (left <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [left]);

  async function skip() {
    setBusy(true);
    setError(null);
    const result = await fastForwardBy(left + slackSeconds);
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  return (
    <div className={cx("space-y-1.5", className)} data-testid="countdown" data-seconds-left={Math.ceil(left)}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span role="timer" aria-live="off" className="text-fg">
          {left > 0 ? (
            <>
              {label} <span className="font-mono font-semibold tabular-nums">{formatSeconds(left)}</span>
            </>
          ) : (
            doneLabel
          )}
        </span>
        {showSkip && left > 0 ? (
          <Button tone="secondary" className="px-2 py-0.5 text-xs" busy={busy} onClick={skip} data-testid="countdown-skip">
            Fast-forward {formatSeconds(left)}
          </Button>
        ) : null}
      </div>
      {total ? <ProgressBar value={total - left} max={total} label={`${label} ${formatSeconds(left)}`} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
