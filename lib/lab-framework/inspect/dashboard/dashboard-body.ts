/**
 * A CloudWatch dashboard body, read the way the console reads it: a `widgets` array whose metric
 * widgets list metrics as arrays `[Namespace, MetricName, DimName, DimValue, ..., {options}]`,
 * where "." repeats the value at the same place in the metric above and a leading "..." repeats
 * everything of the metric above but its last values; `{ "expression": ... }` entries are metric
 * math. Pure (server and browser); what it cannot draw it names in `problems`.
 */

export interface WidgetPosition {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DashboardMetric {
  /** GetMetricData's Id: the entry's own `id`, or m1, m2... in order. */
  id: string;
  label: string;
  stat: string;
  period: number;
  visible: boolean;
  yAxis: "left" | "right";
  color?: string;
  /** A metric, or metric math (`expression`). */
  metric?: { namespace: string; metricName: string; dimensions: Array<{ Name: string; Value: string }> };
  expression?: string;
}

export type DashboardWidget =
  | (WidgetPosition & {
      kind: "metric";
      title: string;
      view: "timeSeries" | "singleValue" | "gauge" | "bar" | "pie";
      region?: string;
      stacked: boolean;
      /** The whole time range as one period (single values, bars, pies). */
      periodToTimeRange: boolean;
      metrics: DashboardMetric[];
      problems: string[];
    })
  | (WidgetPosition & { kind: "text"; markdown: string })
  | (WidgetPosition & { kind: "other"; type: string; title: string });

export interface ParsedDashboard {
  /** The body's own time range start, e.g. "-PT3H" (absent: the console's default, 3 hours). */
  start?: string;
  widgets: DashboardWidget[];
  problems: string[];
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function position(widget: Record<string, Json>, index: number): WidgetPosition {
  const whole = (value: Json | undefined, fallback: number) => (typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : fallback);
  return { x: whole(widget.x, 0), y: whole(widget.y, index * 6), width: Math.min(24, Math.max(1, whole(widget.width, 6))), height: Math.max(1, whole(widget.height, 6)) };
}

/** Expands "." and a leading "..." against the metric above; answers the plain values and the options object. */
export function expandMetricEntry(entry: Json[], previous: string[] | null): { values: string[]; options: Record<string, Json> } | string {
  const last = entry[entry.length - 1];
  const options = isObject(last) ? last : {};
  const raw = isObject(last) ? entry.slice(0, -1) : entry;
  let values: Json[] = raw;
  if (raw[0] === "...") {
    if (!previous) return `"..." needs a metric above it.`;
    const rest = raw.slice(1);
    values = [...previous.slice(0, Math.max(0, previous.length - rest.length)), ...rest];
  }
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === ".") {
      if (!previous || previous[i] === undefined) return `"." at position ${i + 1} has nothing above it to repeat.`;
      out.push(previous[i]);
    } else if (typeof value === "string") out.push(value);
    else return `position ${i + 1} holds ${JSON.stringify(value)}, not a string.`;
  }
  return { values: out, options };
}

function parseMetricWidget(widget: Record<string, Json>, index: number, title: string): DashboardWidget {
  const properties = isObject(widget.properties) ? widget.properties : {};
  const defaultStat = typeof properties.stat === "string" ? properties.stat : "Average";
  const defaultPeriod = typeof properties.period === "number" ? properties.period : 300;
  const views = ["timeSeries", "singleValue", "gauge", "bar", "pie"] as const;
  const view = views.find((v) => v === properties.view) ?? "timeSeries";
  const problems: string[] = [];
  const metrics: DashboardMetric[] = [];
  let previous: string[] | null = null;
  const entries = Array.isArray(properties.metrics) ? properties.metrics : [];
  if (!Array.isArray(properties.metrics)) problems.push("The widget has no metrics array.");
  entries.forEach((entry, i) => {
    if (!Array.isArray(entry)) {
      problems.push(`Metric ${i + 1} is not an array.`);
      return;
    }
    const expanded = expandMetricEntry(entry, previous);
    if (typeof expanded === "string") {
      problems.push(`Metric ${i + 1}: ${expanded}`);
      return;
    }
    const { values, options } = expanded;
    const id = typeof options.id === "string" ? options.id : `m${i + 1}`;
    const common = {
      id,
      stat: typeof options.stat === "string" ? options.stat : defaultStat,
      period: typeof options.period === "number" ? options.period : defaultPeriod,
      visible: options.visible !== false,
      yAxis: options.yAxis === "right" ? ("right" as const) : ("left" as const),
      ...(typeof options.color === "string" ? { color: options.color } : {}),
    };
    if (typeof options.expression === "string") {
      metrics.push({ ...common, label: typeof options.label === "string" ? options.label : id, expression: options.expression });
      return;
    }
    if (values.length < 2 || values.length % 2 !== 0) {
      problems.push(`Metric ${i + 1} needs a namespace, a metric name and dimension name/value pairs.`);
      return;
    }
    previous = values;
    const dimensions: Array<{ Name: string; Value: string }> = [];
    for (let d = 2; d < values.length; d += 2) dimensions.push({ Name: values[d], Value: values[d + 1] });
    metrics.push({
      ...common,
      label: typeof options.label === "string" ? options.label : values[1],
      metric: { namespace: values[0], metricName: values[1], dimensions },
    });
  });
  return {
    kind: "metric",
    ...position(widget, index),
    title,
    view,
    ...(typeof properties.region === "string" ? { region: properties.region } : {}),
    stacked: properties.stacked === true,
    periodToTimeRange: properties.setPeriodToTimeRange === true,
    metrics,
    problems,
  };
}

export function parseDashboardBody(body: string): ParsedDashboard {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { widgets: [], problems: ["The dashboard body is not JSON."] };
  }
  if (!isObject(parsed) || !Array.isArray(parsed.widgets)) return { widgets: [], problems: ["The dashboard body has no widgets array."] };
  const problems: string[] = [];
  const widgets: DashboardWidget[] = [];
  parsed.widgets.forEach((raw, index) => {
    if (!isObject(raw)) {
      problems.push(`Widget ${index + 1} is not an object.`);
      return;
    }
    const properties = isObject(raw.properties) ? raw.properties : {};
    const title = typeof properties.title === "string" ? properties.title : "";
    const type = typeof raw.type === "string" ? raw.type : "unknown";
    if (type === "metric") widgets.push(parseMetricWidget(raw, index, title || `Widget ${index + 1}`));
    else if (type === "text") widgets.push({ kind: "text", ...position(raw, index), markdown: typeof properties.markdown === "string" ? properties.markdown : "" });
    else widgets.push({ kind: "other", ...position(raw, index), type, title: title || type });
  });
  widgets.sort((a, b) => a.y - b.y || a.x - b.x);
  return { ...(typeof parsed.start === "string" ? { start: parsed.start } : {}), widgets, problems };
}
