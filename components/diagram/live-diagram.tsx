"use client";
/**
 * The lab's architecture, live: a box per part (client, API, function, queue, table…) with what
 * each resource holds right now (visible / in flight, items), and arrows whose labels the lab's
 * live state can fill in ("202", "in flight 1"). Reads the lab page's live snapshot: box figures
 * come from the resources, arrow labels and notes from `lab.live()`'s `diagram` field:
 *
 *   diagram: { nodes: { worker: "trigger on" }, edges: { toWorker: "in flight 1" }, active: ["toWorker"] }
 *
 * It is drawn at its real size across the width it is given (diagram-layout.ts), so its text is
 * never scaled down; below its smallest size it scrolls sideways instead.
 */
import { useId, useRef, useState } from "react";
import type { DiagramEdge, DiagramNode, DiagramSpec, JsonValue, LiveResource } from "@/lib/lab-framework/types";
import { useLabLive } from "@/components/lab/lab-live-context";
import { cx } from "@/components/ui/cx";
import { FONTS, BOX, PILL, layoutDiagram } from "./diagram-layout";
import { estimateTextWidth } from "./measure-text";
import { useDrawingRoom } from "./use-drawing-room";

/** What `lab.live()` may return under `diagram` to label the drawing. */
export interface DiagramLiveState {
  nodes?: Record<string, string>;
  edges?: Record<string, string>;
  /** Edges drawn as busy (something is flowing there now). */
  active?: string[];
}

/** The width drawn for before the page is measured (the main column of a laptop-sized window). */
const FIRST_WIDTH = 600;
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

function figuresOf(resource: LiveResource | undefined): string | undefined {
  if (!resource) return undefined;
  if (resource.state === "missing") return "not created";
  if (resource.state !== "ready") return resource.state;
  return resource.figures.map((f) => `${f.value} ${f.label}`).join(" · ") || "exists";
}

