"use client";
/**
 * The stream processor's running analytics: events by type, active users, transactions by status
 * and their average, metric averages and maxima, and the latest alerts.
 */
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { AnalyticsFigures } from "../analytics";

const money = (value: number) => `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function Card({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <section className="rounded-md border border-border bg-surface-2 px-3 py-2.5" aria-label={title} data-testid={testId}>
      <h4 className="text-xs font-medium tracking-wide text-subtle uppercase">{title}</h4>
      <div className="mt-1.5 text-sm">{children}</div>
    </section>
  );
}

function Big({ value, label }: { value: string | number; label: string }) {
  return (
    <p>
      <span className="font-mono text-xl font-semibold text-fg tabular-nums">{value}</span> <span className="text-xs text-muted">{label}</span>
    </p>
  );
}

export function AnalyticsBoard({ figures }: { figures: AnalyticsFigures }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="analytics" data-records={figures.records}>
      <Card title="Events" testId="analytics-events">
        <Big value={figures.records} label="summarised" />
        <ul className="mt-1 space-y-0.5 text-xs text-muted">
          {Object.entries(figures.byType).map(([type, n]) => (
            <li key={type}>
              <span className="font-mono text-fg tabular-nums">{n}</span> {type}
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Users" testId="analytics-users">
        <Big value={figures.activeUsers} label="active" />
        {figures.mostActiveUser ? (
          <p className="mt-1 text-xs text-muted">
            Most active <span className="font-mono text-fg">{figures.mostActiveUser.userId}</span> ({figures.mostActiveUser.actions} actions)
          </p>
        ) : null}
      </Card>
      <Card title="Transactions" testId="analytics-transactions">
        <Big value={figures.transactionCount} label={`for ${money(figures.transactionTotal)}`} />
        <p className="mt-1 text-xs text-muted">Average {figures.averageTransaction === null ? "—" : money(figures.averageTransaction)} over all of them</p>
        <ul className="mt-1 flex flex-wrap gap-1.5 text-xs">
          {Object.entries(figures.byStatus).map(([status, b]) => (
            <li key={status}>
              <Badge tone={status === "completed" ? "ok" : status === "failed" ? "err" : "neutral"}>
                {status} {b.count} · {money(b.total)}
              </Badge>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="System metrics" testId="analytics-metrics">
        {figures.metrics.length ? (
          <table className="w-full text-xs">
            <caption className="sr-only">Average and maximum per metric</caption>
            <thead className="text-subtle">
              <tr>
                <th scope="col" className="text-left font-normal">
                  metric
                </th>
                <th scope="col" className="text-right font-normal">
                  avg
                </th>
                <th scope="col" className="text-right font-normal">
                  max
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.metrics.map((m) => (
                <tr key={m.name}>
                  <th scope="row" className="text-left font-mono font-normal text-fg">
                    {m.name}
                  </th>
                  <td className="text-right font-mono text-muted tabular-nums">{m.average}</td>
                  <td className="text-right font-mono text-muted tabular-nums" title={`on ${m.maxHost}`}>
                    {m.max}
                    <span className="text-subtle"> {m.unit === "percent" ? "%" : m.unit}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-xs text-subtle">No metrics yet.</p>
        )}
        {figures.alertCount ? (
          <div className="mt-2 space-y-0.5" data-testid="analytics-alerts">
            <p className="text-xs font-medium text-err">
              {figures.alertCount} alert{figures.alertCount === 1 ? "" : "s"}
            </p>
            <ul className="space-y-0.5 text-[11px] text-muted">
              {figures.alerts.slice(0, 3).map((a, i) => (
                <li key={`${a.hostname}-${a.timestamp}-${i}`}>
                  {a.kind === "high_cpu" ? "CPU" : "memory"} {a.value}% on <span className="font-mono text-fg">{a.hostname}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
