"use client";
/**
 * A lab page from its view: steps with their status on the left, the lab's live diagram above the
 * current step in the middle (the widest column, so the drawing keeps readable text), live
 * resources (and fast-forward, when the connection has a clock) on the right.
 */
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { LabLiveSnapshot } from "@/lib/lab-framework/live-snapshot";
import type { LabView, StepView } from "@/lib/lab-framework/view";
import type { CheckRun } from "@/lib/progress/check-runner";
import { callApi } from "@/lib/api/client";
import { useLive } from "@/lib/live/use-live";
import { LiveDiagram } from "@/components/diagram/live-diagram";
import { LiveLogs } from "@/components/logs/live-logs";
import { CodeBlock } from "@/components/ui/code-block";
import { RichText } from "@/components/ui/rich-text";
import { ActionForm } from "./action-form";
import { CheckPanel } from "./check-panel";
import { ClockControl } from "./clock-control";
import { LabLiveContext } from "./lab-live-context";
import { LivePanel } from "./live-panel";
import { StepList, type StepStatus } from "./step-list";
import type { ActionResponse } from "./use-lab-action";

interface Props {
  lab: LabView;
  panels: Record<string, ReactNode>;
  canFastForward: boolean;
  /** Where the CLI commands point, for the note above them. */
  endpoint: string | null;
}

