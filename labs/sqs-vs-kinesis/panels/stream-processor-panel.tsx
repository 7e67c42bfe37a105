"use client";
/**
 * Step 7's panel: the Kinesis trigger, the running analytics, and each shard's batches: the ones
 * that failed and were retried, the shard waiting behind them, and what was skipped.
 */
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { SkippedBatch, StreamBatchView } from "../activity";
import { AnalyticsBoard } from "./analytics-board";
import { clockTime, useKinesisLabLive } from "./live-lab";
import { TriggerStatus } from "./trigger-status";
import { useRefreshWhile } from "./use-refresh-while";

const SHARDS = ["shardId-000000000000", "shardId-000000000001"];

function ShardTimeline({ shardId, batches, skipped, waiting }: { shardId: string; batches: StreamBatchView[]; skipped: SkippedBatch[]; waiting: boolean }) {
  const events = [
    ...batches.map((b) => ({ at: b.at, kind: "batch" as const, batch: b })),
    ...skipped.map((s) => ({ at: s.at, kind: "skip" as const, skip: s })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 8);
  return (
    <section className="min-w-0 rounded-md border border-border" aria-label={`Batches of ${shardId}`} data-testid={`shard-timeline-${shardId}`} data-waiting={waiting}>
      <header className="flex items-center gap-2 border-b border-border bg-surface-2 px-3 py-1.5">
        <h4 className="font-mono text-xs font-semibold text-fg">{shardId}</h4>
        {waiting ? <Badge tone="warn">waiting: retrying a failed batch</Badge> : null}
      </header>
      {events.length ? (
        <ol className="divide-y divide-border">
          {events.map((e, i) =>
            e.kind === "batch" ? (
              <li key={`${e.batch.requestId}-${i}`} className="flex flex-wrap items-baseline gap-x-2 px-3 py-1.5 text-xs" data-testid="stream-batch" data-outcome={e.batch.outcome}>
                <span className="font-mono text-subtle tabular-nums">{clockTime(e.at)}</span>
                <span className={cx("font-medium", e.batch.outcome === "success" ? "text-ok" : "text-err")}>{e.batch.outcome === "success" ? "✓ processed" : "✗ failed"}</span>
                <span className="text-muted">
                  {e.batch.size} record{e.batch.size === 1 ? "" : "s"}
                </span>
                {e.batch.error ? <span className="basis-full truncate text-[11px] text-muted" title={e.batch.error}>{e.batch.error}</span> : null}
              </li>
            ) : (
              <li key={`skip-${e.skip.startSequenceNumber}-${i}`} className="bg-warn-soft px-3 py-1.5 text-xs text-fg" data-testid="stream-skip">
                <span className="font-mono text-subtle tabular-nums">{clockTime(e.at)}</span> skipped {e.skip.count} record{e.skip.count === 1 ? "" : "s"} after the retries ran out
              </li>
            ),
          )}
        </ol>
      ) : (
        <p className="px-3 py-3 text-xs text-subtle">No batch from this shard yet.</p>
      )}
    </section>
  );
}

export function StreamProcessorPanel({ names }: LabPanelProps) {
  const { lab } = useKinesisLabLive();
  const stream = lab?.stream;
  // A waiting shard is retried within seconds (back-off of 1, 2, 4 s): follow it closely.
  useRefreshWhile(Boolean(stream?.waitingShards.length), 1000);
  const shards = [...new Set([...SHARDS, ...(stream?.batches.map((b) => b.shardId) ?? [])])].filter(Boolean).sort();
  return (
    <div className="space-y-4 rounded-lg border border-border bg-surface p-4">
      <TriggerStatus trigger={lab?.triggers.stream} name={names.streamProcessor} />
      {stream ? <AnalyticsBoard figures={stream.analytics} /> : null}
      <section aria-labelledby="shard-batches" className="space-y-2">
        <h3 id="shard-batches" className="flex items-baseline gap-2 text-sm font-semibold text-fg">
          Batches per shard
          {stream?.failedInvocations ? <span className="text-xs font-normal text-err">{stream.failedInvocations} failed invocations</span> : null}
        </h3>
        <div className="grid gap-3 md:grid-cols-2">
          {shards.map((shardId) => (
            <ShardTimeline
              key={shardId}
              shardId={shardId}
              batches={stream?.batches.filter((b) => b.shardId === shardId) ?? []}
              skipped={stream?.skipped.filter((s) => s.shardId === shardId) ?? []}
              waiting={stream?.waitingShards.includes(shardId) ?? false}
            />
          ))}
        </div>
      </section>
    </div>
  );
}
