import { describe, expect, it } from "vitest";
import type { DiagramSpec } from "@/lib/lab-framework/types";
import { layoutDiagram, wrapText, type Rect } from "./diagram-layout";
import { estimateTextWidth } from "./measure-text";

/** Each lab's own diagram is laid out at the page's widths in labs/lab-diagrams-lay-out.test.ts. */
describe("the live diagram's layout", () => {
  it("puts a label that fits between two neighbours on their arrow", () => {
    const spec: DiagramSpec = {
      nodes: [
        { id: "a", label: "A", kind: "client", row: 0, col: 0 },
        { id: "b", label: "B", kind: "queue", row: 0, col: 1 },
      ],
      edges: [{ id: "ab", from: "a", to: "b", label: "SendMessage" }],
    };
    const layout = layoutDiagram({ spec, width: 600, nodeText: () => undefined, edgeText: (e) => e.label, measure: estimateTextWidth });
    const [edge] = layout.edges;
    const label = edge.label as Rect;
    expect(label.y).toBeLessThan(edge.start.y);
    expect(label.y + label.h).toBeGreaterThan(edge.start.y);
    expect(label.x).toBeGreaterThan(edge.start.x);
    expect(label.x + label.w).toBeLessThan(edge.end.x);
  });

  it("wraps a note between its parts first, then between words, and cuts what two lines cannot hold", () => {
    const font = { size: 10, weight: 400 };
    const measure = (text: string) => text.length * 10;
    expect(wrapText("2 shards · 24 retention h", 140, 2, font, measure)).toEqual({ lines: ["2 shards", "24 retention h"], cut: false });
    expect(wrapText("0 visible · 2 in flight", 300, 2, font, measure)).toEqual({ lines: ["0 visible · 2 in flight"], cut: false });
    expect(wrapText("reads the stream · running", 140, 2, font, measure)).toEqual({ lines: ["reads the", "stream · runn…"], cut: true });
    expect(wrapText("12 items · NEW_AND_OLD_IMAGES stream", 190, 2, font, measure)).toEqual({ lines: ["12 items", "NEW_AND_OLD_IMAGES…"], cut: true });
  });
});