export function LiveDiagram({
  diagram,
  title = "Architecture",
  className,
  collapsible = false,
}: {
  diagram: DiagramSpec;
  title?: string;
  className?: string;
  /** Offers a button that folds the drawing away (it starts open). */
  collapsible?: boolean;
}) {
  const live = useLabLive();
  const room = useRef<HTMLDivElement>(null);
  const { width, measure } = useDrawingRoom(room);
  const [open, setOpen] = useState(true);
  const ids = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const resources = new Map((live.data?.resources ?? []).map((r) => [r.key, r]));
  const state = liveState(live.data?.lab.diagram);
  const active = new Set(state.active ?? []);
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));

  const nodeText = (node: DiagramNode) => state.nodes?.[node.id] ?? (node.resource ? figuresOf(resources.get(node.resource)) : undefined) ?? node.note;
  const edgeText = (edge: DiagramEdge) => state.edges?.[edge.id] ?? edge.label;
  const layout = layoutDiagram({ spec: diagram, width: width ?? FIRST_WIDTH, nodeText, edgeText, measure: measure ?? estimateTextWidth });
  const summary = [
    ...diagram.nodes.map((n) => `${n.label}${nodeText(n) ? ` (${nodeText(n)})` : ""}`),
    ...diagram.edges.map((e) => `${byId.get(e.from)?.label} to ${byId.get(e.to)?.label}${edgeText(e) ? `: ${edgeText(e)}` : ""}`),
  ].join("; ");
  const [vx, vy, vw, vh] = layout.viewBox;

  return (
    <section aria-label={title} className={cx("rounded-lg border border-border bg-surface", className)} data-testid="live-diagram">
      <div className="flex items-center gap-3 px-4 py-3">
        <h2 className="text-sm font-semibold text-fg">{title}</h2>
        {collapsible ? (
          <button
            type="button"
            aria-expanded={open}
            aria-controls={`${ids}-drawing`}
            onClick={() => setOpen((o) => !o)}
            className="ml-auto rounded px-1 text-xs text-muted underline underline-offset-2 hover:text-fg"
          >
            {open ? "Hide" : "Show"}
          </button>
        ) : null}
      </div>
      <div ref={room} id={`${ids}-drawing`} hidden={!open} className="overflow-x-auto px-3 pb-3">
        <svg width={vw} height={vh} viewBox={`${vx} ${vy} ${vw} ${vh}`} className="block max-w-none" role="img" aria-label={summary}>
          <defs>
            <marker id={`${ids}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="var(--border-strong)" />
            </marker>
            <marker id={`${ids}-arrow-active`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="var(--accent)" />
            </marker>
          </defs>
          {layout.edges.map(({ edge, start, end }) => {
            const busy = active.has(edge.id);
            return (
              <line
                key={edge.id}
                x1={start.x}
                y1={start.y}
                x2={end.x}
                y2={end.y}
                stroke={busy ? "var(--accent)" : "var(--border-strong)"}
                strokeWidth={busy ? 2 : 1.5}
                strokeDasharray={busy ? "5 4" : edge.dashed ? "3 4" : undefined}
                markerEnd={`url(#${ids}-arrow${busy ? "-active" : ""})`}
              >
                {busy ? <animate attributeName="stroke-dashoffset" from="18" to="0" dur="0.8s" repeatCount="indefinite" /> : null}
              </line>
            );
          })}
          {layout.boxes.map((b) => {
            const { node } = b;
            const resource = node.resource ? resources.get(node.resource) : undefined;
            const missing = resource?.state === "missing";
            const text = nodeText(node);
            const left = b.x + BOX.textX;
            return (
              <g key={node.id} data-testid={`diagram-node-${node.id}`} data-text={text ?? ""} opacity={missing ? 0.6 : 1}>
                {b.name.cut || b.figuresCut ? <title>{`${node.label}${text ? `: ${text}` : ""}`}</title> : null}
                <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={7} fill="var(--surface)" stroke="var(--border-strong)" strokeDasharray={missing ? "4 3" : undefined} />
                <rect x={b.x} y={b.y + 6} width={3} height={b.h - 12} rx={1.5} fill={KIND_COLOUR[node.kind]} />
                <text
                  x={left}
                  y={b.y + BOX.nameY}
                  fontSize={b.name.font.size}
                  fontWeight={b.name.font.weight}
                  fill="var(--fg)"
                  {...(b.name.squeezeTo ? { textLength: b.name.squeezeTo, lengthAdjust: "spacingAndGlyphs" } : {})}
                >
                  {b.name.text}
                </text>
                <text x={left} y={b.y + BOX.kindY} fontSize={FONTS.kind.size} fill="var(--subtle)">
                  {KIND_WORD[node.kind]}
                </text>
                {b.figures.map((line, i) => (
                  <text key={i} x={left} y={b.y + BOX.figuresY + i * BOX.lineHeight} fontSize={FONTS.figures.size} fontWeight={FONTS.figures.weight} fill="var(--fg)" className="tabular-nums">
                    {line}
                  </text>
                ))}
              </g>
            );
          })}
          {layout.edges.map(({ edge, label }) => {
            const busy = active.has(edge.id);
            return (
              <g key={edge.id} data-testid={`diagram-edge-${edge.id}`} data-label={edgeText(edge) ?? ""} data-active={busy}>
                {label ? (
                  <>
                    <rect x={label.x} y={label.y} width={label.w} height={label.h} rx={PILL.height / 2} fill="var(--surface-2)" stroke={busy ? "var(--accent)" : "var(--border)"} />
                    <text x={label.x + label.w / 2} y={label.y + label.h / 2 + FONTS.edge.size * 0.35} textAnchor="middle" fontSize={FONTS.edge.size} fontWeight={FONTS.edge.weight} fill="var(--fg)">
                      {label.text}
                    </text>
                  </>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
    </section>
  );
}
