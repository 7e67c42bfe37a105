"use client";
/**
 * Running the class: the stuck rule and fast-forward, a new join code, the CSV export, and ending
 * the class (students' sessions end; resources stay until cleaned up).
 */
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { ApiError } from "@/lib/api/responses";
import type { ClassSummaryView } from "@/lib/classroom/dashboard-view";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { ClassConnectionFields, connectionBody, emptyConnectionDraft, type ConnectionDraft } from "./class-connection-fields";
import { inputClass } from "@/components/ui/form-field";
import { classroomApi, classUrl } from "./instructor-api";

export interface ConnectionChoices {
  profiles: string[];
  localCloudPort: number;
  remoteEndpointsAllowed: boolean;
}

function draftOf(summary: ClassSummaryView, choices: ConnectionChoices): ConnectionDraft {
  const draft = emptyConnectionDraft(choices.localCloudPort, choices.profiles);
  const c = summary.connection;
  return { ...draft, mode: c.mode, endpoint: c.endpoint ?? draft.endpoint, source: c.source ?? draft.source, profile: c.profile ?? draft.profile };
}

export function ClassAdminPanel({ summary, choices, onChanged }: { summary: ClassSummaryView; choices: ConnectionChoices; onChanged(): void }) {
  const router = useRouter();
  const id = useId();
  const [idleMinutes, setIdleMinutes] = useState(summary.stuck.idleMinutes);
  const [failures, setFailures] = useState(summary.stuck.failures);
  const [allowFastForward, setAllowFastForward] = useState(summary.allowFastForward);
  const [connection, setConnection] = useState(() => draftOf(summary, choices));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const ended = Boolean(summary.endedAt);

  async function run(what: string, method: "POST" | "PATCH" | "DELETE", rest: string, body: unknown) {
    setBusy(what);
    setError(null);
    const result = await classroomApi(classUrl(summary.id, rest), method, body);
    setBusy(null);
    if (!result.ok) return setError(result.error);
    onChanged();
    router.refresh();
  }

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-border bg-surface p-4" data-testid="class-admin">
      <h2 id={`${id}-title`} className="text-base font-semibold text-fg">
        The class
      </h2>
      <div className="mt-3 flex flex-wrap gap-2">
        <a className="inline-flex items-center rounded-md border border-border-strong bg-surface px-3.5 py-2 text-sm font-medium text-fg hover:bg-surface-2" href={classUrl(summary.id, "/export")} download>
          Export progress (CSV)
        </a>
        {!ended ? (
          <>
            <Button tone="secondary" busy={busy === "code"} onClick={() => run("code", "POST", "/join-code", {})}>
              New join code
            </Button>
            <Button
              tone="danger"
              busy={busy === "end"}
              onClick={() => {
                if (window.confirm("End the class? Students' sessions end and the workbook leaves classroom mode when no class is open. Their resources stay until you clean them up.")) void run("end", "DELETE", "", {});
              }}
            >
              End the class
            </Button>
          </>
        ) : null}
      </div>
      {!ended ? (
        <form
          className="mt-4 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void run("rule", "PATCH", "", { stuck: { idleMinutes, failures }, allowFastForward });
          }}
        >
          <div>
            <label htmlFor={`${id}-idle`} className="block text-sm font-medium text-fg">
              Stuck after (minutes without a step)
            </label>
            <input id={`${id}-idle`} type="number" min={1} max={1440} className={`${inputClass} w-28`} value={idleMinutes} onChange={(e) => setIdleMinutes(Number(e.target.value))} />
          </div>
          <div>
            <label htmlFor={`${id}-failures`} className="block text-sm font-medium text-fg">
              or failed checks
            </label>
            <input id={`${id}-failures`} type="number" min={2} max={100} className={`${inputClass} w-28`} value={failures} onChange={(e) => setFailures(Number(e.target.value))} />
          </div>
          <label className="flex items-center gap-2 pb-2 text-sm text-fg">
            <input type="checkbox" className="accent-[var(--accent)]" checked={allowFastForward} onChange={(e) => setAllowFastForward(e.target.checked)} />
            Students may fast-forward the shared clock
          </label>
          <Button type="submit" tone="secondary" busy={busy === "rule"}>
            Save
          </Button>
        </form>
      ) : null}
      {!ended ? (
        <details className="mt-4" open={Boolean(summary.connectionProblem)}>
          <summary className="cursor-pointer text-sm font-medium text-fg">The class&apos;s connection: {summary.connection.label}</summary>
          <form
            className="mt-3 grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              void run("connection", "PATCH", "", { connection: connectionBody(connection) });
            }}
          >
            <ClassConnectionFields
              value={connection}
              onChange={setConnection}
              profiles={choices.profiles}
              remoteEndpointsAllowed={choices.remoteEndpointsAllowed}
              error={error}
              keysHeld={summary.connection.hasKeys}
            />
            <p className="text-xs text-muted">Students never see it. Their running triggers switch to the new connection on their next request.</p>
            <div>
              <Button type="submit" tone="secondary" busy={busy === "connection"}>
                Use this connection
              </Button>
            </div>
          </form>
        </details>
      ) : null}
      {error ? <ErrorNotice className="mt-3" error={error} /> : null}
    </section>
  );
}
