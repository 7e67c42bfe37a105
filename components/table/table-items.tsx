"use client";
/**
 * A DynamoDB table's items, live: key attributes first, then every other attribute any item has
 * (or the columns a lab names). Read with a Scan on the server; nothing is changed.
 */
import { useId } from "react";
import type { TableSnapshot } from "@/lib/lab-framework/inspect/table-inspection";
import type { JsonValue } from "@/lib/lab-framework/types";
import { useLive } from "@/lib/live/use-live";
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Spinner } from "@/components/ui/spinner";

export interface TableItemsProps {
  labId: string;
  /** The table's resource key in the lab (`ordersTable`). */
  tableKey: string;
  title?: string;
  /** Columns in this order (others follow unless `onlyColumns`). */
  columns?: string[];
  onlyColumns?: boolean;
  /** Sort rows by this attribute, newest (largest) first. */
  sortBy?: string;
  emptyText?: string;
  className?: string;
}

function cell(value: JsonValue | undefined): string {
  if (value === undefined) return "";
  if (value === null) return "null";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function columnsOf(snapshot: TableSnapshot, wanted: string[] | undefined, only: boolean): string[] {
  const columns = [...snapshot.keyAttributes];
  for (const name of wanted ?? []) if (!columns.includes(name)) columns.push(name);
  if (!only) {
    for (const item of snapshot.items) for (const name of Object.keys(item)) if (!columns.includes(name)) columns.push(name);
  }
  return only && wanted ? wanted : columns;
}

function compare(a: JsonValue | undefined, b: JsonValue | undefined): number {
  if (typeof a === "number" && typeof b === "number") return b - a;
  return cell(b).localeCompare(cell(a));
}

export function TableItems({ labId, tableKey, title, columns, onlyColumns = false, sortBy, emptyText = "No items yet.", className }: TableItemsProps) {
  const id = useId();
  const live = useLive<TableSnapshot>(`/api/labs/${encodeURIComponent(labId)}/tables/${encodeURIComponent(tableKey)}`, undefined, { minMs: 2000, maxMs: 8000 });
  const table = live.data;
  const shown = table ? columnsOf(table, columns, onlyColumns) : [];
  const items = table ? (sortBy ? [...table.items].sort((a, b) => compare(a[sortBy], b[sortBy])) : table.items) : [];

  return (
    <section aria-labelledby={`${id}-title`} className={cx("rounded-lg border border-border bg-surface p-4", className)} data-testid={`table-items-${tableKey}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-fg">
          {title ?? "Table"} <span className="font-mono font-normal text-muted">{table?.name}</span>
        </h3>
        {live.loading ? <Spinner label="Loading the table" /> : null}
        {table?.exists ? (
          <span className="ml-auto text-xs text-muted" data-testid="item-count">
            {table.items.length}
            {table.truncated ? "+" : ""} item{table.items.length === 1 ? "" : "s"}
          </span>
        ) : null}
      </div>
      {live.error ? <ErrorNotice error={live.error} className="mt-3" /> : null}
      {table && !table.exists ? <p className="mt-2 text-sm text-muted">The table does not exist yet.</p> : null}
      {table?.exists && table.status !== "ACTIVE" && table.status !== "UPDATING" ? <p className="mt-2 text-sm text-muted">The table is {table.status?.toLowerCase()}…</p> : null}
      {table?.exists && items.length === 0 && (table.status === "ACTIVE" || table.status === "UPDATING") ? (
        <p className="mt-2 rounded-md border border-dashed border-border px-3 py-3 text-sm text-muted">{emptyText}</p>
      ) : null}
      {items.length ? (
        <div className="mt-3 max-h-80 overflow-auto rounded-md border border-border" tabIndex={0} role="region" aria-label={`Items of ${table?.name ?? "the table"}`}>
          <table className="w-full text-left text-xs">
            <thead className="sticky top-0 bg-surface-2 text-muted">
              <tr>
                {shown.map((c) => (
                  <th key={c} scope="col" className="px-2.5 py-1.5 font-medium whitespace-nowrap">
                    {c}
                    {table?.keyAttributes.includes(c) ? <span className="ml-1 text-subtle">(key)</span> : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {items.map((item, i) => (
                <tr key={table?.keyAttributes.map((k) => cell(item[k])).join("|") || i} data-testid="table-row">
                  {shown.map((c) => (
                    <td key={c} className="max-w-64 truncate px-2.5 py-1.5 font-mono text-fg" title={cell(item[c])}>
                      {cell(item[c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {table?.truncated ? <p className="mt-1 text-xs text-muted">Showing the first 100 items.</p> : null}
    </section>
  );
}
