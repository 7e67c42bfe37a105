"use client";
/**
 * Step 6's panel: the producer's request, each record it put with the MD5 of its partition key and
 * the shard range that holds it, and the stream's shards with those records highlighted.
 */
import { useId, useState, type FormEvent } from "react";
import { useLabAction } from "@/components/lab/panel-kit";
import { KinesisShards } from "@/components/stream/kinesis-shards";
import { shortHashKey } from "@/lib/lab-framework/inspect/stream/hash-key-space";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { PutEventsResult } from "../steps/kinesis-producer";
import { summarizeEvent } from "./event-summary";
import { Field, inputClass } from "./form-controls";

/** 2^127, where the second of two even shards starts. */
const HALF = "170141183460469231731687303715884105728";

const TYPES = [
  { value: "user_activity", label: "user_activity (key: userId)" },
  { value: "transaction", label: "transaction (key: customerId)" },
  { value: "system_metric", label: "system_metric (key: hostname)" },
];

export function RoutedRecordsTable({ result, limit = 12 }: { result: PutEventsResult; limit?: number }) {
  const shown = result.records.slice(0, limit);
  const halves = result.records.every((r) => !r.range || r.range.start === "0" || r.range.start === HALF);
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <p className="border-b border-border bg-surface px-3 py-2 text-xs text-muted">
        Kinesis reads the MD5 of the key as a 128-bit number and picks the shard whose range holds it.
        {halves ? " With two even shards, the first hex digit decides: 0–7 → shard 0, 8–f → shard 1." : ""}
      </p>
      <table className="w-full text-left text-xs" data-testid="put-records">
        <caption className="sr-only">Where each record went, and why</caption>
        <thead className="border-b border-border bg-surface-2 text-muted">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Partition key
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              MD5 of the key
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              = hash key
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              falls in the range of
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border bg-surface">
          {shown.map((r) => (
            <tr key={r.sequenceNumber} data-testid="put-record" data-shard={r.shardId}>
              <td className="px-3 py-1.5 font-mono whitespace-nowrap text-fg">{r.partitionKey}</td>
              <td className="px-3 py-1.5 font-mono whitespace-nowrap text-muted">
                <span className="font-semibold text-fg">{r.md5.slice(0, 1)}</span>
                {r.md5.slice(1)}
              </td>
              <td className="px-3 py-1.5 font-mono whitespace-nowrap text-muted" title={r.hashKey}>
                {shortHashKey(r.hashKey)}
              </td>
              <td className="px-3 py-1.5 whitespace-nowrap">
                <span className="font-mono font-semibold text-fg">{r.shardId.replace(/^shardId-0*(?=\d)/, "shard ")}</span>
                {r.range ? (
                  <span className="ml-1.5 font-mono text-subtle" title={`${r.range.start} – ${r.range.end}`}>
                    {shortHashKey(r.range.start)} – {shortHashKey(r.range.end)}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.records.length > shown.length ? <p className="border-t border-border px-3 py-1.5 text-xs text-muted">…and {result.records.length - shown.length} more.</p> : null}
    </div>
  );
}

export function KinesisProducerPanel({ labId, stepId }: LabPanelProps) {
  const id = useId();
  const [eventType, setEventType] = useState("user_activity");
  const [eventCount, setEventCount] = useState(10);
  const put = useLabAction(labId, stepId, "put-events");
  const result = put.result?.outcome.data as PutEventsResult | undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await put.run({ eventType, eventCount });
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-3 rounded-lg border border-border bg-surface p-4" aria-label="Put events" data-testid="put-events-form">
        <p className="text-xs text-muted">
          <span className="font-mono text-fg">POST /events</span> with this JSON body:
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="eventType" htmlFor={`${id}-type`}>
            <select id={`${id}-type`} value={eventType} onChange={(e) => setEventType(e.target.value)} className={`${inputClass} font-mono`}>
              {TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="eventCount" htmlFor={`${id}-count`} help="1 to 500 (one PutRecords call).">
            <input id={`${id}-count`} type="number" min={1} max={500} value={eventCount} onChange={(e) => setEventCount(Number(e.target.value))} className={inputClass} />
          </Field>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" busy={put.busy}>
            Put events
          </Button>
          {put.result ? (
            <p className="text-sm text-muted" data-testid="action-outcome" aria-live="polite">
              {put.result.outcome.message}
            </p>
          ) : null}
        </div>
        {put.error ? <ErrorNotice error={put.error} /> : null}
      </form>
      {result ? <RoutedRecordsTable result={result} /> : null}
      <div className="rounded-lg border border-border bg-surface p-4">
        <KinesisShards labId={labId} resourceKey="analyticsStream" limit={12} highlight={result?.records.map((r) => r.sequenceNumber)} summarize={summarizeEvent} />
      </div>
    </div>
  );
}
