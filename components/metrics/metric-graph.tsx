"use client";
/**
 * One of the lab's CloudWatch graphs, live: a line per metric over the last minutes of the cloud's
 * clock, with the latest value of each and what healthy looks like. The browser asks for the
 * graph by its id; the lab defines the metrics on the server.
 */
import { useId, useState } from "react";
import type { GraphData } from "@/lib/lab-framework/inspect/metric-graphs";
import { useLive } from "@/lib/live/use-live";
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Spinner } from "@/components/ui/spinner";
import { MetricChart } from "./metric-chart";
import { TimeRangePicker } from "./time-range-picker";

export interface MetricGraphProps {
  labId: string;
  graphId: string;
  /** The window shown at first (minutes). */
  minutes?: number;
  className?: string;
}

export { niceMax } from "./metric-chart";

export function MetricGraph({ labId, graphId, minutes = 15, className }: MetricGraphProps) {
  const id = useId();
  const [range, setRange] = useState(minutes);
  const live = useLive<GraphData>(`/api/labs/${encodeURIComponent(labId)}/graphs/${encodeURIComponent(graphId)}?minutes=${range}`, undefined, { minMs: 5000, maxMs: 20_000 });
  const graph = live.data;
  const points = graph?.series.reduce((sum, s) => sum + s.points.length, 0) ?? 0;

  return (
    <section aria-labelledby={`${id}-title`} className={cx("rounded-lg border border-border bg-surface p-4", className)} data-testid={`graph-${graphId}`} data-points={points}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-fg">
          {graph?.title ?? "Graph"}
        </h3>
        {live.loading ? <Spinner label="Loading the graph" /> : null}
        <TimeRangePicker minutes={range} onChange={setRange} />
      </div>
      {live.error ? <ErrorNotice error={live.error} className="mt-3" /> : null}
      {graph ? <MetricChart graph={graph} /> : null}
    </section>
  );
}
