"use client";
import Link from "next/link";
import type { StepView } from "@/lib/lab-framework/view";
import { cx } from "@/components/ui/cx";

export type StepStatus = "done" | "failed" | "todo";

const ICON: Record<StepStatus, { glyph: string; className: string; word: string }> = {
  done: { glyph: "✓", className: "bg-ok-soft text-ok", word: "done" },
  failed: { glyph: "✗", className: "bg-err-soft text-err", word: "check failed" },
  todo: { glyph: "", className: "border border-border-strong text-subtle", word: "not done" },
};

export function StepList({ steps, currentId, status, comingIn }: { steps: StepView[]; currentId: string; status: Record<string, StepStatus>; comingIn?: string }) {
  return (
    <nav aria-label="Steps" className="lg:sticky lg:top-20">
      <h2 className="px-2 text-xs font-semibold tracking-wide text-muted uppercase">Steps</h2>
      <ol className="mt-2 space-y-0.5">
        {steps.map((step) => {
          const current = step.id === currentId;
          const s = status[step.id] ?? "todo";
          return (
            <li key={step.id}>
              <Link
                href={`?step=${step.id}`}
                scroll={false}
                aria-current={current ? "step" : undefined}
                data-testid={`step-link-${step.id}`}
                data-status={s}
                className={cx(
                  "flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm",
                  current ? "bg-accent-soft font-medium text-fg" : "text-muted hover:bg-surface-2 hover:text-fg",
                )}
              >
                <span aria-hidden className={cx("flex size-5 shrink-0 items-center justify-center rounded-full text-[11px] font-semibold", ICON[s].className)}>
                  {ICON[s].glyph || step.number}
                </span>
                <span className="min-w-0 flex-1 truncate">{step.title}</span>
                <span className="sr-only">, {ICON[s].word}</span>
              </Link>
            </li>
          );
        })}
      </ol>
      {comingIn ? <p className="mt-3 px-2 text-xs text-muted">More steps are being written ({comingIn}).</p> : null}
    </nav>
  );
}
