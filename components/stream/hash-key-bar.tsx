/**
 * The hash key space of a stream, from 0 to 2^128 − 1, split into its shards' ranges, with a tick
 * for each record (where the MD5 of its partition key falls) and for a probed key.
 */
import { cx } from "@/components/ui/cx";
import { keySpaceFraction, rangeShare, type HashKeyRange } from "@/lib/lab-framework/inspect/stream/hash-key-space";

export interface HashKeyMark {
  hashKey: string;
  label: string;
  highlight?: boolean;
}

const SHARD_TONES = ["bg-accent-soft", "bg-warn-soft", "bg-ok-soft", "bg-surface-2"];

export function shardTone(index: number): string {
  return SHARD_TONES[index % SHARD_TONES.length];
}

export function HashKeyBar({
  shards,
  marks = [],
  probe,
  className,
}: {
  shards: Array<{ shardId: string; hashKeyRange: HashKeyRange }>;
  marks?: HashKeyMark[];
  probe?: HashKeyMark;
  className?: string;
}) {
  return (
    <figure className={cx("space-y-1", className)} aria-label="Hash key space, split into shards" data-testid="hash-key-bar">
      <div className="relative h-9 overflow-hidden rounded-md border border-border">
        {shards.map((shard, index) => {
          const left = keySpaceFraction(shard.hashKeyRange.start) * 100;
          const right = keySpaceFraction(shard.hashKeyRange.end) * 100;
          return (
            <div
              key={shard.shardId}
              className={cx("absolute inset-y-0 flex items-center justify-center border-r border-border text-[11px] font-medium text-muted last:border-r-0", shardTone(index))}
              style={{ left: `${left}%`, width: `${Math.max(0.5, right - left)}%` }}
              title={`${shard.shardId}: ${shard.hashKeyRange.start} – ${shard.hashKeyRange.end}`}
            >
              <span className="truncate px-1 font-mono">{shard.shardId.replace(/^shardId-0*/, "shard ")}</span>
              <span className="ml-1 hidden text-subtle sm:inline">{rangeShare(shard.hashKeyRange)}</span>
            </div>
          );
        })}
        {marks.map((mark, index) => (
          <span
            key={`${mark.hashKey}-${index}`}
            aria-hidden
            title={mark.label}
            className={cx("absolute bottom-0 w-px", mark.highlight ? "h-full bg-accent" : "h-2.5 bg-fg/50")}
            style={{ left: `${keySpaceFraction(mark.hashKey) * 100}%` }}
          />
        ))}
        {probe ? (
          <span
            aria-hidden
            title={probe.label}
            className="absolute inset-y-0 w-0.5 bg-err"
            style={{ left: `${keySpaceFraction(probe.hashKey) * 100}%` }}
          />
        ) : null}
      </div>
      <figcaption className="flex justify-between font-mono text-[11px] text-subtle">
        <span>0</span>
        <span>2^127</span>
        <span>2^128 − 1</span>
      </figcaption>
    </figure>
  );
}
