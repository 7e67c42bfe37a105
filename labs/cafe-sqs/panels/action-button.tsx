"use client";
/**
 * A button that runs one of the step's actions and says how it went, right next to it.
 */
import type { ButtonTone } from "@/components/ui/button";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { useElapsed, useLabAction, type ActionResponse, type PlainParams } from "@/components/lab/panel-kit";

export interface ActionButtonProps {
  labId: string;
  stepId: string;
  actionId: string;
  label: string;
  tone?: ButtonTone;
  params?: PlainParams;
  confirm?: string;
  disabled?: boolean;
  /** Show the outcome sentence under the button (default true). */
  showOutcome?: boolean;
  onDone?(response: ActionResponse): void;
  className?: string;
}

export function ActionButton({ labId, stepId, actionId, label, tone = "primary", params, confirm, disabled, showOutcome = true, onDone, className }: ActionButtonProps) {
  const action = useLabAction(labId, stepId, actionId, onDone);
  const elapsed = useElapsed(action.startedAt);
  async function run() {
    if (confirm && !window.confirm(confirm)) return;
    await action.run(params ?? {});
  }
  return (
    <div className={className}>
      <div className="flex flex-wrap items-center gap-2">
        <Button tone={tone} busy={action.busy} disabled={disabled} onClick={run} data-testid={`run-${actionId}`}>
          {label}
        </Button>
        {action.busy && elapsed > 0 ? <span className="text-xs text-muted">{elapsed} s…</span> : null}
      </div>
      {showOutcome && action.result ? (
        <p className="mt-1.5 text-sm text-fg" role="status" data-testid={`outcome-${actionId}`}>
          <span aria-hidden className="mr-1 text-ok">
            ✓
          </span>
          {action.result.outcome.message}
        </p>
      ) : null}
      {action.error ? <ErrorNotice error={action.error} title={`${label} failed`} className="mt-2" /> : null}
    </div>
  );
}
