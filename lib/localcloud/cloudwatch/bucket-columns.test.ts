import { describe, expect, it } from "vitest";
import { BucketColumns, type DataPoint } from "./bucket-columns";
import { aggregateOfValues, mergeInto } from "./statistics";

/** The same operations on a plain sorted array, the obviously-right way. */
class ReferenceBuckets {
  points: DataPoint[] = [];
  add(point: DataPoint) {
    const same = this.points.find((p) => p.timestamp === point.timestamp && p.unit === point.unit && p.resolution === point.resolution);
    if (same) return mergeInto(same, point);
    const i = this.points.findIndex((p) => p.timestamp > point.timestamp);
    this.points.splice(i === -1 ? this.points.length : i, 0, { ...point, samples: point.samples?.map(([v, c]) => [v, c]) });
  }
  removeRange(from: number, to: number) {
    return this.points.splice(from, to - from);
  }
}

function randomPoint(random: () => number): DataPoint {
  const values = Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * 4));
  return {
    timestamp: Math.floor(random() * 400) * 1000,
    resolution: random() < 0.2 ? 1 : 60,
    unit: random() < 0.8 ? "Count" : "Seconds",
    ...aggregateOfValues(values),
  };
}

describe("bucket columns", () => {
  it("keep the same buckets as a plain sorted list through adds, merges, removals and compaction", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const columns = new BucketColumns();
    const reference = new ReferenceBuckets();
    for (let step = 0; step < 5_000; step++) {
      const roll = random();
      if (roll < 0.8) {
        const point = randomPoint(random);
        columns.add({ ...point, samples: point.samples?.map(([v, c]) => [v, c]) });
        reference.add(point);
      } else if (reference.points.length > 0) {
        const from = roll < 0.9 ? 0 : Math.floor(random() * reference.points.length);
        const to = Math.min(reference.points.length, from + Math.floor(random() * 20));
        expect(columns.removeRange(from, to)).toEqual(reference.removeRange(from, to));
      }
      if (step % 250 === 0) {
        expect(columns.between(0, Number.POSITIVE_INFINITY)).toEqual(reference.points);
        expect(columns.highResolution).toBe(reference.points.filter((p) => p.resolution === 1).length);
      }
    }
    expect(columns.length).toBe(reference.points.length);
    expect(columns.between(100_000, 200_000)).toEqual(reference.points.filter((p) => p.timestamp >= 100_000 && p.timestamp < 200_000));
  });
});
