"use client";
/**
 * Where every order of a demonstration run went: a bar split by fate, the figures with the sum
 * that proves nothing is missing, and the run's orders.
 */
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import type { RunView } from "../demo-run";
import { formatAmount, StatusBadge } from "./parts";

interface Segment {
  key: string;
  label: string;
  value: number;
  className: string;
}

function segments(run: RunView): Segment[] {
  const a = run.account;
  const queue = a.design === "queue";
  return [
    { key: "completed", label: "completed", value: a.completed, className: "bg-ok" },
    { key: "failed", label: "failed (business rule)", value: a.failed, className: "bg-err/70" },
    ...(queue ? [{ key: "routed", label: "routed by the pipe", value: a.routed, className: "bg-accent" }] : []),
    { key: "dlq", label: "in the DLQ", value: a.inDlq, className: "bg-warn" },
    ...(queue ? [{ key: "dropped", label: "dropped by the filter", value: a.dropped, className: "bg-err" }] : []),
    { key: "moving", label: "still moving", value: a.moving, className: "bg-border-strong" },
  ];
}

export function RunAccountView({ run, title }: { run: RunView; title: string }) {
  const a = run.account;
  const parts = segments(run);
  const shown = parts.filter((p) => p.value > 0);
  return (
    <section className="space-y-3" aria-label={title} data-testid={`run-${a.design}`} data-settled={a.settled}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h4 className="text-sm font-semibold text-fg">{title}</h4>
        <span className="font-mono text-xs text-muted">run {run.runId}</span>
      </div>
      <div className="flex h-4 w-full overflow-hidden rounded-full bg-surface-2" role="img" aria-label={shown.map((p) => `${p.value} ${p.label}`).join(", ")}>
        {shown.map((p) => (
          <div key={p.key} className={cx("h-full", p.className)} style={{ width: `${(100 * p.value) / Math.max(1, a.created)}%` }} />
        ))}
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
        {parts.map((p) => (
          <div key={p.key} className="flex items-center gap-2" data-testid={`fate-${p.key}`} data-value={p.value}>
            <span aria-hidden className={cx("inline-block size-2.5 rounded-full", p.className)} />
            <dt className="text-muted">{p.label}</dt>
            <dd className="ml-auto font-mono text-fg">{p.value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-fg" data-testid={`run-sum-${a.design}`}>
        {parts.map((p) => p.value).join(" + ")} = <strong>{a.accountedFor}</strong> of {a.created} orders{" "}
        {a.accountedFor === a.created ? <Badge tone="ok">all accounted for</Badge> : <Badge tone="err">{a.created - a.accountedFor} missing</Badge>}
        {a.design === "stream" ? <span className="text-muted"> · plus {a.routed} high-value cop{a.routed === 1 ? "y" : "ies"} routed on the side</span> : null}
      </p>
      <p className="text-sm text-muted">{a.summary}</p>
      {a.warnings.map((w) => (
        <p key={w} className="text-xs text-warn">{w}</p>
      ))}
      <details>
        <summary className="cursor-pointer text-xs font-medium text-muted">The run&apos;s {a.created} orders</summary>
        <div className="mt-2 overflow-x-auto rounded-md border border-border">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">Orders of run {run.runId}</caption>
            <thead className="bg-surface-2 text-muted">
              <tr>
                <th scope="col" className="px-2 py-1.5 font-medium">Customer</th>
                <th scope="col" className="px-2 py-1.5 font-medium">Amount</th>
                <th scope="col" className="px-2 py-1.5 font-medium">Notes</th>
                <th scope="col" className="px-2 py-1.5 font-medium">Status</th>
                <th scope="col" className="px-2 py-1.5 font-medium">Routed</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {run.orders.map((o) => (
                <tr key={o.orderId}>
                  <td className="px-2 py-1.5 text-fg">{o.customerName}</td>
                  <td className="px-2 py-1.5 font-mono text-fg">{formatAmount(o.amount)}</td>
                  <td className="px-2 py-1.5 text-muted">{o.notes}</td>
                  <td className="px-2 py-1.5">
                    <StatusBadge status={o.status} />
                    {!o.queued && o.status === "PENDING" ? <span className="ml-1 text-muted">still in the stream</span> : null}
                  </td>
                  <td className="px-2 py-1.5 text-muted">{o.reviewStatus ? "yes" : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
