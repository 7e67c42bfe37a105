"use client";
/**
 * Step 3: the consumer at work. Its trigger, what it has done (from the table: saved, and the
 * skipped duplicates and redeliveries noted on each item), and the table itself.
 */
import { TableItems } from "@/components/table/table-items";
import { Badge } from "@/components/ui/badge";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { FifoLive } from "../live";
import { Section, useFifoLive } from "./panel-parts";

function TriggerBadge({ consumer }: { consumer: FifoLive["consumer"] }) {
  if (!consumer?.connected) return <Badge>not started</Badge>;
  if (!consumer.enabled) return <Badge tone="warn">trigger off</Badge>;
  if (!consumer.running) return <Badge tone="warn">starting…</Badge>;
  return <Badge tone="ok">running</Badge>;
}

function Figure({ label, value, testId }: { label: string; value: number | string; testId: string }) {
  return (
    <div className="rounded-md bg-surface-2 px-3 py-2">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="font-mono text-lg font-semibold text-fg tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function ConsumerPanel({ labId }: LabPanelProps) {
  const { lab } = useFifoLive();
  const saved = lab?.saved;
  return (
    <div className="space-y-4">
      <Section
        title="The consumer"
        aside={
          <span className="flex items-center gap-2">
            <TriggerBadge consumer={lab?.consumer ?? null} />
            {lab?.consumer?.crashAfterSave ? <Badge tone="err">crash switch on</Badge> : null}
          </span>
        }
        testId="consumer-status"
      >
        {lab?.consumer?.problem ? <p className="text-sm text-warn">{lab.consumer.problem}</p> : null}
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <Figure label="saved (items)" value={saved?.count ?? 0} testId="figure-saved" />
          <Figure label="duplicate sends skipped" value={saved?.skippedDuplicates ?? 0} testId="figure-duplicates" />
          <Figure label="redeliveries skipped" value={saved?.skippedRedeliveries ?? 0} testId="figure-redeliveries" />
          <Figure label="waiting · in flight" value={lab?.queue ? `${lab.queue.visible} · ${lab.queue.inFlight}` : "—"} testId="figure-queue" />
        </dl>
        <p className="text-xs text-muted">
          Each line of the log below carries the message&apos;s <code className="font-mono">message_id</code> as its trace id: type one into “Trace id”, or click one, to follow a message through every delivery.
        </p>
      </Section>
      <TableItems
        labId={labId}
        tableKey="processedTable"
        title="Saved messages"
        columns={["message_id", "message_group_id", "event", "receive_count", "skipped_duplicates", "skipped_redeliveries", "saved_at"]}
        onlyColumns
        sortBy="saved_at"
        emptyText="Nothing saved yet: start the consumer, and send something in step 2 if the queue is empty."
      />
    </div>
  );
}
