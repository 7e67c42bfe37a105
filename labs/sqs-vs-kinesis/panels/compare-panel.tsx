"use client";
/**
 * Step 9's panel: one button for both paths, their progress, the comparison filled in from what
 * was measured, and the write-up's table beside it with the corrections it needs.
 */
import { useCallback } from "react";
import { useLabAction } from "@/components/lab/panel-kit";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { ComparisonView, SideMeasurement } from "../comparison";
import { COMPARISON_SIZE } from "../settings";
import { useKinesisLabLive } from "./live-lab";
import { useRefreshWhile } from "./use-refresh-while";

/** How long after a run starts the panel follows it closely (then the live poll's pace). */
const FOLLOW_MS = 120_000;

function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(0)} s` : value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

function rows(view: ComparisonView): Array<{ aspect: string; sqs: string; kinesis: string }> {
  const { sqs, kinesis } = view;
  const wait = (m: SideMeasurement) => (m.latency ? `median ${ms(m.latency.median)} · p95 ${ms(m.latency.p95)} · max ${ms(m.latency.max)}` : "—");
  const speed = (m: SideMeasurement, noun: string) => (m.perSecond === null ? "—" : `${m.perSecond} ${noun}/s (${m.processed} in ${m.elapsedSeconds} s)`);
  return [
    { aspect: "Processed", sqs: `${sqs.processed} of ${sqs.sent} orders`, kinesis: `${kinesis.processed} of ${kinesis.sent} events` },
    { aspect: "Throughput", sqs: speed(sqs, "orders"), kinesis: speed(kinesis, "events") },
    { aspect: "Wait, sent → processed", sqs: wait(sqs), kinesis: wait(kinesis) },
    { aspect: "Batches", sqs: `${sqs.batches}, up to ${sqs.largestBatch} messages, 2 at a time`, kinesis: `${kinesis.batches}, up to ${kinesis.largestBatch} records, 1 per shard at a time` },
    {
      aspect: "Order",
      sqs: sqs.processed ? `${sqs.outOfOrder} of ${sqs.processed} finished after an order sent later` : "—",
      kinesis: kinesis.processed ? (kinesis.outOfOrder ? `${kinesis.outOfOrder} of ${kinesis.keys} partition keys out of order` : `in order for each of ${kinesis.keys} partition keys`) : "—",
    },
    { aspect: "Retried", sqs: `${sqs.retried} message${sqs.retried === 1 ? "" : "s"} received again`, kinesis: `${kinesis.retried} failed invocation${kinesis.retried === 1 ? "" : "s"} retried` },
    { aspect: "Failed or lost", sqs: `${sqs.failed} failed attempt${sqs.failed === 1 ? "" : "s"} (DLQ after 3)`, kinesis: `${kinesis.failed} skipped after the retries` },
  ];
}

const WRITE_UP: Array<{ aspect: string; sqs: string; kinesis: string; note?: string }> = [
  { aspect: "Made for", sqs: "Handing each message to one consumer, reliably", kinesis: "A log many readers can read and replay" },
  { aspect: "Ordering", sqs: "None in a standard queue; FIFO queues order per message group", kinesis: "Per partition key (one shard), never across shards" },
  { aspect: "Retention", sqs: "1 minute to 14 days (4 days by default)", kinesis: "24 hours by default, up to 365 days" },
  {
    aspect: "On failure",
    sqs: "The message comes back after its visibility timeout; after maxReceiveCount, the DLQ",
    kinesis: "The batch is retried and its shard waits, until it succeeds, runs out of retries or gets too old",
    note: "The write-up says Kinesis \"continues processing\"; that is only true if the function swallows errors, and then nothing is retried at all.",
  },
  {
    aspect: "Partial failures",
    sqs: "ReportBatchItemFailures: only the failed messages come back",
    kinesis: "ReportBatchItemFailures too: the shard resumes from the failed record",
    note: "The write-up's processor claims Kinesis has no partial batch failures; it has them.",
  },
  { aspect: "Scaling", sqs: "Automatic", kinesis: "Provisioned: you set the shard count; on-demand mode scales by itself" },
];

function Table({ caption, data, testId }: { caption: string; data: Array<{ aspect: string; sqs: string; kinesis: string; note?: string }>; testId: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="border-b border-border bg-surface-2 px-3 py-2 text-left text-xs font-semibold tracking-wide text-muted uppercase">{caption}</caption>
        <thead className="border-b border-border text-xs text-muted">
          <tr>
            <th scope="col" className="w-40 px-3 py-1.5 font-medium">
              <span className="sr-only">Aspect</span>
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              SQS queue
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Kinesis stream
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border bg-surface">
          {data.map((row) => (
            <tr key={row.aspect} className="align-top">
              <th scope="row" className="px-3 py-2 text-xs font-medium text-muted">
                {row.aspect}
              </th>
              <td className="px-3 py-2 text-fg">{row.sqs}</td>
              <td className="px-3 py-2 text-fg">
                {row.kinesis}
                {row.note ? <p className="mt-1 text-xs text-warn">Correction: {row.note}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ComparePanel({ labId, stepId }: LabPanelProps) {
  const run = useLabAction(labId, stepId, "run-comparison");
  const { lab } = useKinesisLabLive();
  const view = lab?.comparison ?? null;
  const running = useCallback(() => Boolean(view && !view.done && Date.now() - Date.parse(view.startedAt) < FOLLOW_MS), [view]);
  useRefreshWhile(view && !view.done ? running : false, 1000);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-border bg-surface p-4">
        <Button onClick={() => run.run()} busy={run.busy} data-testid="run-comparison">
          Send {COMPARISON_SIZE} orders and {COMPARISON_SIZE} events
        </Button>
        {run.result ? (
          <p className="text-sm text-muted" data-testid="action-outcome" aria-live="polite">
            {run.result.outcome.message}
          </p>
        ) : null}
        {run.error ? <ErrorNotice error={run.error} className="basis-full" /> : null}
      </div>
      {view ? (
        <div className="space-y-4" data-testid="comparison" data-done={view.done}>
          <div className="grid gap-3 sm:grid-cols-2">
            {(["sqs", "kinesis"] as const).map((side) => (
              <div key={side} className="space-y-1.5 rounded-md border border-border bg-surface px-3 py-2">
                <p className="flex justify-between text-xs text-muted">
                  <span>{side === "sqs" ? "Orders through the queue" : "Events through the stream"}</span>
                  <span className="font-mono text-fg tabular-nums" data-testid={`progress-${side}`}>
                    {view[side].processed} / {view[side].sent}
                  </span>
                </p>
                <ProgressBar value={view[side].processed} max={view[side].sent} label={side === "sqs" ? "Orders processed" : "Events processed"} />
              </div>
            ))}
          </div>
          <Table caption={view.done ? "Measured in this run" : "Measured so far"} data={rows(view)} testId="measured-comparison" />
          <p className="text-xs text-muted">
            Times are read on the cloud&apos;s clock, so a fast-forward during the run counts as time that passed.
            {lab && lab.queueTimeScale < 1
              ? ` The queue processor worked at ×${lab.queueTimeScale} of the write-up's time here; on AWS each order takes the full 1 or 2 s, so expect the queue path to be about ${Math.round(1 / lab.queueTimeScale)} times slower.`
              : ""}
          </p>
        </div>
      ) : null}
      <Table caption="The write-up's comparison, corrected" data={WRITE_UP} testId="write-up-comparison" />
    </div>
  );
}
