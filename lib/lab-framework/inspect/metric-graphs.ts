/**
 * CloudWatch graphs a lab defines on the server (`lab.graphs`): the browser asks for a graph by its
 * id and gets points back, never sending a metric name, a dimension or an ARN. One GetMetricData
 * call per graph, over the last minutes of the cloud's own clock (the local cloud may run ahead).
 */
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { readClock } from "@/lib/aws/capabilities";
import type { AnyLab, LabContext } from "../types";

export interface GraphSeries {
  id: string;
  label: string;
  /** [epoch ms, value], oldest first. */
  points: Array<[number, number]>;
}

export interface GraphData {
  id: string;
  title: string;
  healthy?: string;
  unit?: string;
  periodSeconds: number;
  /** The window shown, epoch ms on the cloud's clock. */
  start: number;
  end: number;
  series: GraphSeries[];
}

export const GRAPH_MINUTES = { min: 5, max: 24 * 60, default: 30 };

export async function cloudNow(context: LabContext): Promise<number> {
  if (!context.connection.capabilities.clock) return Date.now();
  const clock = await readClock(context.aws.connection).catch(() => null);
  return clock ? clock.nowMs : Date.now();
}

export async function graphData(context: LabContext, lab: AnyLab, graphId: string, minutes: number): Promise<GraphData | null> {
  const spec = lab.graphs?.[graphId];
  if (!spec) return null;
  const periodSeconds = spec.periodSeconds ?? 60;
  const periodMs = periodSeconds * 1000;
  const now = await cloudNow(context);
  // Whole periods, ending with the one in progress, so points line up with CloudWatch's.
  const end = Math.ceil(now / periodMs) * periodMs;
  const start = end - minutes * 60_000;
  const { MetricDataResults = [] } = await context.aws.cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(start),
      EndTime: new Date(end),
      ScanBy: "TimestampAscending",
      MetricDataQueries: spec.metrics.map((metric) => ({
        Id: metric.id,
        Label: metric.label,
        ReturnData: true,
        MetricStat: {
          Metric: { Namespace: metric.namespace, MetricName: metric.metricName, Dimensions: metric.dimensions(context) },
          Period: periodSeconds,
          Stat: metric.stat,
        },
      })),
    }),
    { abortSignal: context.signal },
  );
  const byId = new Map(MetricDataResults.map((r) => [r.Id, r]));
  return {
    id: graphId,
    title: spec.title,
    ...(spec.healthy ? { healthy: spec.healthy } : {}),
    ...(spec.unit ? { unit: spec.unit } : {}),
    periodSeconds,
    start,
    end,
    series: spec.metrics.map((metric) => {
      const result = byId.get(metric.id);
      const times = result?.Timestamps ?? [];
      const values = result?.Values ?? [];
      const points = times.map((t, i): [number, number] => [new Date(t).getTime(), values[i] ?? 0]).sort((a, b) => a[0] - b[0]);
      return { id: metric.id, label: metric.label, points };
    }),
  };
}
