"use client";
/**
 * The lab's architecture, live: a box per part (client, API, function, queue, table…) with what
 * each resource holds right now (visible / in flight, items), and arrows whose labels the lab's
 * live state can fill in ("202", "in flight 1"). Reads the lab page's live snapshot: box figures
 * come from the resources, arrow labels and notes from `lab.live()`'s `diagram` field:
 *
 *   diagram: { nodes: { worker: "trigger on" }, edges: { toWorker: "in flight 1" }, active: ["toWorker"] }
 */
import type { DiagramEdge, DiagramNode, DiagramSpec, JsonValue, LiveResource } from "@/labs/framework/types";
import { useLabLive } from "@/components/lab/lab-live-context";
import { cx } from "@/components/ui/cx";

/** What `lab.live()` may return under `diagram` to label the drawing. */
export interface DiagramLiveState {
  nodes?: Record<string, string>;
  edges?: Record<string, string>;
  /** Edges drawn as busy (something is flowing there now). */
  active?: string[];
}

const CELL_W = 150;
const CELL_H = 100;
const BOX_H = 58;
/** About how wide a character of a box's bold 11.5 px label is. */
const LABEL_CHAR_W = 7;
const KIND_COLOUR: Record<DiagramNode["kind"], string> = {
  client: "var(--subtle)",
  api: "var(--subtle)",
  function: "var(--warn)",
  queue: "var(--accent)",
  table: "var(--ok)",
  database: "var(--ok)",
  stream: "var(--ring)",
  topic: "var(--ring)",
  pipe: "var(--ring)",
  alarm: "var(--err)",
};
const KIND_WORD: Record<DiagramNode["kind"], string> = {
  client: "client",
  api: "API",
  function: "function",
  queue: "SQS queue",
  table: "DynamoDB table",
  database: "database",
  stream: "stream",
  topic: "SNS topic",
  pipe: "pipe",
  alarm: "alarm",
};

function liveState(value: JsonValue | undefined): DiagramLiveState {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const record = value as Record<string, JsonValue>;
  const strings = (v: JsonValue | undefined) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : undefined;
  return {
    nodes: strings(record.nodes),
    edges: strings(record.edges),
    active: Array.isArray(record.active) ? record.active.map(String) : undefined,
  };
}

function box(node: DiagramNode) {
  const x = node.col * CELL_W + 8;
  const y = node.row * CELL_H + 4;
  return { x, y, w: CELL_W - 16, h: BOX_H, cx: x + (CELL_W - 16) / 2, cy: y + BOX_H / 2 };
}

/** Where the line from a box's centre toward (dx, dy) leaves the box. */
function exit(b: ReturnType<typeof box>, dx: number, dy: number, gap = 2) {
  const t = Math.min(dx ? (b.w / 2 + gap) / Math.abs(dx) : Infinity, dy ? (b.h / 2 + gap) / Math.abs(dy) : Infinity);
  return { x: b.cx + dx * t, y: b.cy + dy * t };
}

function figuresOf(resource: LiveResource | undefined): string | undefined {
  if (!resource) return undefined;
  if (resource.state === "missing") return "not created";
  if (resource.state !== "ready") return resource.state;
  return resource.figures.map((f) => `${f.value} ${f.label}`).join(" · ") || "exists";
}

