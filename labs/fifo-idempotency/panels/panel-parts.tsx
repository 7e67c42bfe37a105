"use client";
/**
 * What the lab's panels share: its typed live state, an action's outcome under its button, a
 * titled section, and the small chips that stand for one message.
 */
import type { ReactNode } from "react";
import { useLabLive } from "@/components/lab/panel-kit";
import { cx } from "@/components/ui/cx";
import type { FifoLive } from "../live";

/** The lab's own live state (`lab.live`), or null before the first snapshot. */
export function useFifoLive(): { lab: FifoLive | null; offsetSeconds: number; refresh(): void } {
  const live = useLabLive();
  const data = live.data?.lab;
  const lab = data && "diagram" in data && "errors" in data ? (data as unknown as FifoLive) : null;
  return { lab, offsetSeconds: live.data?.clock?.offsetSeconds ?? 0, refresh: live.refresh };
}

export { ActionOutcome as Outcome } from "@/components/lab/action-outcome";

export function Section({ title, aside, children, className, testId }: { title: string; aside?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={cx("rounded-lg border border-border bg-surface p-4", className)} aria-label={title} data-testid={testId}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="text-sm font-semibold text-fg">{title}</h3>
        {aside ? <div className="ml-auto text-xs text-muted">{aside}</div> : null}
      </div>
      <div className="mt-3 space-y-3">{children}</div>
    </section>
  );
}

/** The first 8 characters of an id, in full on hover. */
export function ShortId({ id, className }: { id: string | null | undefined; className?: string }) {
  if (!id) return <span className={cx("text-subtle", className)}>—</span>;
  return (
    <span className={cx("font-mono", className)} title={id}>
      {id.length > 12 ? `${id.slice(0, 8)}…` : id}
    </span>
  );
}

export type ChipTone = "saved" | "waiting" | "inFlight" | "dead" | "broken";

const CHIP: Record<ChipTone, string> = {
  saved: "border-ok/40 bg-ok-soft text-ok",
  waiting: "border-border-strong bg-surface-2 text-fg",
  inFlight: "border-warn/50 bg-warn-soft text-warn",
  dead: "border-err/50 bg-err-soft text-err",
  broken: "border-err/50 border-dashed bg-surface text-err",
};

/** One message as a small labelled chip: its event (or "broken JSON") and what is happening to it. */
export function MessageChip({ tone, label, note, testId }: { tone: ChipTone; label: string; note?: string; testId?: string }) {
  return (
    <span className={cx("inline-flex flex-col rounded-md border px-2 py-1 text-xs leading-tight", CHIP[tone])} data-testid={testId} data-tone={tone}>
      <span className="font-medium">{label}</span>
      {note ? <span className="font-normal">{note}</span> : null}
    </span>
  );
}
