"use client";
/**
 * The class at a glance: one row per student, one column per lab, each cell the steps done out of
 * the lab's steps and the step the student is on; joined or not, last seen, stuck or not. After a
 * "verify now", the verified lab's cells also say what the checks found.
 */
import type { DashboardSnapshot, StudentRow } from "@/lib/classroom/dashboard-view";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { RelativeTime } from "./relative-time";

function Cell({ row, labId, verify }: { row: StudentRow; labId: string; verify: DashboardSnapshot["verify"] }) {
  const cell = row.labs[labId];
  const checked = verify?.labId === labId ? verify.results[row.username] : undefined;
  const percent = cell.total ? Math.round((cell.done / cell.total) * 100) : 0;
  const failingHere = row.stuck?.kind === "failing" && row.stuck.labId === labId;
  return (
    <td className="border-b border-border px-3 py-2 align-top" data-testid={`cell-${row.username}-${labId}`} data-done={cell.done}>
      <div className="flex items-baseline gap-1.5">
        <span className={cx("font-mono text-sm", cell.done === cell.total ? "font-semibold text-ok" : cell.done ? "text-fg" : "text-subtle")}>
          {cell.done}/{cell.total}
        </span>
        {cell.done === cell.total ? <span className="text-xs text-ok">done</span> : null}
      </div>
      <div className="mt-1 h-1 w-24 overflow-hidden rounded-full bg-surface-2" aria-hidden>
        <div className={cx("h-full rounded-full", failingHere ? "bg-warn" : "bg-accent")} style={{ width: `${percent}%` }} />
      </div>
      {cell.current ? (
        <p className="mt-1 max-w-44 truncate text-xs text-muted" title={`On: ${cell.current.title}`}>
          on {cell.current.title}
        </p>
      ) : null}
      {checked ? (
        <p
          className="mt-1 text-xs"
          data-testid={`verified-${row.username}-${labId}`}
          data-passing={checked.passing}
          title={`${checked.passing} of ${cell.total} checks pass now`}
        >
          {checked.error ? (
            <span className="font-medium text-err">verify: could not check</span>
          ) : checked.passesUnrecorded.length || checked.recordedButFailing.length ? (
            <>
              <span className="text-muted">verify:</span>
              {checked.passesUnrecorded.length ? <span className="font-medium text-warn"> {checked.passesUnrecorded.length} not recorded</span> : null}
              {checked.recordedButFailing.length ? <span className="font-medium text-err"> {checked.recordedButFailing.length} undone</span> : null}
            </>
          ) : (
            <span className="text-ok">verify: agrees</span>
          )}
        </p>
      ) : null}
    </td>
  );
}

export function ProgressGrid({ data, now, onRelease, releasing }: { data: DashboardSnapshot; now: number; onRelease(username: string): void; releasing: string | null }) {
  const ended = Boolean(data.class.endedAt);
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full border-collapse text-left text-sm" data-testid="progress-grid">
        <caption className="sr-only">Steps done per student and lab</caption>
        <thead>
          <tr className="bg-surface-2 text-xs text-muted">
            <th scope="col" className="sticky left-0 z-10 border-b border-border bg-surface-2 px-3 py-2 font-medium">
              Student
            </th>
            {data.labs.map((lab) => (
              <th key={lab.id} scope="col" className="border-b border-border px-3 py-2 font-medium">
                {lab.title}
              </th>
            ))}
            <th scope="col" className="border-b border-border px-3 py-2 font-medium">
              Last step done
            </th>
          </tr>
        </thead>
        <tbody>
          {data.students.map((row) => (
            <tr key={row.username} data-testid={`student-${row.username}`} data-joined={row.joined} data-stuck={row.stuck?.kind ?? "no"}>
              <th scope="row" className="sticky left-0 z-10 border-b border-border bg-surface px-3 py-2 align-top font-normal">
                <div className="flex items-center gap-2">
                  <span className="font-mono font-medium text-fg">{row.username}</span>
                  {row.stuck ? <Badge tone="warn">stuck</Badge> : null}
                </div>
                <p className="mt-0.5 text-xs text-muted">
                  {row.joined ? (
                    <>
                      joined · seen <RelativeTime iso={row.lastSeenAt} now={now} />
                    </>
                  ) : row.lastActivityAt ? (
                    "not in the class now"
                  ) : (
                    "not joined"
                  )}
                </p>
                {row.joined && !ended ? (
                  <Button tone="ghost" className="mt-1 px-1.5 py-0.5 text-xs" busy={releasing === row.username} onClick={() => onRelease(row.username)}>
                    Release seat
                  </Button>
                ) : null}
              </th>
              {data.labs.map((lab) => (
                <Cell key={lab.id} row={row} labId={lab.id} verify={data.verify} />
              ))}
              <td className="border-b border-border px-3 py-2 align-top text-xs text-muted">
                <RelativeTime iso={row.lastCompletedAt} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
