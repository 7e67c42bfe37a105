"use client";
/**
 * The instructor's live view of one class. It polls the class's snapshot through lib/live (quickly
 * while things change, slower while nothing does, not at all while the tab is hidden).
 */
import { useState } from "react";
import type { ApiError } from "@/lib/api/responses";
import type { DashboardSnapshot } from "@/lib/classroom/dashboard-view";
import { useLive } from "@/lib/live/use-live";
import { Badge } from "@/components/ui/badge";
import { ErrorNotice } from "@/components/ui/error-notice";
import { StatusDot } from "@/components/ui/status-dot";
import { ClassAdminPanel, type ConnectionChoices } from "./class-admin-panel";
import { classroomApi, classUrl } from "./instructor-api";
import { ProgressGrid } from "./progress-grid";
import { RelativeTime, useNow } from "./relative-time";
import { ResourcesPanel } from "./resources-panel";
import { StuckList } from "./stuck-list";
import { VerifyPanel } from "./verify-panel";

export function ClassDashboard({ initial, choices }: { initial: DashboardSnapshot; choices: ConnectionChoices }) {
  const live = useLive<DashboardSnapshot>(classUrl(initial.class.id, "/dashboard"), initial, { minMs: 1500, maxMs: 5000, maxErrorMs: 15_000 });
  const data = live.data ?? initial;
  const now = useNow(15_000);
  const [releasing, setReleasing] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const summary = data.class;

  async function release(username: string) {
    if (!window.confirm(`Release ${username}'s seat? Their session ends; they (or their other computer) can join again.`)) return;
    setReleasing(username);
    const result = await classroomApi(classUrl(summary.id, `/seats/${encodeURIComponent(username)}`), "DELETE", {});
    setReleasing(null);
    setError(result.ok ? null : result.error);
    live.refresh();
  }

  return (
    <div className="grid gap-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight text-fg">{summary.name}</h1>
          <p className="mt-1 text-sm text-muted">
            {summary.roster} · {summary.connection.label} · {summary.region} · started <RelativeTime iso={summary.createdAt} now={now} />
            {summary.endedAt ? <Badge className="ml-2" tone="neutral">ended</Badge> : null}
          </p>
        </div>
        {!summary.endedAt ? (
          <div className="rounded-lg border border-border bg-surface px-4 py-2 text-right">
            <p className="text-xs text-muted">Join code · at /join</p>
            <p className="font-mono text-2xl font-semibold tracking-widest text-fg" data-testid="join-code">
              {summary.joinCode}
            </p>
          </div>
        ) : null}
      </header>

      {summary.connectionProblem ? <ErrorNotice error={{ code: "ClassConnectionUnavailable", message: summary.connectionProblem, action: "Enter the class's keys again below." }} /> : null}
      {data.progressError ? <ErrorNotice error={{ code: "ProgressUnavailable", message: data.progressError, action: "Check the class's connection." }} /> : null}
      {data.progressNotice ? <p className="text-sm text-warn">{data.progressNotice}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}

      <div className="flex flex-wrap items-center gap-x-6 gap-y-1 text-sm" data-testid="class-totals">
        <span>
          <span className="font-semibold text-fg">{data.totals.joined}</span> <span className="text-muted">of {data.totals.students} joined</span>
        </span>
        <span>
          <span className="font-semibold text-fg">{data.totals.doneSteps}</span> <span className="text-muted">steps done</span>
        </span>
        <span>
          <span className={data.totals.stuck ? "font-semibold text-warn" : "font-semibold text-fg"}>{data.totals.stuck}</span> <span className="text-muted">stuck</span>
        </span>
        <span className="ml-auto flex items-center gap-1.5 text-xs text-muted" data-testid="live-status" data-paused={live.paused}>
          <StatusDot state={live.error ? "failed" : live.paused ? "untested" : "ready"} />
          {live.paused ? "Paused while this tab is hidden" : live.error ? "Not updating: " + live.error.message : <>Live · checked <RelativeTime iso={live.checkedAt ? new Date(live.checkedAt).toISOString() : undefined} now={now} /></>}
        </span>
      </div>

      <StuckList data={data} now={now} />
      <ProgressGrid data={data} now={now} onRelease={release} releasing={releasing} />
      <VerifyPanel data={data} onChanged={live.refresh} />
      <ResourcesPanel classId={summary.id} ended={Boolean(summary.endedAt)} />
      <ClassAdminPanel key={`${summary.stuck.idleMinutes}|${summary.stuck.failures}|${summary.allowFastForward}`} summary={summary} choices={choices} onChanged={live.refresh} />
    </div>
  );
}
