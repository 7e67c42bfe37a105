/**
 * The stream processor's analytics: counts by type, active users, transactions by status and
 * their average, metric averages and maxima, alerts strictly above 80 % CPU and 90 % memory;
 * summaries of batches merge into the summary of all their events.
 */
import { describe, expect, it } from "vitest";
import { analyticsFigures, emptySummary, mergeSummaries, summarizeEvents, ALERTS_KEPT } from "./analytics";
import { buildEvents } from "./handlers/analytics-events";

const activity = (userId: string) => ({ eventType: "user_activity", userId, action: "click" });
const transaction = (amount: number, status: string) => ({ eventType: "transaction", customerId: "CUST-1", amount, status });
const metric = (metricName: string, value: number, hostname = "server-01", unit = "percent") => ({ eventType: "system_metric", metricName, value, hostname, unit, timestamp: `2025-01-01T00:00:${String(Math.floor(value) % 60).padStart(2, "0")}Z` });

describe("analytics aggregation", () => {
  it("counts events by type and users by their actions", () => {
    const figures = analyticsFigures(summarizeEvents([activity("U1"), activity("U2"), activity("U1"), transaction(10, "completed"), { eventType: "page_load" }, "not an object", null]));
    expect(figures.records).toBe(7);
    expect(figures.byType).toEqual({ user_activity: 3, transaction: 1, page_load: 1, unknown: 2 });
    expect(figures.activeUsers).toBe(2);
    expect(figures.mostActiveUser).toEqual({ userId: "U1", actions: 2 });
  });

  it("totals transactions by status and averages over every transaction counted", () => {
    const figures = analyticsFigures(summarizeEvents([transaction(100.1, "completed"), transaction(0.2, "completed"), transaction(50, "failed"), transaction(25.55, "pending"), { eventType: "transaction", status: "completed" }]));
    expect(figures.transactionCount).toBe(5);
    expect(figures.transactionTotal).toBe(175.85);
    // 175.85 / 5, not the write-up's total over completed and pending only.
    expect(figures.averageTransaction).toBe(35.17);
    expect(figures.byStatus).toEqual({ completed: { count: 3, total: 100.3 }, failed: { count: 1, total: 50 }, pending: { count: 1, total: 25.55 } });
    expect(analyticsFigures(emptySummary()).averageTransaction).toBeNull();
  });

  it("averages metrics, keeps the maximum with its host, and alerts strictly above the thresholds", () => {
    const figures = analyticsFigures(
      summarizeEvents([
        metric("cpu_usage", 80),
        metric("cpu_usage", 80.01, "server-07"),
        metric("cpu_usage", 20, "server-02"),
        metric("memory_usage", 90),
        metric("memory_usage", 90.5, "server-03"),
        metric("network_latency", 120, "server-04", "ms"),
        metric("disk_io", Number.NaN),
      ]),
    );
    expect(figures.metrics).toEqual([
      { name: "cpu_usage", count: 3, average: 60, max: 80.01, maxHost: "server-07", unit: "percent" },
      { name: "memory_usage", count: 2, average: 90.25, max: 90.5, maxHost: "server-03", unit: "percent" },
      { name: "network_latency", count: 1, average: 120, max: 120, maxHost: "server-04", unit: "ms" },
    ]);
    expect(figures.alertCount).toBe(2);
    expect(figures.alerts.map((a) => [a.kind, a.hostname, a.value]).sort()).toEqual([
      ["high_cpu", "server-07", 80.01],
      ["high_memory", "server-03", 90.5],
    ]);
  });

  it("merges batch summaries into the summary of all their events, in any order", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const now = new Date("2025-01-01T00:00:00Z");
    const events = [
      ...buildEvents("user_activity", 30, random, now),
      ...buildEvents("transaction", 25, random, now),
      ...buildEvents("system_metric", 40, random, now),
    ].map((k) => k.event);
    const whole = analyticsFigures(summarizeEvents(events));
    const batches = [events.slice(0, 10), events.slice(10, 47), events.slice(47)].map(summarizeEvents);
    const forward = analyticsFigures(batches.reduce(mergeSummaries, emptySummary()));
    const backward = analyticsFigures([...batches].reverse().reduce(mergeSummaries, emptySummary()));
    for (const merged of [forward, backward]) {
      expect({ ...merged, metrics: merged.metrics.map((m) => ({ ...m, average: Math.round(m.average) })), alerts: merged.alerts.length }).toEqual({
        ...whole,
        metrics: whole.metrics.map((m) => ({ ...m, average: Math.round(m.average) })),
        alerts: Math.min(whole.alertCount, ALERTS_KEPT),
      });
    }
    expect(whole.records).toBe(95);
    expect(whole.byType).toEqual({ user_activity: 30, transaction: 25, system_metric: 40 });
  });
});
