import { describe, expect, it } from "vitest";
import { compareCounts } from "./metric-agreement";

const quietQueues = { queue: { visible: 0, inFlight: 0 }, dlq: { visible: 1, inFlight: 0 } };

describe("counters against the table and the queues", () => {
  it("agrees after a crash (saved once, skipped once, deleted once) and an invalid message in the DLQ", () => {
    const result = compareCounts({
      metrics: { MessagesSaved: 5, DuplicateMessages: 3, MessagesDeleted: 6, InvalidMessages: 1 },
      table: { items: 5, skippedDuplicates: 1, skippedRedeliveries: 2 },
      ...quietQueues,
    });
    expect(result.rows.map((r) => [r.metric, r.metricValue, r.expected, r.agrees])).toEqual([
      ["MessagesSaved", 5, 5, true],
      ["DuplicateMessages", 3, 3, true],
      ["MessagesDeleted", 6, 6, true],
      ["InvalidMessages", 1, 1, true],
    ]);
    expect(result).toMatchObject({ quiet: true, agrees: true, notDeleted: 2 });
  });

  it("names the row that disagrees", () => {
    const result = compareCounts({
      metrics: { MessagesSaved: 6, DuplicateMessages: 0, MessagesDeleted: 5, InvalidMessages: 1 },
      table: { items: 5, skippedDuplicates: 0, skippedRedeliveries: 0 },
      ...quietQueues,
    });
    expect(result.agrees).toBe(false);
    expect(result.rows.filter((r) => !r.agrees).map((r) => r.metric)).toEqual(["MessagesSaved"]);
  });

  it("never agrees while messages are still in the queue", () => {
    const result = compareCounts({ metrics: {}, table: { items: 0, skippedDuplicates: 0, skippedRedeliveries: 0 }, queue: { visible: 0, inFlight: 2 }, dlq: { visible: 0, inFlight: 0 } });
    expect(result.rows.every((r) => r.agrees)).toBe(true);
    expect(result).toMatchObject({ quiet: false, agrees: false });
  });

  it("reads missing metrics (nothing published yet) as zero", () => {
    const result = compareCounts({ metrics: {}, table: { items: 2, skippedDuplicates: 0, skippedRedeliveries: 0 }, ...quietQueues });
    expect(result.rows[0]).toMatchObject({ metricValue: 0, expected: 2, agrees: false });
  });
});