function StepDetail({
  lab,
  step,
  panel,
  latest,
  record,
  onChecked,
  endpoint,
}: {
  lab: LabView;
  step: StepView;
  panel: ReactNode;
  latest: CheckRun | undefined;
  record: LabLiveSnapshot["progress"][number] | undefined;
  onChecked(run: CheckRun): void;
  endpoint: string | null;
}) {
  const index = lab.steps.findIndex((s) => s.id === step.id);
  const previous = lab.steps[index - 1];
  const next = lab.steps[index + 1];
  const actions = step.actions.filter((a) => !a.panelOnly);
  const onActionDone = useCallback((response: ActionResponse) => {
    if (response.check) onChecked(response.check);
  }, [onChecked]);
  return (
    <article aria-labelledby="step-title" className="min-w-0 space-y-6">
      <header>
        <p className="text-xs font-medium tracking-wide text-muted uppercase">
          Step {step.number} of {lab.steps.length}
        </p>
        <h2 id="step-title" className="mt-1 text-2xl font-semibold tracking-tight text-fg">
          {step.title}
        </h2>
      </header>
      <RichText text={step.explanation} className="max-w-prose" />
      {panel ? <div>{panel}</div> : null}
      {actions.length ? (
        <section aria-label="Actions" className="space-y-5 rounded-lg border border-border bg-surface p-4">
          {actions.map((action) => (
            <ActionForm key={action.id} labId={lab.id} stepId={step.id} action={action} onDone={onActionDone} />
          ))}
        </section>
      ) : null}
      <CheckPanel labId={lab.id} stepId={step.id} latest={latest} record={record} onChecked={onChecked} note={step.checkNote} />
      <section aria-labelledby="by-hand" className="space-y-2">
        <h3 id="by-hand" className="text-sm font-semibold text-fg">
          Do it yourself
        </h3>
        <details className="group rounded-lg border border-border bg-surface" open>
          <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium text-fg select-none">AWS CLI</summary>
          <div className="px-4 pb-4">
            {endpoint ? <p className="mb-2 text-xs text-muted">Pointed at {endpoint}, with any key (for example AWS_ACCESS_KEY_ID=test).</p> : null}
            <CodeBlock code={step.cli} label={`AWS CLI for ${step.title}`} />
          </div>
        </details>
        <details className="group rounded-lg border border-border bg-surface">
          <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium text-fg select-none">AWS SDK for JavaScript v3</summary>
          <div className="px-4 pb-4">
            <CodeBlock code={step.sdk} label={`SDK call for ${step.title}`} />
          </div>
        </details>
      </section>
      <nav aria-label="Step navigation" className="flex items-center justify-between border-t border-border pt-4 text-sm">
        {previous ? (
          <Link href={`?step=${previous.id}`} scroll={false} className="text-accent hover:text-accent-strong">
            ← {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link href={`?step=${next.id}`} scroll={false} className="text-accent hover:text-accent-strong" data-testid="next-step">
            {next.title} →
          </Link>
        ) : (
          <Link href="/" className="text-accent hover:text-accent-strong">
            Back to the labs →
          </Link>
        )}
      </nav>
    </article>
  );
}

export function LabWorkspace({ lab, panels, canFastForward, endpoint }: Props) {
  const live = useLive<LabLiveSnapshot>(`/api/labs/${encodeURIComponent(lab.id)}/live`);
  const searchParams = useSearchParams();
  const router = useRouter();
  const requested = searchParams.get("step");
  const [latest, setLatest] = useState<Record<string, CheckRun>>({});
  const [resetting, setResetting] = useState(false);
  const chosenDefault = useRef(false);

  const records = useMemo(() => new Map((live.data?.progress ?? []).map((r) => [r.stepId, r])), [live.data]);
  const status = useMemo(() => {
    const out: Record<string, StepStatus> = {};
    for (const step of lab.steps) {
      const run = latest[step.id];
      const record = records.get(step.id);
      if (record?.completedAt || run?.result.passed) out[step.id] = "done";
      else if (run || record?.status === "failed") out[step.id] = "failed";
      else out[step.id] = "todo";
    }
    return out;
  }, [lab.steps, latest, records]);

  // A student who started working before progress arrived stays where they are.
  useEffect(() => {
    const settle = () => {
      chosenDefault.current = true;
    };
    window.addEventListener("pointerdown", settle, { once: true, capture: true });
    window.addEventListener("keydown", settle, { once: true, capture: true });
    return () => {
      window.removeEventListener("pointerdown", settle, { capture: true });
      window.removeEventListener("keydown", settle, { capture: true });
    };
  }, []);

  // Without ?step=, open the first step not done yet, once progress is known.
  useEffect(() => {
    if (requested || chosenDefault.current || !live.data) return;
    chosenDefault.current = true;
    const firstOpen = lab.steps.find((s) => status[s.id] !== "done");
    if (firstOpen && firstOpen.id !== lab.steps[0]?.id) router.replace(`?step=${firstOpen.id}`, { scroll: false });
  }, [requested, live.data, lab.steps, status, router]);

  const current = lab.steps.find((s) => s.id === requested) ?? lab.steps[0];
  const onChecked = useCallback((run: CheckRun) => {
    if (!current) return;
    setLatest((previous) => ({ ...previous, [current.id]: run }));
  }, [current]);

  async function startOver() {
    if (!window.confirm("Forget your progress in this lab? Your resources stay as they are.")) return;
    setResetting(true);
    await callApi(`/api/labs/${encodeURIComponent(lab.id)}/progress`, "DELETE", {});
    setLatest({});
    setResetting(false);
    live.refresh();
  }

  const done = Object.values(status).filter((s) => s === "done").length;

  return (
    <LabLiveContext.Provider value={live}>
      <div className="mb-6 flex flex-wrap items-end gap-x-6 gap-y-2">
        <div className="min-w-0">
          <p className="text-sm text-muted">
            <Link href="/" className="hover:text-fg">
              Labs
            </Link>{" "}
            / <span className="text-fg">{lab.title}</span>
          </p>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight text-fg">{lab.title}</h1>
        </div>
        <div className="ml-auto flex items-center gap-4 text-sm text-muted">
          <span>{lab.minutes} min</span>
          <span data-testid="lab-progress">
            {done} of {lab.steps.length} done
          </span>
          <button type="button" onClick={startOver} disabled={resetting} className="rounded px-1 text-muted underline underline-offset-2 hover:text-fg">
            Start over
          </button>
        </div>
      </div>
      {live.data?.progressNotice ? (
        <p role="status" className="mb-4 rounded-md border border-warn/40 bg-warn-soft px-3.5 py-2 text-sm text-fg">
          {live.data.progressNotice}
        </p>
      ) : null}
      <div className="grid gap-8 lg:grid-cols-[230px_minmax(0,1fr)_300px]">
        <StepList steps={lab.steps} currentId={current?.id ?? ""} status={status} comingIn={lab.stepsComingIn} />
        <div className="min-w-0 space-y-6">
          {lab.diagram ? <LiveDiagram diagram={lab.diagram} collapsible /> : null}
          {current ? (
            <StepDetail
              key={current.id}
              lab={lab}
              step={current}
              panel={panels[current.id]}
              latest={latest[current.id]}
              record={records.get(current.id)}
              onChecked={onChecked}
              endpoint={endpoint}
            />
          ) : (
            <p className="text-muted">This lab has no steps yet.</p>
          )}
        </div>
        <aside aria-label="Live resources" className="space-y-4 lg:sticky lg:top-20 lg:self-start">
          <LivePanel resources={lab.resources} />
          {canFastForward ? <ClockControl offsetSeconds={live.data?.clock?.offsetSeconds ?? null} /> : null}
        </aside>
      </div>
      {lab.hasFunctions ? <LiveLogs labId={lab.id} title="Function logs" prefix={lab.prefix} className="mt-8" /> : null}
    </LabLiveContext.Provider>
  );
}
