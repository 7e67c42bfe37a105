"use client";
/**
 * The stream processor's running analytics: events by type, active users, transactions by status
 * and their average, metric averages and maxima, and the latest alerts.
 */
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import type { AnalyticsFigures } from "../analytics";

const money = (value: number) => `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function Card({ title, children, testId, className }: { title: string; children: ReactNode; testId: string; className?: string }) {
  return (
    <section className={cx("rounded-md border border-border bg-surface-2 px-3 py-2.5", className)} aria-label={title} data-testid={testId}>
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
    <div className="grid gap-3 sm:grid-cols-3" data-testid="analytics" data-records={figures.records}>
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
      <Card title="System metrics" testId="analytics-metrics" className="sm:col-span-3">
        {figures.metrics.length ? (
          <table className="w-full text-xs">
            <caption className="sr-only">Average and maximum per metric</caption>
            <thead className="text-subtle">
              <tr>
                <th scope="col" className="py-0.5 text-left font-normal">
                  metric
                </th>
                <th scope="col" className="py-0.5 text-right font-normal">
                  readings
                </th>
                <th scope="col" className="py-0.5 text-right font-normal">
                  average
                </th>
                <th scope="col" className="py-0.5 text-right font-normal">
                  maximum
                </th>
                <th scope="col" className="py-0.5 pl-4 text-left font-normal">
                  on
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.metrics.map((m) => {
                const unit = m.unit === "percent" ? " %" : ` ${m.unit}`;
                return (
                  <tr key={m.name} className="border-t border-border">
                    <th scope="row" className="py-0.5 text-left font-mono font-normal text-fg">
                      {m.name}
                    </th>
                    <td className="py-0.5 text-right font-mono text-muted tabular-nums">{m.count}</td>
                    <td className="py-0.5 text-right font-mono text-muted tabular-nums">
                      {m.average}
                      {unit}
                    </td>
                    <td className="py-0.5 text-right font-mono text-fg tabular-nums">
                      {m.max}
                      {unit}
                    </td>
                    <td className="py-0.5 pl-4 font-mono text-muted">{m.maxHost}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="text-xs text-subtle">No metrics yet.</p>
        )}
        {figures.alertCount ? (
          <div className="mt-2 flex flex-wrap items-baseline gap-x-3 gap-y-1" data-testid="analytics-alerts">
            <p className="text-xs font-medium text-err">
              {figures.alertCount} alert{figures.alertCount === 1 ? "" : "s"} (CPU above 80 %, memory above 90 %)
            </p>
            <ul className="flex flex-wrap gap-1.5 text-[11px]">
              {figures.alerts.slice(0, 4).map((a, i) => (
                <li key={`${a.hostname}-${a.timestamp}-${i}`}>
                  <Badge tone="err">
                    {a.kind === "high_cpu" ? "CPU" : "memory"} {a.value} % on {a.hostname}
                  </Badge>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
