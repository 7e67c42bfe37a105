"use client";
/**
 * The step's check: its latest result with the reason, and a button to run it again.
 */
import { useState } from "react";
import type { CheckRun } from "@/lib/progress/check-runner";
import type { StepRecord } from "@/lib/progress/types";
import { callApi } from "@/lib/api/client";
import type { ApiError } from "@/lib/api/responses";
import { requestLiveRefresh } from "@/lib/live/use-live";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";

function when(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function CheckPanel({
  labId,
  stepId,
  latest,
  record,
  onChecked,
  note,
}: {
  labId: string;
  stepId: string;
  latest: CheckRun | undefined;
  record: StepRecord | undefined;
  onChecked(run: CheckRun): void;
  /** What the check does, when it does more than look. */
  note?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function check() {
    setBusy(true);
    setError(null);
    const result = await callApi<CheckRun>(`/api/labs/${encodeURIComponent(labId)}/steps/${encodeURIComponent(stepId)}/check`, "POST", {});
    setBusy(false);
    if (result.ok) {
      onChecked(result.data);
      requestLiveRefresh();
    } else setError(result.error);
  }

  const passed = latest ? latest.result.passed : record?.status === "passed";
  const reason = latest?.result.reason ?? record?.lastReason;
  const details = latest?.result.details ?? [];
  const checkedAt = latest?.record?.lastCheckedAt ?? record?.lastCheckedAt;
  const known = Boolean(latest || record);

  return (
    <section aria-labelledby={`check-${stepId}`} className="rounded-lg border border-border bg-surface p-4" data-testid="check-panel">
      <div className="flex flex-wrap items-center gap-3">
        <h3 id={`check-${stepId}`} className="text-sm font-semibold text-fg">
          Check
        </h3>
        {record?.completedAt ? <span className="text-xs text-ok">Done at {when(record.completedAt)}</span> : null}
        <Button tone="secondary" className="ml-auto" onClick={check} busy={busy}>
          {known ? "Check again" : "Run the check"}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {known && reason ? (
          <div className={cx("mt-3 rounded-md px-3 py-2.5 text-sm", passed ? "bg-ok-soft" : "bg-err-soft")} data-testid="check-result" data-passed={passed}>
            <p className="flex gap-2 text-fg">
              <span aria-hidden className={passed ? "text-ok" : "text-err"}>
                {passed ? "✓" : "✗"}
              </span>
              <span>
                <span className="sr-only">{passed ? "Passed: " : "Not yet: "}</span>
                {reason}
              </span>
            </p>
            {details.length ? (
              <ul className="mt-1.5 list-disc pl-8 text-muted">
                {details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
            {checkedAt ? <p className="mt-1 pl-6 text-xs text-muted">Checked at {when(checkedAt)}</p> : null}
          </div>
        ) : (
          <p className="mt-2 text-sm text-muted">{note ?? "The check looks at your live resources to prove this step is done. It changes nothing."}</p>
        )}
        {latest?.recordError ? <p className="mt-2 text-xs text-warn">The result could not be saved: {latest.recordError}</p> : null}
      </div>
      {error ? <ErrorNotice error={error} className="mt-3" /> : null}
    </section>
  );
}
