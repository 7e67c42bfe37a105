"use client";
/**
 * Step "Read the metrics": the lab's four CloudWatch graphs, defined on the server.
 */
import { useLabAction } from "@/components/lab/panel-kit";
import { MetricGraph } from "@/components/metrics/metric-graph";
import { Button } from "@/components/ui/button";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { Outcome } from "./parts";

export function MetricsPanel({ labId, stepId }: LabPanelProps) {
  const publish = useLabAction(labId, stepId, "publish-function-metrics");
  return (
    <div className="space-y-4" data-testid="metrics-panel">
      <div className="flex flex-wrap items-center gap-3">
        <Button tone="secondary" onClick={() => publish.run()} busy={publish.busy} data-testid="publish-metrics">
          Publish the functions&apos; metrics now
        </Button>
        <Outcome state={publish} className="mt-0" />
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        {["dlq-depth", "processing-queue", "worker-errors", "pipe-traffic"].map((graphId) => (
          <MetricGraph key={graphId} labId={labId} graphId={graphId} minutes={60} />
        ))}
      </div>
    </div>
  );
}
