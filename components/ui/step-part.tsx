import type { ReactNode } from "react";
import { cx } from "./cx";

/** One numbered part of a lab step's panel: a bordered section with a numbered heading. */
export function StepPart({ number, title, children, className, testId }: { number: number; title: string; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={cx("rounded-lg border border-border bg-surface p-4", className)} aria-label={title} data-testid={testId}>
      <h3 className="flex items-center gap-2 text-sm font-semibold text-fg">
        <span aria-hidden className="inline-flex size-5 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent-strong">
          {number}
        </span>
        {title}
      </h3>
      <div className="mt-3 space-y-3">{children}</div>
    </section>
  );
}