export function LiveDiagram({ diagram, title = "Architecture", className }: { diagram: DiagramSpec; title?: string; className?: string }) {
  const live = useLabLive();
  const resources = new Map((live.data?.resources ?? []).map((r) => [r.key, r]));
  const state = liveState(live.data?.lab.diagram);
  const active = new Set(state.active ?? []);
  const cols = Math.max(...diagram.nodes.map((n) => n.col)) + 1;
  const rows = Math.max(...diagram.nodes.map((n) => n.row)) + 1;
  const width = cols * CELL_W;
  const height = (rows - 1) * CELL_H + BOX_H + 8;
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));

  const nodeText = (node: DiagramNode) => state.nodes?.[node.id] ?? (node.resource ? figuresOf(resources.get(node.resource)) : undefined) ?? node.note;
  const edgeText = (edge: DiagramEdge) => state.edges?.[edge.id] ?? edge.label;
  const summary = [
    ...diagram.nodes.map((n) => `${n.label}${nodeText(n) ? ` (${nodeText(n)})` : ""}`),
    ...diagram.edges.map((e) => `${byId.get(e.from)?.label} to ${byId.get(e.to)?.label}${edgeText(e) ? `: ${edgeText(e)}` : ""}`),
  ].join("; ");

  return (
    <section aria-label={title} className={cx("rounded-lg border border-border bg-surface p-3", className)} data-testid="live-diagram">
      <h2 className="px-1 text-sm font-semibold text-fg">{title}</h2>
      <svg viewBox={`0 0 ${width} ${height}`} className="mt-2 w-full" role="img" aria-label={summary}>
        <defs>
          <marker id="diagram-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="var(--border-strong)" />
          </marker>
          <marker id="diagram-arrow-active" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="var(--accent)" />
          </marker>
        </defs>
        {diagram.edges.map((edge) => {
          const from = byId.get(edge.from);
          const to = byId.get(edge.to);
          if (!from || !to) return null;
          const a = box(from);
          const b = box(to);
          const dx = b.cx - a.cx;
          const dy = b.cy - a.cy;
          const start = exit(a, dx, dy);
          const end = exit(b, -dx, -dy, 3);
          const busy = active.has(edge.id);
          const text = edgeText(edge);
          const mx = (start.x + end.x) / 2;
          // Boxes side by side leave no room between them: the label goes under the arrow, at the top of the gap
          // below the row; a label between rows sits at the bottom of its gap, so the two never meet.
          const my = from.row === to.row ? a.y + BOX_H + 9 : from.col === to.col ? end.y + (end.y > start.y ? -13 : 13) : (start.y + end.y) / 2;
          const labelWidth = text ? Math.min(CELL_W - 10, text.length * 5.6 + 10) : 0;
          return (
            <g key={edge.id} data-testid={`diagram-edge-${edge.id}`} data-label={text ?? ""} data-active={busy}>
              <line
                x1={start.x}
                y1={start.y}
                x2={end.x}
                y2={end.y}
                stroke={busy ? "var(--accent)" : "var(--border-strong)"}
                strokeWidth={busy ? 2 : 1.5}
                strokeDasharray={busy ? "5 4" : edge.dashed ? "3 4" : undefined}
                markerEnd={`url(#${busy ? "diagram-arrow-active" : "diagram-arrow"})`}
              >
                {busy ? <animate attributeName="stroke-dashoffset" from="18" to="0" dur="0.8s" repeatCount="indefinite" /> : null}
              </line>
              {text ? (
                <g>
                  <rect x={mx - labelWidth / 2} y={my - 8} width={labelWidth} height={16} rx={8} fill="var(--surface-2)" stroke="var(--border)" />
                  <text x={mx} y={my + 3.5} textAnchor="middle" fontSize={10} fill="var(--fg)">
                    {text}
                  </text>
                </g>
              ) : null}
            </g>
          );
        })}
        {diagram.nodes.map((node) => {
          const b = box(node);
          const resource = node.resource ? resources.get(node.resource) : undefined;
          const missing = resource?.state === "missing";
          const text = nodeText(node);
          return (
            <g key={node.id} data-testid={`diagram-node-${node.id}`} data-text={text ?? ""} opacity={missing ? 0.6 : 1}>
              <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={7} fill="var(--surface)" stroke="var(--border-strong)" strokeDasharray={missing ? "4 3" : undefined} />
              <rect x={b.x} y={b.y + 6} width={3} height={b.h - 12} rx={1.5} fill={KIND_COLOUR[node.kind]} />
              <text
                x={b.x + 10}
                y={b.y + 17}
                fontSize={11.5}
                fontWeight={600}
                fill="var(--fg)"
                // A long name is narrowed to fit its box instead of running over its edge.
                {...(node.label.length * LABEL_CHAR_W > b.w - 16 ? { textLength: b.w - 16, lengthAdjust: "spacingAndGlyphs" } : {})}
              >
                {node.label}
              </text>
              <text x={b.x + 10} y={b.y + 31} fontSize={9.5} fill="var(--subtle)">
                {KIND_WORD[node.kind]}
              </text>
              {text ? (
                <text x={b.x + 10} y={b.y + 47} fontSize={10.5} fontWeight={500} fill="var(--fg)" className="tabular-nums">
                  {text}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </section>
  );
}
