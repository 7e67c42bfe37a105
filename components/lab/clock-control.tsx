"use client";
/**
 * Fast-forward, shown only when the connection's endpoint has a clock (the local cloud): moves
 * everything timed there (visibility timeouts, retention, alarm periods) forward at once.
 */
import { useState } from "react";
import { callApi } from "@/lib/api/client";
import type { ApiError } from "@/lib/api/responses";
import { requestLiveRefresh } from "@/lib/live/use-live";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";

const STEPS = [
  { seconds: 30, label: "+30 s" },
  { seconds: 60, label: "+1 min" },
  { seconds: 300, label: "+5 min" },
  { seconds: 3600, label: "+1 h" },
];

function formatOffset(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(seconds % 3600 === 0 ? 0 : 1)} h`;
}

export function ClockControl({ offsetSeconds }: { offsetSeconds: number | null }) {
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  async function advance(seconds: number) {
    setBusy(seconds);
    setError(null);
    const result = await callApi<{ clock: { offsetSeconds: number } }>("/api/clock", "POST", { advanceSeconds: seconds });
    setBusy(null);
    if (!result.ok) setError(result.error);
    requestLiveRefresh();
  }
  return (
    <section aria-labelledby="clock-heading" className="rounded-lg border border-border bg-surface p-4">
      <h2 id="clock-heading" className="text-sm font-semibold text-fg">
        Fast-forward time
      </h2>
      <p className="mt-1 text-xs text-muted" data-testid="clock-offset">
        {offsetSeconds ? `The local cloud runs ${formatOffset(offsetSeconds)} ahead of your clock.` : "The local cloud runs on your clock."}
      </p>
      <div className="mt-3 flex flex-wrap gap-1.5">
        {STEPS.map((step) => (
          <Button key={step.seconds} tone="secondary" className="px-2.5 py-1 text-xs" busy={busy === step.seconds} disabled={busy !== null} onClick={() => advance(step.seconds)}>
            {step.label}
          </Button>
        ))}
      </div>
      {error ? <ErrorNotice error={error} className="mt-3" /> : null}
    </section>
  );
}
