"use client";
/**
 * Pieces this lab's panels share: its typed live state, an action's outcome under its button, a
 * numbered part of a step, a status badge, and a button that skips a visibility timeout.
 */
import { useState } from "react";
import { fastForwardBy, useCanFastForward, useLabLive } from "@/components/lab/panel-kit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { StreamsLive } from "../live";

/** The lab's own live state, or null before the first snapshot arrives. */
export function useStreamsLive(): { lab: StreamsLive | null; offsetSeconds: number | null } {
  const live = useLabLive();
  const lab = live.data?.lab && "orders" in live.data.lab ? (live.data.lab as unknown as StreamsLive) : null;
  return { lab, offsetSeconds: live.data?.clock?.offsetSeconds ?? null };
}

export { ActionOutcome as Outcome } from "@/components/lab/action-outcome";

/** A numbered part of a step (the workbook's shared one, under the name this lab's panels use). */
export { StepPart as Part } from "@/components/ui/step-part";

const STATUS_TONE: Record<string, "ok" | "warn" | "err" | "neutral" | "accent"> = { COMPLETED: "ok", FAILED: "err", PENDING: "warn" };

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? "neutral"}>{status}</Badge>;
}

/** "Skip 31 s" on a connection with a clock; nothing on AWS (say how long to wait instead). */
export function SkipAhead({ seconds, label, waitText }: { seconds: number; label: string; waitText: string }) {
  const can = useCanFastForward();
  const [busy, setBusy] = useState(false);
  if (!can) return <p className="text-xs text-muted">{waitText}</p>;
  return (
    <Button
      tone="secondary"
      busy={busy}
      onClick={async () => {
        setBusy(true);
        await fastForwardBy(seconds);
        setBusy(false);
      }}
      data-testid={`skip-${seconds}`}
    >
      {label}
    </Button>
  );
}

export function formatAmount(amount: unknown): string {
  return typeof amount === "number" ? amount.toLocaleString("en-US") : JSON.stringify(amount ?? null);
}
