"use client";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { MetricGraph } from "@/components/metrics/metric-graph";
import { Button } from "@/components/ui/button";
import { fastForwardBy, useCanFastForward } from "@/components/lab/panel-kit";
import { useState } from "react";
import { ActionButton } from "./action-button";

export function MetricsPanel({ labId, stepId }: LabPanelProps) {
  const canFastForward = useCanFastForward();
  const [busy, setBusy] = useState(false);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start gap-3">
        <ActionButton labId={labId} stepId={stepId} actionId="publish-worker-metrics" label="Publish the worker's metrics now" tone="secondary" />
        {canFastForward ? (
          <Button
            tone="secondary"
            busy={busy}
            data-testid="next-minute"
            onClick={async () => {
              setBusy(true);
              await fastForwardBy(60);
              setBusy(false);
            }}
          >
            Fast-forward 1 minute
          </Button>
        ) : null}
      </div>
      <MetricGraph labId={labId} graphId="queue-traffic" />
      <MetricGraph labId={labId} graphId="queue-backlog" />
      <MetricGraph labId={labId} graphId="worker-health" />
    </div>
  );
}
