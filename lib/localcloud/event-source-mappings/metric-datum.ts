/** A PutMetricData data point (the SDK's shape, as the runtime builds it) in the metrics link's shape. */
import type { MetricDatum as SdkMetricDatum } from "@aws-sdk/client-cloudwatch";
import type { MetricDatum } from "../core/links";

export function toLinkDatum(namespace: string, datum: SdkMetricDatum): MetricDatum {
  const stats = datum.StatisticValues;
  return {
    namespace,
    metricName: datum.MetricName ?? "",
    dimensions: (datum.Dimensions ?? []).map((d) => ({ Name: d.Name ?? "", Value: d.Value ?? "" })),
    value: datum.Value ?? 0,
    ...(datum.Unit ? { unit: datum.Unit } : {}),
    ...(datum.Timestamp ? { timestamp: datum.Timestamp.getTime() } : {}),
    ...(stats ? { statisticValues: { sampleCount: stats.SampleCount ?? 0, sum: stats.Sum ?? 0, min: stats.Minimum ?? 0, max: stats.Maximum ?? 0 } } : {}),
  };
}
