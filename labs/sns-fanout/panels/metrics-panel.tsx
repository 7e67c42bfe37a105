"use client";
/**
 * The topic's CloudWatch metrics and the queues' depths, graphed from the lab's graph definitions.
 */
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { MetricGraph } from "@/components/metrics/metric-graph";

export function MetricsPanel({ labId }: LabPanelProps) {
  return (
    <div className="space-y-4" data-testid="metrics-panel">
      <MetricGraph labId={labId} graphId="topic-deliveries" minutes={30} />
      <MetricGraph labId={labId} graphId="queue-depths" minutes={30} />
    </div>
  );
}
