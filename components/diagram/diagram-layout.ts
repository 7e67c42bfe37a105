/**
 * Where the live diagram draws everything, in CSS pixels (the drawing is never scaled, so its text
 * keeps the sizes below): boxes on the lab's grid, as wide as the space allows; arrows from box
 * edge to box edge; each arrow's label in the first free spot near its arrow, never under a box
 * or another label. The column gap widens, when there is room, until the labels of arrows between
 * neighbours in a row fit on their arrows.
 */
import type { DiagramEdge, DiagramNode, DiagramSpec } from "@/lib/lab-framework/types";
import type { MeasureText, TextFont } from "./measure-text";

export const FONTS = {
  /** The box's name, narrowed step by step down to the last size before it is cut short. */
  name: [
    { size: 13, weight: 600 },
    { size: 12, weight: 600 },
    { size: 11, weight: 600 },
  ],
  kind: { size: 11, weight: 400 },
  figures: { size: 12, weight: 500 },
  edge: { size: 11.5, weight: 500 },
} satisfies Record<string, TextFont | TextFont[]>;

export const BOX = {
  minWidth: 132,
  comfortableWidth: 156,
  maxWidth: 210,
  textX: 12,
  padRight: 8,
  nameY: 19,
  kindY: 34,
  figuresY: 51,
  lineHeight: 15,
  padBottom: 10,
  figureLines: 2,
};
export const GAP = { minColumn: 40, maxColumn: 150, row: 48 };
export const PILL = { height: 19, padX: 7 };
/** How much of an arrow stays visible on each side of a label sitting on it. */
const ARROW_SHOWN = 14;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BoxLayout extends Rect {
  node: DiagramNode;
  /** `squeezeTo`: the width the name is drawn narrowed to, when it is a little too long. */
  name: { text: string; font: TextFont; cut: boolean; squeezeTo?: number };
  figures: string[];
  /** Whether the figures' lines had to leave some of the text out. */
  figuresCut: boolean;
}

export interface EdgeLayout {
  edge: DiagramEdge;
  start: { x: number; y: number };
  end: { x: number; y: number };
  label?: Rect & { text: string };
}

export interface DiagramLayout {
  /** The drawing's own coordinates: `viewBox` is x y width height. */
  viewBox: [number, number, number, number];
  boxes: BoxLayout[];
  edges: EdgeLayout[];
}

export interface LayoutInput {
  spec: DiagramSpec;
  /** The width to fill; the drawing grows past it (and scrolls) only below its minimum size. */
  width: number;
  nodeText(node: DiagramNode): string | undefined;
  edgeText(edge: DiagramEdge): string | undefined;
  measure: MeasureText;
}

function cutToWidth(text: string, width: number, font: TextFont, measure: MeasureText): string {
  if (measure(text, font) <= width) return text;
  let keep = text.length;
  while (keep > 1 && measure(`${text.slice(0, keep).trimEnd()}…`, font) > width) keep -= 1;
  return `${text.slice(0, keep).trimEnd()}…`;
}

/** How much narrower than its font draws it a name may be squeezed (glyphs keep their height). */
const NAME_SQUEEZE = 0.9;

function fitName(text: string, width: number, measure: MeasureText): BoxLayout["name"] {
  for (const font of FONTS.name) if (measure(text, font) <= width) return { text, font, cut: false };
  const font = FONTS.name[FONTS.name.length - 1];
  if (measure(text, font) * NAME_SQUEEZE <= width) return { text, font, cut: false, squeezeTo: width };
  return { text: cutToWidth(text, width, font, measure), font, cut: true };
}

/**
 * Wraps into at most `lines` lines, breaking between the " · " parts of a note first and between
 * words only inside a part too long for a line; the last line is cut short when text is left over.
 */
