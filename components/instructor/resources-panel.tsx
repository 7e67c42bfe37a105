"use client";
/**
 * Class resources: per student, what exists under their prefix, whose it is by its tags, the
 * workbook's triggers, and the cost per hour on real AWS; clean-up per student or for the class,
 * confirmed against the list of what will be deleted, then answered with what was deleted.
 */
import { Fragment, useState } from "react";
import type { ApiError } from "@/lib/api/responses";
import type { ClassInventory, StudentCleanUp, StudentInventory } from "@/lib/classroom/inventory-view";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { ProgressBar } from "@/components/ui/progress-bar";
import { classroomApi, classUrl } from "./instructor-api";

function dollars(value: number): string {
  if (value === 0) return "$0";
  return value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(3)}`;
}

const OWNERSHIP = {
  workbook: { tone: "accent", text: "workbook's" },
  untagged: { tone: "warn", text: "made by hand" },
  "other-name": { tone: "neutral", text: "not a lab name" },
} as const;

/** What a clean-up of these students deletes: the workbook's own resources and the triggers. */
function toDelete(students: StudentInventory[]): string[] {
  return students.flatMap((s) => [...s.mappings.map((m) => `trigger ${m.name}`), ...s.items.filter((i) => i.ownership === "workbook").map((i) => i.name)]);
}

export function ResourcesPanel({ classId, ended }: { classId: string; ended: boolean }) {
  const [inventory, setInventory] = useState<ClassInventory | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState<string[] | "all" | null>(null);
  const [cleaning, setCleaning] = useState(false);
  const [cleaned, setCleaned] = useState<StudentCleanUp[] | null>(null);

  async function load() {
    setLoading(true);
    setError(null);
    const result = await classroomApi<ClassInventory>(classUrl(classId, "/resources"), "GET");
    setLoading(false);
    if (!result.ok) return setError(result.error);
    setInventory(result.data);
  }

  async function cleanUp() {
    if (!confirming) return;
    setCleaning(true);
    setError(null);
    const result = await classroomApi<{ students: StudentCleanUp[] }>(classUrl(classId, "/clean-up"), "POST", { students: confirming, confirm: true });
    setCleaning(false);
    setConfirming(null);
    if (!result.ok) return setError(result.error);
    setCleaned(result.data.students.filter((s) => s.lines.length));
    await load();
  }

  const confirmList = inventory && confirming ? toDelete(confirming === "all" ? inventory.students : inventory.students.filter((s) => confirming.includes(s.student))) : [];
  const withSomething = inventory?.students.filter((s) => s.items.length || s.mappings.length) ?? [];

  return (
    <section aria-labelledby="resources-title" className="rounded-lg border border-border bg-surface p-4" data-testid="resources-panel">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="resources-title" className="text-base font-semibold text-fg">
            Class resources
          </h2>
          <p className="mt-1 text-sm text-muted">What exists under each student&apos;s prefix, and what it costs per hour on real AWS.</p>
        </div>
        <div className="flex gap-2">
          <Button tone="secondary" busy={loading} onClick={load}>
            {inventory ? "Look again" : "Look at the resources"}
          </Button>
          {inventory ? (
            <Button tone="danger" disabled={cleaning || toDelete(inventory.students).length === 0} onClick={() => setConfirming("all")}>
              Clean up the whole class…
            </Button>
          ) : null}
        </div>
      </div>
      {loading && !inventory ? <ProgressBar className="mt-3" label="Listing the class's resources" /> : null}
      {error ? <ErrorNotice className="mt-3" error={error} /> : null}

      {confirming && inventory ? (
        <div role="alertdialog" aria-labelledby="confirm-title" className="mt-4 rounded-md border border-err/50 bg-err-soft p-3 text-sm" data-testid="clean-up-confirm">
          <p id="confirm-title" className="font-medium text-err">
            Delete {confirmList.length} thing{confirmList.length === 1 ? "" : "s"} {confirming === "all" ? "for the whole class" : `of ${confirming.join(", ")}`}?
          </p>
          <ul className="mt-2 max-h-48 overflow-auto font-mono text-xs text-fg" tabIndex={0} aria-label="What will be deleted">
            {confirmList.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
          <p className="mt-2 text-muted">Only what carries the workbook&apos;s tags for the student is deleted; resources made by hand stay. Triggers are stopped first.</p>
          <div className="mt-3 flex gap-2">
            <Button tone="danger" busy={cleaning} onClick={cleanUp}>
              Delete them
            </Button>
            <Button tone="ghost" disabled={cleaning} onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}

      {cleaned ? (
        <div className="mt-4 rounded-md border border-border bg-surface-2 p-3 text-sm" data-testid="clean-up-result">
          <p className="font-medium text-fg">{cleaned.length ? "Clean-up done:" : "There was nothing to delete."}</p>
          <ul className="mt-1 grid gap-0.5 font-mono text-xs">
            {cleaned.flatMap((s) =>
              s.lines.map((l) => (
                <li key={`${s.student}|${l.kind}|${l.name}`}>
                  {l.name} — {l.result}
                </li>
              )),
            )}
          </ul>
        </div>
      ) : null}

      {inventory ? (
        <div className="mt-4">
          <p className="text-sm text-fg" data-testid="class-cost">
            {withSomething.length} of {inventory.students.length} students have resources · about <span className="font-semibold">{dollars(inventory.costPerHour)}</span> an hour
            on real AWS
          </p>
          <details className="mt-1 text-xs text-muted">
            <summary className="cursor-pointer">
              Prices assumed ({inventory.priceRegion} list prices as of {inventory.pricesAsOf})
            </summary>
            <ul className="mt-1 list-disc pl-5">
              {inventory.priceNotes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </details>
          {inventory.problems.map((p) => (
            <p key={p} className="mt-1 text-xs text-warn">
              {p}
            </p>
          ))}
          {withSomething.length ? (
            <table className="mt-3 w-full border-collapse text-left text-sm">
              <caption className="sr-only">Resources per student</caption>
              <thead>
                <tr className="text-xs text-muted">
                  <th scope="col" className="border-b border-border py-1.5 pr-3 font-medium">Resource</th>
                  <th scope="col" className="border-b border-border py-1.5 pr-3 font-medium">Kind</th>
                  <th scope="col" className="border-b border-border py-1.5 pr-3 font-medium">Whose</th>
                  <th scope="col" className="border-b border-border py-1.5 font-medium">Per hour</th>
                </tr>
              </thead>
              <tbody>
                {withSomething.map((s) => (
                  <Fragment key={s.student}>
                    <tr data-testid={`resources-${s.student}`}>
                      <th scope="rowgroup" colSpan={3} className="pt-3 pb-1 text-left font-mono font-medium text-fg">
                        {s.student} <span className="font-sans text-xs font-normal text-muted">· {dollars(s.costPerHour)} an hour</span>
                      </th>
                      <td className="pt-3 pb-1">
                        <Button tone="danger" className="px-2 py-1 text-xs" disabled={cleaning || toDelete([s]).length === 0} onClick={() => setConfirming([s.student])}>
                          Clean up {s.student}…
                        </Button>
                      </td>
                    </tr>
                    {s.items.map((item) => (
                      <tr key={`${item.kind}|${item.name}`}>
                        <td className="py-1 pr-3 font-mono text-xs">{item.name}</td>
                        <td className="py-1 pr-3 text-xs text-muted">{item.kind}</td>
                        <td className="py-1 pr-3">
                          <Badge tone={OWNERSHIP[item.ownership].tone}>{OWNERSHIP[item.ownership].text}</Badge>
                        </td>
                        <td className="py-1 text-xs" title={item.costNote}>
                          {dollars(item.costPerHour)}
                        </td>
                      </tr>
                    ))}
                    {s.mappings.map((m) => (
                      <tr key={m.name}>
                        <td className="py-1 pr-3 font-mono text-xs">trigger {m.name}</td>
                        <td className="py-1 pr-3 text-xs text-muted">workbook trigger · {m.state}</td>
                        <td className="py-1 pr-3">
                          <Badge tone="accent">workbook&apos;s</Badge>
                        </td>
                        <td className="py-1 text-xs">{dollars(m.costPerHour)}</td>
                      </tr>
                    ))}
                    {s.problems.map((p) => (
                      <tr key={p}>
                        <td colSpan={4} className="py-1 text-xs text-warn">
                          {p}
                        </td>
                      </tr>
                    ))}
                  </Fragment>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="mt-3 text-sm text-muted">No student has any resource right now.</p>
          )}
          {ended ? <p className="mt-2 text-xs text-muted">The class has ended; its resources can still be cleaned up.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
