"use client";
/**
 * A Kinesis stream's shards as the workbook shows them: the hash key space split into shard
 * ranges, every record as a tick where its partition key's MD5 falls, each shard's newest
 * records in order, and a box to ask where any partition key would go.
 */
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Spinner } from "@/components/ui/spinner";
import { HashKeyBar, shardTone } from "./hash-key-bar";
import { rangeShare, shortHashKey } from "@/lib/lab-framework/inspect/stream/hash-key-space";
import type { KinesisRecordView, KinesisStreamView } from "@/lib/lab-framework/inspect/stream/stream-views";
import { useStreamView } from "./use-stream-view";

export interface KinesisShardsProps {
  labId: string;
  /** The lab's resource key of the stream (the route derives its name). */
  resourceKey: string;
  /** Newest records shown per shard (default 20). */
  limit?: number;
  /** Sequence numbers to highlight (say, the records just sent). */
  highlight?: readonly string[];
  /** One line describing a record's data; default: the data itself, cut short. */
  summarize?: (record: KinesisRecordView) => string;
  /** Show the "where does a key go?" box (default true). */
  probe?: boolean;
  className?: string;
}

function defaultSummary(record: KinesisRecordView): string {
  return record.encoding === "base64" ? `${record.sizeBytes} bytes of binary data` : record.data.length > 90 ? `${record.data.slice(0, 90)}…` : record.data;
}

function timeOf(iso: string): string {
  return iso.slice(11, 19);
}

function tail(sequenceNumber: string): string {
  return `…${sequenceNumber.slice(-8)}`;
}

function RecordRow({ record, highlighted, summarize }: { record: KinesisRecordView; highlighted: boolean; summarize: (record: KinesisRecordView) => string }) {
  return (
    <li
      className={cx("grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 px-3 py-2 text-xs", highlighted && "bg-accent-soft/60")}
      data-testid="stream-record"
      data-sequence={record.sequenceNumber}
    >
      <span className="font-mono text-subtle tabular-nums" title={`Sequence number ${record.sequenceNumber}`}>
        {tail(record.sequenceNumber)}
      </span>
      <span className="min-w-0">
        <span className="font-mono font-medium text-fg">{record.partitionKey}</span>
        <span className="ml-2 inline-block font-mono whitespace-nowrap text-subtle" title={`MD5 ${record.md5} = hash key ${record.hashKey}`}>
          md5 {record.md5.slice(0, 8)}… = {shortHashKey(record.hashKey)}
        </span>
        {!record.routedByPartitionKey ? (
          <Badge tone="warn" className="ml-2">
            explicit hash key
          </Badge>
        ) : null}
        <span className="mt-0.5 block truncate text-muted" title={record.data}>
          <span className="mr-2 text-subtle tabular-nums">{timeOf(record.arrivedAt)}</span>
          {summarize(record)}
        </span>
      </span>
    </li>
  );
}

function ShardCard({
  view,
  index,
  highlight,
  summarize,
}: {
  view: KinesisStreamView["shards"][number];
  index: number;
  highlight: ReadonlySet<string>;
  summarize: (record: KinesisRecordView) => string;
}) {
  return (
    <section className="min-w-0 overflow-hidden rounded-lg border border-border bg-surface" aria-label={view.shardId} data-testid={`shard-${view.shardId}`}>
      <header className={cx("space-y-0.5 border-b border-border px-3 py-2", shardTone(index))}>
        <div className="flex items-baseline gap-2">
          <h4 className="font-mono text-xs font-semibold text-fg">{view.shardId}</h4>
          {!view.open ? <Badge>closed</Badge> : null}
          <span className="ml-auto text-xs text-muted" data-testid="shard-record-count">
            {view.recordCount} record{view.recordCount === 1 ? "" : "s"}
            {view.more ? "+" : ""}
          </span>
        </div>
        <p className="font-mono text-[11px] text-muted" title={`${view.hashKeyRange.start} – ${view.hashKeyRange.end}`}>
          hash keys {shortHashKey(view.hashKeyRange.start)} – {shortHashKey(view.hashKeyRange.end)} ({rangeShare(view.hashKeyRange)} of the space)
        </p>
      </header>
      {view.records.length ? (
        <ol className="max-h-80 divide-y divide-border overflow-y-auto" aria-label={`Newest records in ${view.shardId}`}>
          {view.records.map((record) => (
            <RecordRow key={record.sequenceNumber} record={record} highlighted={highlight.has(record.sequenceNumber)} summarize={summarize} />
          ))}
        </ol>
      ) : (
        <p className="px-3 py-4 text-xs text-subtle">No records in this shard yet.</p>
      )}
    </section>
  );
}

