"use client";
/**
 * Step "Read the stream": the trigger, the raw records of the table's stream, and the processing
 * queue the forwarder fills.
 */
import { useLabAction } from "@/components/lab/panel-kit";
import { QueueInspector } from "@/components/queue/queue-inspector";
import { TableStreamRecords } from "@/components/stream/table-stream-records";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { Outcome, Part, useStreamsLive } from "./parts";

export function StreamPanel({ labId, stepId, names }: LabPanelProps) {
  const { lab } = useStreamsLive();
  const start = useLabAction(labId, stepId, "start-consumer");
  const trigger = lab?.mappings.find((m) => m.function === names.streamForwarder);
  return (
    <div className="space-y-4" data-testid="stream-panel">
      <Part number={1} title="The stream's raw records">
        <p className="text-sm text-muted">Send an order in the previous step and its INSERT record appears here; an update shows both images.</p>
        <TableStreamRecords labId={labId} resourceKey="ordersTable" typed limit={10} />
      </Part>
      <Part number={2} title="Forward new orders to the processing queue" testId="start-consumer-part">
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={() => start.run()} busy={start.busy} tone={trigger ? "secondary" : "primary"} data-testid="start-consumer">
            {trigger ? "Start the stream consumer again" : "Start the stream consumer"}
          </Button>
          {trigger ? <Badge tone={trigger.state === "Enabled" ? "ok" : "warn"}>trigger {trigger.state === "Enabled" ? "on" : "off"} · TRIM_HORIZON · batch 10</Badge> : <Badge>no trigger yet</Badge>}
        </div>
        <Outcome state={start} />
        <QueueInspector labId={labId} queueKey="processingQueue" title={names.processingQueue} emptyText="Nothing forwarded yet." />
      </Part>
    </div>
  );
}
