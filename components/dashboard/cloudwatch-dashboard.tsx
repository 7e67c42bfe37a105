"use client";
/**
 * A CloudWatch dashboard drawn by the workbook from its own body: the widgets in their grid
 * positions, each metric widget's lines with the shared chart (or big numbers for single-value
 * widgets), text widgets as text, and a note for kinds it does not draw. The browser names the
 * lab's dashboard resource by its key; the server reads GetDashboard and GetMetricData.
 */
import { useId, useState } from "react";
import { formatValue, MetricChart } from "@/components/metrics/metric-chart";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";
import { RichText } from "@/components/ui/rich-text";
import { Spinner } from "@/components/ui/spinner";
import { useLive } from "@/lib/live/use-live";
import type { DashboardView, MetricWidgetView, WidgetView } from "@/lib/lab-framework/inspect/dashboard/read-dashboard";
import { TimeRangePicker } from "@/components/metrics/time-range-picker";

export interface CloudWatchDashboardProps {
  labId: string;
  /** The lab's resource key of the dashboard. */
  resourceKey: string;
  minutes?: number;
  className?: string;
}

function SingleValues({ widget }: { widget: MetricWidgetView }) {
  return (
    <dl className="mt-2 grid grid-cols-[repeat(auto-fill,minmax(9rem,1fr))] gap-2">
      {widget.series.map((s) => (
        <div key={s.id} className="rounded-md bg-surface-2 px-3 py-2" data-testid={`value-${s.id}`} data-value={s.value ?? ""}>
          <dt className="truncate text-xs text-muted" title={s.label}>
            {s.label}
          </dt>
          <dd className="font-mono text-xl font-semibold text-fg tabular-nums">{s.value === null ? "—" : formatValue(s.value)}</dd>
          <dd className="text-[11px] text-subtle">{s.stat}</dd>
        </div>
      ))}
    </dl>
  );
}

function MetricWidget({ widget }: { widget: MetricWidgetView }) {
  const graph = {
    id: widget.title,
    title: widget.title,
    periodSeconds: widget.periodSeconds,
    start: widget.start,
    end: widget.end,
    series: widget.series.map((s) => ({ id: s.id, label: `${s.label} (${s.stat})`, points: s.points })),
  };
  return (
    <>
      {widget.view === "singleValue" || widget.view === "gauge" ? (
        <>
          <SingleValues widget={widget} />
          <p className="mt-1.5 text-xs text-muted">{widget.periodSeconds >= (widget.end - widget.start) / 1000 ? "Over the whole time range." : "The newest value of each."}</p>
        </>
      ) : (
        <MetricChart graph={graph} />
      )}
      {widget.problems.length ? (
        <ul className="mt-2 space-y-0.5 text-xs text-warn">
          {widget.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Widget({ widget }: { widget: WidgetView }) {
  const title = widget.kind === "metric" || widget.kind === "other" ? widget.title : "";
  return (
    <section
      className="min-w-0 rounded-lg border border-border bg-surface p-4 md:[grid-column:var(--col)]"
      style={{ ["--col" as string]: `${widget.x + 1} / span ${widget.width}` }}
      aria-label={title || "Text"}
      data-testid="dashboard-widget"
      data-kind={widget.kind}
    >
      {title ? <h4 className="text-sm font-semibold text-fg">{title}</h4> : null}
      {widget.kind === "metric" ? <MetricWidget widget={widget} /> : null}
      {widget.kind === "text" ? <RichText text={widget.markdown.replace(/^#+\s*/gm, "")} className="text-sm" /> : null}
      {widget.kind === "other" ? <p className="mt-1 text-xs text-muted">A {widget.type} widget: open the dashboard in the CloudWatch console to see it.</p> : null}
    </section>
  );
}

export function CloudWatchDashboard({ labId, resourceKey, minutes = 60, className }: CloudWatchDashboardProps) {
  const id = useId();
  const [range, setRange] = useState(minutes);
  const live = useLive<DashboardView>(`/api/labs/${encodeURIComponent(labId)}/dashboards/${encodeURIComponent(resourceKey)}?minutes=${range}`, undefined, { minMs: 5000, maxMs: 20_000 });
  const view = live.data;
  return (
    <div className={cx("space-y-3", className)} data-testid={`dashboard-${resourceKey}`} data-status={view?.status ?? "loading"} aria-labelledby={`${id}-title`} role="region">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={`${id}-title`} className="font-mono text-sm font-semibold break-all text-fg">
          {view?.name ?? resourceKey}
        </h3>
        {view ? <Badge tone={view.status === "READY" ? "ok" : "neutral"}>{view.status === "READY" ? `${view.widgets.length} widgets` : "not created"}</Badge> : null}
        {live.loading ? <Spinner label="Reading the dashboard" /> : null}
        <TimeRangePicker minutes={range} onChange={setRange} />
      </div>
      {live.error ? <ErrorNotice error={live.error} /> : null}
      {view?.status === "MISSING" ? <p className="text-sm text-muted">There is no dashboard of this name yet.</p> : null}
      {view?.problems.length ? (
        <ul className="space-y-0.5 text-xs text-warn">
          {view.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {view?.widgets.length ? (
        <div className="grid grid-cols-1 gap-3 md:grid-cols-[repeat(24,minmax(0,1fr))]">
          {view.widgets.map((widget, i) => (
            <Widget key={`${widget.kind}-${widget.x}-${widget.y}-${i}`} widget={widget} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
