"use client";
/**
 * One of the lab's CloudWatch graphs, live: a line per metric over the last minutes of the cloud's
 * clock, with the latest value of each and what healthy looks like. The browser asks for the
 * graph by its id; the lab defines the metrics on the server.
 */
import { useId, useState } from "react";
import type { GraphData } from "@/labs/framework/inspect/metric-graphs";
import { useLive } from "@/lib/live/use-live";
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Spinner } from "@/components/ui/spinner";

const COLOURS = ["var(--accent)", "var(--warn)", "var(--ring)", "var(--err)", "var(--ok)", "var(--subtle)"];
const RANGES = [
  { minutes: 15, label: "15 min" },
  { minutes: 60, label: "1 h" },
  { minutes: 180, label: "3 h" },
];
const WIDTH = 560;
const HEIGHT = 170;
const PAD = { left: 36, right: 10, top: 10, bottom: 22 };

export interface MetricGraphProps {
  labId: string;
  graphId: string;
  /** The window shown at first (minutes). */
  minutes?: number;
  className?: string;
}

/** A round ceiling for the y axis: 1, 2, 5, 10, 20, 50… */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

function formatValue(value: number): string {
  if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(value >= 10_000 ? 0 : 1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

export function MetricGraph({ labId, graphId, minutes = 15, className }: MetricGraphProps) {
  const id = useId();
  const [range, setRange] = useState(minutes);
  const live = useLive<GraphData>(`/api/labs/${encodeURIComponent(labId)}/graphs/${encodeURIComponent(graphId)}?minutes=${range}`, undefined, { minMs: 5000, maxMs: 20_000 });
  const graph = live.data;
  const all = graph?.series.flatMap((s) => s.points.map((p) => p[1])) ?? [];
  const top = niceMax(Math.max(0, ...all));
  const span = graph ? graph.end - graph.start : 1;
  const x = (t: number) => PAD.left + ((t - (graph?.start ?? 0)) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / top) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = graph ? [0, 0.25, 0.5, 0.75, 1].map((f) => graph.start + f * span) : [];
  const hasData = all.length > 0;

  return (
    <section aria-labelledby={`${id}-title`} className={cx("rounded-lg border border-border bg-surface p-4", className)} data-testid={`graph-${graphId}`} data-points={all.length}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-fg">
          {graph?.title ?? "Graph"}
        </h3>
        {live.loading ? <Spinner label="Loading the graph" /> : null}
        <div className="ml-auto flex gap-1" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <button
              key={r.minutes}
              type="button"
              onClick={() => setRange(r.minutes)}
              aria-pressed={range === r.minutes}
              className={cx("rounded px-2 py-0.5 text-xs", range === r.minutes ? "bg-accent-soft font-medium text-fg" : "text-muted hover:bg-surface-2")}
            >
              {r.label}
            </button>
          ))}
        </div>
      </div>
      {live.error ? <ErrorNotice error={live.error} className="mt-3" /> : null}
      {graph ? (
        <>
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="mt-2 w-full" role="img" aria-label={`${graph.title}: ${graph.series.map((s) => `${s.label} ${s.points.length ? formatValue(s.points[s.points.length - 1][1]) : "no data"}`).join(", ")}`}>
            {[0, 0.5, 1].map((f) => (
              <g key={f}>
                <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(top * f)} y2={y(top * f)} stroke="var(--border)" strokeWidth={1} />
                <text x={PAD.left - 6} y={y(top * f) + 3.5} textAnchor="end" fontSize={10} fill="var(--subtle)">
                  {formatValue(top * f)}
                </text>
              </g>
            ))}
            {ticks.map((t) => (
              <text key={t} x={x(t)} y={HEIGHT - 6} textAnchor="middle" fontSize={10} fill="var(--subtle)">
                {hhmm(t)}
              </text>
            ))}
            {graph.series.map((series, i) => {
              const colour = COLOURS[i % COLOURS.length];
              const path = series.points.map(([t, v], j) => `${j ? "L" : "M"}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
              return (
                <g key={series.id}>
                  {series.points.length > 1 ? <path d={path} fill="none" stroke={colour} strokeWidth={2} strokeLinejoin="round" /> : null}
                  {series.points.map(([t, v]) => (
                    <circle key={t} cx={x(t)} cy={y(v)} r={2.5} fill={colour} />
                  ))}
                </g>
              );
            })}
            {!hasData ? (
              <text x={WIDTH / 2} y={HEIGHT / 2} textAnchor="middle" fontSize={12} fill="var(--muted)">
                No data points in this window yet.
              </text>
            ) : null}
          </svg>
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
            {graph.series.map((series, i) => {
              const last = series.points[series.points.length - 1];
              return (
                <li key={series.id} className="flex items-center gap-1.5" data-testid={`series-${series.id}`} data-latest={last ? last[1] : ""}>
                  <span aria-hidden className="inline-block h-0.5 w-3 rounded" style={{ background: COLOURS[i % COLOURS.length] }} />
                  {series.label}
                  <span className="font-mono font-semibold text-fg tabular-nums">{last ? formatValue(last[1]) : "—"}</span>
                </li>
              );
            })}
          </ul>
          <p className="mt-1.5 text-xs text-muted">
            {graph.periodSeconds} s per point{graph.unit ? `, ${graph.unit}` : ""}, UTC.{graph.healthy ? ` Healthy: ${graph.healthy}` : ""}
          </p>
        </>
      ) : null}
    </section>
  );
}
