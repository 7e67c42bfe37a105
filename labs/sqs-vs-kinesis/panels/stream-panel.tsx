"use client";
/**
 * Step 3's panel: how long the stream has been creating, then its shards and their hash key ranges.
 */
import { useEffect, useState } from "react";
import { useLabLive } from "@/components/lab/panel-kit";
import { KinesisShards } from "@/components/stream/kinesis-shards";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { summarizeEvent } from "./event-summary";

/** Kinesis usually needs well under a minute; the bar fills over this and then waits. */
const TYPICAL_CREATE_SECONDS = 30;

export function StreamPanel({ labId }: LabPanelProps) {
  const live = useLabLive();
  const state = live.data?.resources.find((r) => r.key === "analyticsStream")?.state;
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (state !== "creating") return;
    const started = Date.now();
    const timer = setInterval(() => setElapsed(Math.round((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [state]);

  return (
    <div className="space-y-3 rounded-lg border border-border bg-surface p-4">
      {state === "creating" ? (
        <div className="space-y-1.5" data-testid="stream-creating">
          <div className="flex items-baseline justify-between text-sm">
            <span className="text-fg">The stream is CREATING…</span>
            <span className="font-mono text-xs text-muted tabular-nums">{elapsed} s</span>
          </div>
          <ProgressBar value={Math.min(elapsed, TYPICAL_CREATE_SECONDS - 1)} max={TYPICAL_CREATE_SECONDS} label="Creating the stream" />
          <p className="text-xs text-muted">On AWS this usually takes under a minute; on the local cloud a few seconds of its clock (fast-forward to skip them).</p>
        </div>
      ) : null}
      <KinesisShards labId={labId} resourceKey="analyticsStream" limit={10} summarize={summarizeEvent} />
    </div>
  );
}
