/**
 * Reads a CloudWatch dashboard and the data of its metric widgets (server side): GetDashboard,
 * then one GetMetricData per metric widget over the last minutes of the cloud's own clock (the
 * local cloud may run ahead of the wall clock). Read-only: it changes nothing.
 */
import { GetDashboardCommand, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { LabContext } from "@/lib/lab-framework/types";
import { readClock } from "@/lib/aws/capabilities";
import { translateAwsError } from "@/lib/aws/errors";
import { parseDashboardBody, type DashboardWidget, type WidgetPosition } from "./dashboard-body";

export interface WidgetSeries {
  id: string;
  label: string;
  stat: string;
  yAxis: "left" | "right";
  color?: string;
  /** [epoch ms, value], oldest first. */
  points: Array<[number, number]>;
  /** What a single-value widget shows: the newest point (or the whole range's, with setPeriodToTimeRange). */
  value: number | null;
}

export interface MetricWidgetView extends WidgetPosition {
  kind: "metric";
  title: string;
  view: "timeSeries" | "singleValue" | "gauge" | "bar" | "pie";
  stacked: boolean;
  periodSeconds: number;
  start: number;
  end: number;
  series: WidgetSeries[];
  problems: string[];
}

export type WidgetView = MetricWidgetView | Exclude<DashboardWidget, { kind: "metric" }>;

export interface DashboardView {
  name: string;
  status: "MISSING" | "READY";
  minutes: number;
  start: number;
  end: number;
  widgets: WidgetView[];
  problems: string[];
}

export const DASHBOARD_MINUTES = { min: 5, max: 24 * 60, default: 60 };
const METRIC_ID = /^[a-z][a-zA-Z0-9_]*$/;

type Reader = Pick<LabContext, "aws" | "connection" | "region" | "signal">;

async function cloudNow(context: Reader): Promise<number> {
  if (!context.connection.capabilities.clock) return Date.now();
  const clock = await readClock(context.aws.connection).catch(() => null);
  return clock ? clock.nowMs : Date.now();
}

async function widgetView(context: Reader, widget: Extract<DashboardWidget, { kind: "metric" }>, now: number, minutes: number): Promise<MetricWidgetView> {
  const problems = [...widget.problems];
  if (widget.region && widget.region !== context.region) problems.push(`The widget asks for ${widget.region}; the workbook reads ${context.region}.`);
  const usable = widget.metrics.filter((m) => {
    if (METRIC_ID.test(m.id)) return true;
    problems.push(`The id "${m.id}" must start with a lower-case letter (GetMetricData's rule); that line is left out.`);
    return false;
  });
  const basePeriod = Math.min(...usable.map((m) => m.period), 300);
  const rangeSeconds = minutes * 60;
  const periodSeconds = widget.periodToTimeRange ? Math.ceil(rangeSeconds / 60) * 60 : basePeriod;
  const periodMs = periodSeconds * 1000;
  const end = Math.ceil(now / 60_000) * 60_000;
  const start = widget.periodToTimeRange ? end - periodMs : end - rangeSeconds * 1000;
  const empty = { kind: "metric" as const, x: widget.x, y: widget.y, width: widget.width, height: widget.height, title: widget.title, view: widget.view, stacked: widget.stacked, periodSeconds, start, end };
  if (!usable.length) return { ...empty, series: [], problems };

  const queries: MetricDataQuery[] = usable.map((m) => ({
    Id: m.id,
    Label: m.label,
    ReturnData: m.visible,
    ...(m.expression
      ? { Expression: m.expression, Period: widget.periodToTimeRange ? periodSeconds : m.period }
      : { MetricStat: { Metric: { Namespace: m.metric?.namespace, MetricName: m.metric?.metricName, Dimensions: m.metric?.dimensions }, Period: widget.periodToTimeRange ? periodSeconds : m.period, Stat: m.stat } }),
  }));
  const { MetricDataResults = [] } = await context.aws.cloudwatch.send(
    new GetMetricDataCommand({ StartTime: new Date(start), EndTime: new Date(end), ScanBy: "TimestampAscending", MetricDataQueries: queries }),
    { abortSignal: context.signal },
  );
  const byId = new Map(MetricDataResults.map((r) => [r.Id, r]));
  const series = usable
    .filter((m) => m.visible)
    .map((m): WidgetSeries => {
      const result = byId.get(m.id);
      const times = result?.Timestamps ?? [];
      const values = result?.Values ?? [];
      const points = times.map((t, i): [number, number] => [new Date(t).getTime(), values[i] ?? 0]).sort((a, b) => a[0] - b[0]);
      return { id: m.id, label: m.label, stat: m.stat, yAxis: m.yAxis, ...(m.color ? { color: m.color } : {}), points, value: points.length ? points[points.length - 1][1] : null };
    });
  return { ...empty, series, problems };
}

/** The dashboard's widgets with their data; MISSING when there is no dashboard of that name. */
export async function readDashboard(context: Reader, name: string, minutes: number = DASHBOARD_MINUTES.default): Promise<DashboardView> {
  const span = Math.max(DASHBOARD_MINUTES.min, Math.min(DASHBOARD_MINUTES.max, Math.round(minutes)));
  const now = await cloudNow(context);
  let body: string;
  try {
    ({ DashboardBody: body = "" } = await context.aws.cloudwatch.send(new GetDashboardCommand({ DashboardName: name }), { abortSignal: context.signal }));
  } catch (error) {
    if (translateAwsError(error).family === "not-found") return { name, status: "MISSING", minutes: span, start: now - span * 60_000, end: now, widgets: [], problems: [] };
    throw error;
  }
  const parsed = parseDashboardBody(body);
  const widgets = await Promise.all(parsed.widgets.map((w) => (w.kind === "metric" ? widgetView(context, w, now, span) : Promise.resolve(w))));
  const end = Math.ceil(now / 60_000) * 60_000;
  return { name, status: "READY", minutes: span, start: end - span * 60_000, end, widgets, problems: parsed.problems };
}
