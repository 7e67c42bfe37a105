"use client";
/**
 * Step "A dead-letter queue": create the DLQ and the redrive policy, and see both queues.
 */
import { useLabAction } from "@/components/lab/panel-kit";
import { QueueInspector } from "@/components/queue/queue-inspector";
import { Button } from "@/components/ui/button";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { Outcome } from "./parts";

export function QueuesPanel({ labId, stepId, names }: LabPanelProps) {
  const create = useLabAction(labId, stepId, "create-queues");
  return (
    <div className="space-y-4" data-testid="queues-panel">
      <div className="rounded-lg border border-border bg-surface p-4">
        <Button onClick={() => create.run()} busy={create.busy} data-testid="create-queues">
          Create the DLQ and the redrive policy
        </Button>
        <Outcome state={create} />
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <QueueInspector labId={labId} queueKey="processingQueue" title={names.processingQueue} />
        <QueueInspector labId={labId} queueKey="processingDlq" title={names.processingDlq} emptyText="Nothing has failed three times yet." />
      </div>
    </div>
  );
}
