"use client";
/**
 * "Verify now": runs one lab's checks for every student against the live account, a few students
 * at a time, with a progress bar; then lists where the checks and the recorded progress disagree
 * (a step passing without a record: made by hand in the console; recorded but failing: undone).
 */
import { useId, useState } from "react";
import type { ApiError } from "@/lib/api/responses";
import type { DashboardSnapshot } from "@/lib/classroom/dashboard-view";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { ProgressBar } from "@/components/ui/progress-bar";
import { inputClass } from "@/components/ui/form-field";
import { classroomApi, classUrl } from "./instructor-api";

export function VerifyPanel({ data, onChanged }: { data: DashboardSnapshot; onChanged(): void }) {
  const id = useId();
  const verify = data.verify;
  const [labId, setLabId] = useState(verify?.labId ?? data.labs[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = verify?.state === "running";
  const lab = data.labs.find((l) => l.id === verify?.labId);
  const stepTitle = (stepId: string) => lab?.steps.find((s) => s.id === stepId)?.title ?? stepId;

  async function call(method: "POST" | "DELETE") {
    setBusy(true);
    setError(null);
    const result = await classroomApi(classUrl(data.class.id, "/verify"), method, method === "POST" ? { labId } : {});
    setBusy(false);
    if (!result.ok) setError(result.error);
    onChanged();
  }

  const skipped = [...new Set(Object.values(verify?.results ?? {}).flatMap((r) => Object.entries(r.steps).filter(([, step]) => step.skipped).map(([stepId]) => stepId)))];
  const disagreements = verify
    ? Object.entries(verify.results).filter(([, r]) => r.passesUnrecorded.length || r.recordedButFailing.length || r.error)
    : [];

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-border bg-surface p-4" data-testid="verify-panel">
      <h2 id={`${id}-title`} className="text-base font-semibold text-fg">
        Verify now
      </h2>
      <p className="mt-1 text-sm text-muted">
        Runs every check of a lab for every student against the live account (read-only, {verify?.concurrency ?? 4} students at a time). It also finds steps done
        by hand in the console. It records nothing.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-lab`} className="block text-sm font-medium text-fg">
            Lab
          </label>
          <select id={`${id}-lab`} className={inputClass} value={labId} onChange={(e) => setLabId(e.target.value)} disabled={running}>
            {data.labs.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </div>
        {running ? (
          <Button tone="secondary" busy={busy} onClick={() => call("DELETE")}>
            Stop
          </Button>
        ) : (
          <Button busy={busy} onClick={() => call("POST")} disabled={!labId || Boolean(data.class.endedAt)}>
            Verify now
          </Button>
        )}
      </div>
      {error ? <ErrorNotice className="mt-3" error={error} /> : null}
      {verify ? (
        <div className="mt-4" data-testid="verify-status" data-state={verify.state} data-done={verify.done} data-total={verify.total}>
          <div className="flex items-baseline justify-between text-sm">
            <span className="text-fg">{verify.labTitle}</span>
            <span className="text-muted">
              {verify.done} of {verify.total} students · {verify.state}
            </span>
          </div>
          <ProgressBar className="mt-1.5" value={verify.done} max={verify.total} label={`Verified ${verify.done} of ${verify.total} students`} />
          {skipped.length ? (
            <p className="mt-3 text-sm text-muted" data-testid="verify-skipped">
              Not run, because these checks send test orders: {skipped.map(stepTitle).join(", ")}. The students run them from the lab page.
            </p>
          ) : null}
          {verify.state !== "running" ? (
            disagreements.length ? (
              <ul className="mt-3 grid gap-1.5 text-sm" data-testid="verify-disagreements">
                {disagreements.map(([username, r]) => (
                  <li key={username}>
                    <span className="font-mono font-medium text-fg">{username}</span>
                    {r.error ? <span className="text-err"> — could not check: {r.error}</span> : null}
                    {r.passesUnrecorded.length ? (
                      <span className="text-muted"> — passes, never recorded (made by hand?): {r.passesUnrecorded.map(stepTitle).join(", ")}</span>
                    ) : null}
                    {r.recordedButFailing.length ? <span className="text-muted"> — recorded done, failing now: {r.recordedButFailing.map(stepTitle).join(", ")}</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-3 text-sm text-ok">The checks agree with the recorded progress for every student.</p>
            )
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
