"use client";
/** Who needs help now: students whose check keeps failing (with the check's reason) or who have done no step for a while. */
import type { DashboardSnapshot } from "@/lib/classroom/dashboard-view";
import { ago } from "./relative-time";

export function StuckList({ data, now }: { data: DashboardSnapshot; now: number }) {
  const stuck = data.students.filter((s) => s.stuck);
  const labTitle = (id: string) => data.labs.find((l) => l.id === id)?.title ?? id;
  return (
    <section aria-labelledby="stuck-title" className="rounded-lg border border-border bg-surface p-4" data-testid="stuck-list">
      <h2 id="stuck-title" className="text-base font-semibold text-fg">
        Stuck <span className="font-normal text-muted">({stuck.length})</span>
      </h2>
      <p className="mt-1 text-xs text-muted">
        A check failing {data.class.stuck.failures} times without passing, or no step done for {data.class.stuck.idleMinutes} minutes.
      </p>
      {stuck.length === 0 ? (
        <p className="mt-3 text-sm text-muted">Nobody is stuck.</p>
      ) : (
        <ul className="mt-3 grid gap-2">
          {stuck.map((s) => (
            <li key={s.username} className="rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-sm" data-testid={`stuck-${s.username}`}>
              <span className="font-mono font-medium text-fg">{s.username}</span>{" "}
              {s.stuck?.kind === "failing" ? (
                <>
                  <span className="text-fg">
                    fails “{s.stuck.stepTitle}” ({labTitle(s.stuck.labId)}) — {s.stuck.failures} times
                  </span>
                  <p className="mt-1 text-muted" data-testid="stuck-reason">
                    {s.stuck.reason}
                  </p>
                </>
              ) : s.stuck?.kind === "idle" ? (
                <span className="text-fg">has done no step since {ago(s.stuck.since, now)}</span>
              ) : null}
              {s.current ? <p className="mt-0.5 text-xs text-muted">On “{s.current.stepTitle}” in {labTitle(s.current.labId)}.</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