export function KinesisShards({ labId, resourceKey, limit = 20, highlight = [], summarize = defaultSummary, probe = true, className }: KinesisShardsProps) {
  const [probeKey, setProbeKey] = useState("");
  const [draft, setDraft] = useState("");
  const live = useStreamView(labId, resourceKey, { limit, probeKey: probeKey || undefined });
  const view = live.data?.kind === "kinesis" ? live.data : undefined;
  const highlighted = new Set(highlight);

  function onProbe(event: FormEvent) {
    event.preventDefault();
    setProbeKey(draft.trim());
  }

  return (
    <div className={cx("space-y-3", className)} data-testid={`kinesis-shards-${resourceKey}`} data-status={view?.status ?? "loading"}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="font-mono text-sm font-semibold break-all text-fg">{view?.streamName ?? resourceKey}</h3>
        {view ? <Badge tone={view.status === "ACTIVE" ? "ok" : view.status === "MISSING" ? "neutral" : "warn"}>{view.status.toLowerCase()}</Badge> : null}
        {view?.status === "ACTIVE" ? (
          <span className="text-xs text-muted">
            {view.shards.length} shard{view.shards.length === 1 ? "" : "s"} · {view.retentionHours ?? 24} h retention ·{" "}
            {view.shards.reduce((sum, s) => sum + s.recordCount, 0)} records
          </span>
        ) : null}
        {live.loading ? <Spinner label="Reading the stream" /> : null}
      </div>
      {live.error ? <ErrorNotice error={live.error} /> : null}
      {view?.status === "MISSING" ? <p className="text-sm text-muted">The stream does not exist yet.</p> : null}
      {view?.status === "CREATING" ? (
        <div className="space-y-1.5">
          <ProgressBar label="Creating the stream" />
          <p className="text-xs text-muted">Kinesis is creating the stream; its shards appear once it is ACTIVE.</p>
        </div>
      ) : null}
      {view?.status === "DELETING" ? <p className="text-sm text-muted">The stream is being deleted.</p> : null}
      {view?.note ? <p className="rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-xs text-fg">{view.note}</p> : null}
      {view && view.shards.length ? (
        <>
          <HashKeyBar
            shards={view.shards}
            marks={view.shards.flatMap((s) =>
              s.records.map((r) => ({ hashKey: r.hashKey, label: `${r.partitionKey} → ${s.shardId}`, highlight: highlighted.has(r.sequenceNumber) })),
            )}
            probe={live.data?.probe ? { hashKey: live.data.probe.hashKey, label: `${live.data.probe.partitionKey} (probe)` } : undefined}
          />
          {probe ? (
            <form onSubmit={onProbe} className="flex flex-wrap items-end gap-2 text-xs">
              <label className="grid gap-1">
                <span className="font-medium text-fg">Where would a partition key go?</span>
                <input
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                  maxLength={256}
                  placeholder="USER-1A2B3C4D"
                  className="w-56 rounded-md border border-border-strong bg-surface px-2.5 py-1.5 font-mono text-xs text-fg"
                />
              </label>
              <Button type="submit" tone="secondary" className="px-2.5 py-1.5 text-xs" disabled={!draft.trim()}>
                Hash it
              </Button>
              {live.data?.probe && probeKey ? (
                <p className="basis-full font-mono text-muted" data-testid="probe-result" aria-live="polite">
                  MD5(&quot;{live.data.probe.partitionKey}&quot;) = {live.data.probe.md5} = {shortHashKey(live.data.probe.hashKey)} →{" "}
                  <span className="font-semibold text-fg">{live.data.probe.shardId ?? "no shard"}</span>
                </p>
              ) : null}
            </form>
          ) : null}
          <div className={cx("grid gap-3", view.shards.length > 1 && "md:grid-cols-2")}>
            {view.shards.map((shard, index) => (
              <ShardCard key={shard.shardId} view={shard} index={index} highlight={highlighted} summarize={summarize} />
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}
