"use client";
/** One trigger's state in a line: on/off, its settings, and why it is not running when it is not. */
import { Badge } from "@/components/ui/badge";
import type { TriggerView } from "../live";

export function TriggerStatus({ trigger, name }: { trigger: TriggerView | null | undefined; name: string }) {
  if (!trigger) {
    return (
      <p className="text-sm text-muted" data-testid="trigger-status" data-state="none">
        <span className="font-mono text-fg">{name}</span> has no trigger yet.
      </p>
    );
  }
  return (
    <div className="space-y-1" data-testid="trigger-status" data-state={trigger.state} data-running={trigger.running}>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono text-fg">{name}</span>
        <Badge tone={trigger.state === "Enabled" ? (trigger.running ? "ok" : "warn") : "neutral"}>{trigger.state === "Enabled" ? (trigger.running ? "running" : "not running") : "disabled"}</Badge>
        <span className="text-xs text-muted">{trigger.summary.replace(/^(enabled|disabled): /, "")}</span>
      </p>
      {trigger.problem ? <p className="text-xs text-err">{trigger.problem}</p> : null}
    </div>
  );
}
