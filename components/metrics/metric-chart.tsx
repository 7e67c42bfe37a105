"use client";
/**
 * A CloudWatch graph as the workbook draws it: a line per series over the window, the y axis from
 * 0 to a round ceiling, the latest value of each series in the legend. Presentational: the lab's
 * graphs (MetricGraph) and the dashboard renderer both draw with it.
 */
import type { GraphData } from "@/lib/lab-framework/inspect/metric-graphs";

const COLOURS = ["var(--accent)", "var(--warn)", "var(--ring)", "var(--err)", "var(--ok)", "var(--subtle)"];
const WIDTH = 560;
const HEIGHT = 170;
const PAD = { left: 36, right: 10, top: 10, bottom: 22 };

/** A round ceiling for the y axis: 1, 2, 5, 10, 20, 50… */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

export function formatValue(value: number): string {
  if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(value >= 10_000 ? 0 : 1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

export function MetricChart({ graph }: { graph: GraphData }) {
  const all = graph.series.flatMap((s) => s.points.map((p) => p[1]));
  const top = niceMax(Math.max(0, ...all));
  const span = graph.end - graph.start || 1;
  const x = (t: number) => PAD.left + ((t - graph.start) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / top) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => graph.start + f * span);
  const hasData = all.length > 0;
  return (
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
        {ticks.map((t, i) => (
          // The first and last labels sit inside the chart instead of running off its edges.
          <text key={t} x={x(t)} y={HEIGHT - 6} textAnchor={i === 0 ? "start" : i === ticks.length - 1 ? "end" : "middle"} fontSize={10} fill="var(--subtle)">
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
  );
}