export function wrapText(text: string, width: number, lines: number, font: TextFont, measure: MeasureText): { lines: string[]; cut: boolean } {
  const fits = (t: string) => measure(t, font) <= width;
  // Each line with what joined it to the line before (" · " between parts, " " inside one).
  const out: Array<{ text: string; joiner: string }> = [];
  let line = "";
  let joiner = "";
  const close = (next: string) => {
    if (line) out.push({ text: line, joiner });
    line = "";
    joiner = next;
  };
  for (const part of text.split(" · ")) {
    if (line && fits(`${line} · ${part}`)) {
      line = `${line} · ${part}`;
      continue;
    }
    close(" · ");
    for (const word of part.split(" ")) {
      if (line && !fits(`${line} ${word}`)) close(" ");
      line = line ? `${line} ${word}` : word;
    }
  }
  close("");
  const kept = out.slice(0, lines - 1).map((l) => l.text);
  const rest = out.slice(lines - 1).map((l, i) => (i ? l.joiner : "") + l.text).join("");
  const whole = [...kept, ...(rest ? [rest] : [])];
  const shown = whole.map((l) => cutToWidth(l, width, font, measure));
  return { lines: shown, cut: shown.some((l, i) => l !== whole[i]) };
}

function overlap(a: Rect, b: Rect, margin = 0): number {
  const w = Math.min(a.x + a.w, b.x + b.w) + margin - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) + margin - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Where the line from a box's centre toward (dx, dy) leaves the box, `gap` pixels out. */
function exit(b: Rect, dx: number, dy: number, gap: number) {
  const t = Math.min(dx ? (b.w / 2 + gap) / Math.abs(dx) : Infinity, dy ? (b.h / 2 + gap) / Math.abs(dy) : Infinity);
  return { x: b.x + b.w / 2 + dx * t, y: b.y + b.h / 2 + dy * t };
}

function columnsFor(cols: number, width: number, labelGap: number) {
  let gap = Math.min(Math.max(labelGap, GAP.minColumn), GAP.maxColumn);
  let boxWidth = (width - (cols - 1) * gap) / cols;
  if (boxWidth < BOX.comfortableWidth && cols > 1) {
    gap = Math.max(GAP.minColumn, (width - cols * BOX.comfortableWidth) / (cols - 1));
    boxWidth = (width - (cols - 1) * gap) / cols;
  }
  boxWidth = Math.min(Math.max(boxWidth, BOX.minWidth), BOX.maxWidth);
  const used = cols * boxWidth + (cols - 1) * gap;
  return { gap, boxWidth, offset: Math.max(0, (width - used) / 2), used };
}

/** Spots to try for an edge's label, best first. */
function labelSpots(start: EdgeLayout["start"], end: EdgeLayout["end"], from: Rect, size: { w: number; h: number }) {
  const at = (t: number) => ({ x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t });
  const mid = at(0.5);
  const horizontal = Math.abs(end.y - start.y) < 1;
  const vertical = Math.abs(end.x - start.x) < 1;
  if (horizontal) {
    const below = from.y + from.h + 3;
    return [mid, { x: mid.x, y: below + size.h / 2 }, { x: mid.x, y: below + size.h * 1.5 + 2 }, { x: mid.x, y: from.y - 3 - size.h / 2 }];
  }
  if (vertical) {
    const down = end.y > start.y ? 1 : -1;
    const side = (s: number) => ({ x: mid.x + s * (size.w / 2 + 6), y: mid.y });
    // Either end of the gap between the rows, a label's height from the boxes (`end` is 3 px out).
    return [mid, { x: mid.x, y: end.y - down * (1 + size.h / 2) }, { x: mid.x, y: start.y + down * (1 + size.h / 2) }, side(1), side(-1)];
  }
  return [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75].map(at);
}

