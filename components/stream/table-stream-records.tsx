"use client";
/**
 * A DynamoDB table's stream records, newest first per shard: what happened (INSERT, MODIFY,
 * REMOVE), to which key, with which sequence number, and the images the stream's view type
 * carries, either as plain values or as the typed DynamoDB JSON a consumer really receives.
 */
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Spinner } from "@/components/ui/spinner";
import { changedAttributes, plainItem } from "@/lib/lab-framework/inspect/stream/attribute-json";
import type { ItemJson, TableStreamRecordView, TableStreamShardView } from "@/lib/lab-framework/inspect/stream/stream-views";
import { useStreamView } from "./use-stream-view";

export interface TableStreamRecordsProps {
  labId: string;
  /** The lab's resource key of the table (the route derives its name). */
  resourceKey: string;
  /** Newest records shown per shard (default 20). */
  limit?: number;
  /** Start with the typed DynamoDB JSON instead of plain values. */
  typed?: boolean;
  className?: string;
}

const EVENT_TONE = { INSERT: "ok", MODIFY: "accent", REMOVE: "err" } as const;

const STATUS_TEXT: Record<string, string> = {
  MISSING: "The table does not exist yet.",
  NO_STREAM: "The table has no stream: enable one (StreamSpecification) to see its changes here.",
  ENABLING: "The stream is being enabled.",
  DISABLING: "The stream is being disabled; its records stay readable for 24 hours.",
  DISABLED: "The stream is disabled; its records stay readable for 24 hours.",
};

function keyText(keys: ItemJson): string {
  return Object.entries(plainItem(keys))
    .map(([name, value]) => `${name} = ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

function ImageFields({ label, item, typed, changed }: { label: string; item: ItemJson; typed: boolean; changed: ReadonlySet<string> }) {
  const shown = typed ? item : plainItem(item);
  return (
    <div className="min-w-0">
      <p className="text-[11px] font-medium tracking-wide text-subtle uppercase">{label}</p>
      <dl className="mt-0.5 grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 font-mono text-[11px]">
        {Object.entries(shown).map(([name, value]) => (
          <div key={name} className={cx("contents", changed.has(name) && "[&>*]:text-accent-strong [&>*]:font-semibold")}>
            <dt className="text-muted">{name}</dt>
            <dd className="break-all text-fg">{typeof value === "string" && !typed ? value : JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function RecordItem({ record, typed }: { record: TableStreamRecordView; typed: boolean }) {
  const changed = new Set(record.eventName === "MODIFY" ? changedAttributes(record.oldImage, record.newImage) : []);
  return (
    <li className="space-y-1.5 px-3 py-2.5" data-testid="table-stream-record" data-event={record.eventName} data-sequence={record.sequenceNumber}>
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-xs">
        <Badge tone={EVENT_TONE[record.eventName]}>{record.eventName}</Badge>
        <span className="font-mono font-medium text-fg">{keyText(record.keys)}</span>
        {record.byTimeToLive ? <Badge tone="warn">deleted by TTL</Badge> : null}
        <span className="ml-auto font-mono text-subtle tabular-nums" title={`Sequence number ${record.sequenceNumber}`}>
          seq …{record.sequenceNumber.slice(-8)} · {record.approximateCreationDateTime.slice(11, 19)} · {record.sizeBytes} B
        </span>
      </div>
      {record.eventName === "MODIFY" && changed.size ? (
        <p className="text-[11px] text-muted">
          Changed: <span className="font-mono text-fg">{[...changed].join(", ")}</span>
        </p>
      ) : null}
      {record.oldImage || record.newImage ? (
        <div className={cx("grid gap-3 rounded-md bg-surface-2 px-2.5 py-2", record.oldImage && record.newImage && "sm:grid-cols-2")}>
          {record.oldImage ? <ImageFields label="Old image" item={record.oldImage} typed={typed} changed={changed} /> : null}
          {record.newImage ? <ImageFields label="New image" item={record.newImage} typed={typed} changed={changed} /> : null}
        </div>
      ) : (
        <p className="text-[11px] text-subtle">Keys only: the stream&apos;s view type carries no images.</p>
      )}
    </li>
  );
}

function ShardRecords({ shard, typed, showHeader }: { shard: TableStreamShardView; typed: boolean; showHeader: boolean }) {
  return (
    <section className="overflow-hidden rounded-lg border border-border bg-surface" aria-label={shard.shardId} data-testid={`table-shard-${shard.shardId}`}>
      {showHeader ? (
        <header className="flex items-baseline gap-2 border-b border-border bg-surface-2 px-3 py-1.5 text-xs">
          <span className="font-mono font-semibold text-fg">{shard.shardId}</span>
          {!shard.open ? <Badge>closed</Badge> : null}
          {shard.parentShardId ? <span className="text-subtle">after {shard.parentShardId.slice(-12)}</span> : null}
          <span className="ml-auto text-muted">
            {shard.recordCount} record{shard.recordCount === 1 ? "" : "s"}
            {shard.more ? "+" : ""}
          </span>
        </header>
      ) : null}
      {shard.records.length ? (
        <ol className="max-h-96 divide-y divide-border overflow-y-auto" tabIndex={0} aria-label={`Records of shard ${shard.shardId}`}>
          {shard.records.map((record) => (
            <RecordItem key={record.sequenceNumber || record.eventID} record={record} typed={typed} />
          ))}
        </ol>
      ) : (
        <p className="px-3 py-4 text-xs text-subtle">No records in this shard.</p>
      )}
    </section>
  );
}

export function TableStreamRecords({ labId, resourceKey, limit = 20, typed: typedAtFirst = false, className }: TableStreamRecordsProps) {
  const [typed, setTyped] = useState(typedAtFirst);
  const live = useStreamView(labId, resourceKey, { limit });
  const view = live.data?.kind === "dynamodb" ? live.data : undefined;
  const withRecords = view?.shards.filter((s) => s.records.length || s.open) ?? [];
  const total = view?.shards.reduce((sum, s) => sum + s.recordCount, 0) ?? 0;
  return (
    <div className={cx("space-y-3", className)} data-testid={`table-stream-${resourceKey}`} data-status={view?.status ?? "loading"}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="font-mono text-sm font-semibold break-all text-fg">{view?.tableName ?? resourceKey} stream</h3>
        {view?.viewType ? <Badge tone="accent">{view.viewType}</Badge> : null}
        {view?.status === "ENABLED" ? (
          <span className="text-xs text-muted">
            {total} record{total === 1 ? "" : "s"} in {view.shards.length} shard{view.shards.length === 1 ? "" : "s"}
          </span>
        ) : null}
        {live.loading ? <Spinner label="Reading the stream" /> : null}
        <label className="ml-auto flex items-center gap-1.5 text-xs text-muted">
          <input type="checkbox" checked={typed} onChange={(e) => setTyped(e.target.checked)} className="accent-accent" />
          DynamoDB JSON
        </label>
      </div>
      {live.error ? <ErrorNotice error={live.error} /> : null}
      {view && STATUS_TEXT[view.status] ? <p className="text-sm text-muted">{STATUS_TEXT[view.status]}</p> : null}
      {view?.note ? <p className="rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-xs text-fg">{view.note}</p> : null}
      {view && view.streamArn && total === 0 && view.status === "ENABLED" ? <p className="text-sm text-subtle">No changes recorded yet: write an item to see its record.</p> : null}
      {total > 0
        ? withRecords.map((shard) => <ShardRecords key={shard.shardId} shard={shard} typed={typed} showHeader={withRecords.length > 1 || !shard.open} />)
        : null}
    </div>
  );
}
