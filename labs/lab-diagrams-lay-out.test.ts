import { describe, expect, it } from "vitest";
import { labs } from "@/labs/registry";
import type { DiagramSpec } from "@/lib/lab-framework/types";
import { layoutDiagram, type Rect } from "@/components/diagram/diagram-layout";
import { estimateTextWidth } from "@/components/diagram/measure-text";

/** The diagram's room in the main column: 1280 and 1440 px windows, and 800 px where the columns stack. */
const WIDTHS = [612, 772, 726];
/** The longest live texts the labs' `live()` sends for their boxes and arrows (labs/<lab>/live.ts). */
const LIVE_EDGES: Record<string, Record<string, string>> = {
  "cafe-sqs": { trigger: "trigger on · batch 10" },
  "dynamodb-streams-pipes": { "queue-pipe": "competes", "table-pipe": "INSERT · HIGH", "queue-worker": "in flight 10" },
  "sqs-vs-kinesis": { toQueueProcessor: "12 batches · 60 done", toStreamProcessor: "retrying · 2 shards waiting" },
  "sns-fanout": { "to-orders": "raw", "to-large": "last order: filtered out" },
  "fifo-idempotency": { save: "120 saved · 14 skipped" },
};
const LONG_FIGURES: Record<string, string> = {
  queue: "120 visible · 10 in flight · 5 delayed",
  table: "2000+ items · NEW_AND_OLD_IMAGES stream",
  stream: "2 shards · 24 retention h",
  topic: "3 subscriptions · 1 pending",
  alarm: "state: insufficient data",
};

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

const diagrams = labs.filter((lab) => lab.diagram).map((lab) => [lab.id, lab.diagram as DiagramSpec] as const);

describe("every lab's live diagram", () => {
  it("has every lab's diagram to lay out", () => {
    expect(diagrams.map(([id]) => id)).toEqual(expect.arrayContaining(Object.keys(LIVE_EDGES)));
  });

  describe.each(diagrams)("%s", (id, spec) => {
    it.each(WIDTHS)("at %i px: fits the width, every arrow's label clear of the boxes and of each other", (width) => {
      for (const long of [false, true]) {
        const layout = layoutDiagram({
          spec,
          width,
          nodeText: (node) => (long ? (LONG_FIGURES[node.kind] ?? node.note) : node.note),
          edgeText: (edge) => (long ? (LIVE_EDGES[id][edge.id] ?? edge.label) : edge.label),
          measure: estimateTextWidth,
        });
        expect(layout.viewBox[2]).toBeLessThanOrEqual(width);
        const labels = layout.edges.flatMap((e) => (e.label ? [e.label] : []));
        expect(labels).toHaveLength(spec.edges.filter((e) => (long && LIVE_EDGES[id][e.id]) || e.label).length);
        for (const label of labels) {
          for (const box of layout.boxes) expect(overlaps(label, box), `${label.text} over ${box.node.id}`).toBe(false);
          for (const other of labels) if (other !== label) expect(overlaps(label, other), `${label.text} over ${other.text}`).toBe(false);
        }
        for (const box of layout.boxes) {
          expect(box.name.font.size).toBeGreaterThanOrEqual(11);
          expect(box.name.squeezeTo ?? estimateTextWidth(box.name.text, box.name.font)).toBeLessThanOrEqual(box.w - 12);
          for (const line of box.figures) expect(estimateTextWidth(line, { size: 12, weight: 500 })).toBeLessThanOrEqual(box.w - 12);
        }
      }
    });
  });

  it("scrolls rather than shrinks below its smallest size", () => {
    const [, spec] = diagrams.find(([id]) => id === "sns-fanout") ?? [];
    const layout = layoutDiagram({ spec: spec as DiagramSpec, width: 300, nodeText: () => undefined, edgeText: () => undefined, measure: estimateTextWidth });
    expect(Math.min(...layout.boxes.map((b) => b.w))).toBeGreaterThanOrEqual(132);
    expect(layout.viewBox[2]).toBeGreaterThan(300);
  });
});
