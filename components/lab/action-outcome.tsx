"use client";
/** What a lab panel's action answered, under its button: the outcome's message, or the error. */
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";
import type { LabActionState } from "./use-lab-action";

export function ActionOutcome({ state, className }: { state: LabActionState; className?: string }) {
  if (state.error) return <ErrorNotice error={state.error} className={cx("mt-2", className)} />;
  if (!state.result) return null;
  return (
    <p role="status" className={cx("mt-2 text-sm text-fg", className)} data-testid="panel-outcome">
      {state.result.outcome.message}
    </p>
  );
}