export function layoutDiagram({ spec, width, nodeText, edgeText, measure }: LayoutInput): DiagramLayout {
  const cols = Math.max(...spec.nodes.map((n) => n.col)) + 1;
  const rows = Math.max(...spec.nodes.map((n) => n.row)) + 1;
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const pillWidth = (text: string) => measure(text, FONTS.edge) + 2 * PILL.padX;

  const neighbourLabels = spec.edges
    .filter((e) => byId.get(e.from)?.row === byId.get(e.to)?.row && Math.abs((byId.get(e.from)?.col ?? 0) - (byId.get(e.to)?.col ?? 0)) === 1)
    .map((e) => edgeText(e))
    .filter((t): t is string => Boolean(t));
  const labelGap = neighbourLabels.length ? Math.max(...neighbourLabels.map(pillWidth)) + 2 * ARROW_SHOWN : 0;
  // A pixel kept free on each side for the boxes' outlines.
  const { gap, boxWidth, offset, used } = columnsFor(cols, width - 2, labelGap);
  const textWidth = boxWidth - BOX.textX - BOX.padRight;

  const texts = spec.nodes.map((node) => {
    const text = nodeText(node);
    return text ? wrapText(text, textWidth, BOX.figureLines, FONTS.figures, measure) : { lines: [], cut: false };
  });
  const lines = Math.max(1, ...texts.map((t) => t.lines.length));
  const boxHeight = BOX.figuresY + (lines - 1) * BOX.lineHeight + BOX.padBottom;

  const boxes: BoxLayout[] = spec.nodes.map((node, i) => ({
    node,
    x: 1 + offset + node.col * (boxWidth + gap),
    y: 1 + node.row * (boxHeight + GAP.row),
    w: boxWidth,
    h: boxHeight,
    name: fitName(node.label, textWidth, measure),
    figures: texts[i].lines,
    figuresCut: texts[i].cut,
  }));
  const boxOf = new Map(boxes.map((b) => [b.node.id, b]));
  const area: Rect = { x: 0, y: 0, w: Math.max(width, used + 2), h: rows * boxHeight + (rows - 1) * GAP.row + 2 };

  const edges: EdgeLayout[] = [];
  for (const edge of spec.edges) {
    const a = boxOf.get(edge.from);
    const b = boxOf.get(edge.to);
    if (!a || !b) continue;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    edges.push({ edge, start: exit(a, dx, dy, 2), end: exit(b, -dx, -dy, 3) });
  }

  // Labels of straight arrows have the fewest good spots: they choose first.
  const kind = (e: EdgeLayout) => (Math.abs(e.end.y - e.start.y) < 1 ? 0 : Math.abs(e.end.x - e.start.x) < 1 ? 1 : 2);
  const placed: Rect[] = [];
  for (const item of [...edges].sort((p, q) => kind(p) - kind(q))) {
    const text = edgeText(item.edge);
    if (!text) continue;
    const size = { w: pillWidth(text), h: PILL.height };
    let best: Rect | undefined;
    let bestCost = Infinity;
    for (const spot of labelSpots(item.start, item.end, boxOf.get(item.edge.from) as Rect, size)) {
      const rect = { x: spot.x - size.w / 2, y: spot.y - size.h / 2, ...size };
      const outside = size.w * size.h - overlap(rect, area);
      const cost = outside + boxes.reduce((sum, box) => sum + overlap(rect, box, 2), 0) + placed.reduce((sum, other) => sum + overlap(rect, other, 2), 0);
      if (cost < bestCost) [best, bestCost] = [rect, cost];
      if (cost === 0) break;
    }
    if (!best) continue;
    placed.push(best);
    item.label = { ...best, text };
  }

  // A label that found no room inside the area grows the drawing (with a pixel for its outline).
  const all: Rect[] = [area, ...placed.map((r) => ({ x: r.x - 1, y: r.y - 1, w: r.w + 2, h: r.h + 2 }))];
  const minX = Math.min(...all.map((r) => r.x));
  const minY = Math.min(...all.map((r) => r.y));
  const maxX = Math.max(...all.map((r) => r.x + r.w));
  const maxY = Math.max(...all.map((r) => r.y + r.h));
  return { viewBox: [minX, minY, maxX - minX, maxY - minY], boxes, edges };
}
