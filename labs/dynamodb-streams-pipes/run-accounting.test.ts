/**
 * Every order of a demonstration run lands in exactly one place, and the figures add up to the
 * orders created: completed, failed, routed, in the DLQ, still moving, or dropped by the filter.
 */
import { describe, expect, it } from "vitest";
import { accountRun, type RunOrder } from "./accounting";

const order = (orderId: string, status: string, extra: Partial<RunOrder> = {}): RunOrder => ({ orderId, status, amount: 100, queuedAt: "2026-03-01T10:00:01.000Z", ...extra });

describe("accounting for a run", () => {
  it("queue design: what the pipe filtered out is what reached nobody, and the sum is every order", () => {
    const orders = [
      order("a", "COMPLETED"),
      order("b", "COMPLETED"),
      order("c", "FAILED", { amount: 25000 }),
      order("d", "PENDING", { amount: 30000, reviewStatus: "FRAUD_CHECK_QUEUED" }),
      order("e", "PENDING"), // dropped by the pipe
      order("f", "PENDING"), // dropped by the pipe
      order("g", "PENDING", { notes: "FAIL", attempts: 3 }), // in the DLQ
      order("h", "PENDING", { notes: "FAIL", attempts: 2 }), // failed twice, then dropped by the pipe
    ];
    const account = accountRun("queue", orders, { inDlq: 1, processingQueue: 0, highValueQueue: 0 });
    expect(account).toMatchObject({ created: 8, completed: 2, failed: 1, routed: 1, inDlq: 1, moving: 0, dropped: 3, settled: true, accountedFor: 8, warnings: [] });
    expect(account.summary).toBe("Of 8 orders, the worker settled 3, the pipe routed 1 and silently dropped 3, and 1 reached the DLQ.");
  });

  it("queue design: messages still in the queues are moving, not dropped", () => {
    const orders = [order("a", "PENDING"), order("b", "PENDING"), order("c", "PENDING", { amount: 20000 })];
    const account = accountRun("queue", orders, { inDlq: 0, processingQueue: 2, highValueQueue: 1 });
    expect(account).toMatchObject({ moving: 3, dropped: 0, settled: false, accountedFor: 3 });
    expect(account.summary).toMatch(/still moving/);
  });

  it("an order the forwarder has not queued yet is moving, even with empty queues", () => {
    const orders = [order("a", "COMPLETED"), order("b", "PENDING", { queuedAt: undefined })];
    const account = accountRun("queue", orders, { inDlq: 0, processingQueue: 0, highValueQueue: 0 });
    expect(account).toMatchObject({ moving: 1, dropped: 0, settled: false, accountedFor: 2 });
  });

  it("stream design: every order has a worker outcome, routed ones are copies, nothing is dropped", () => {
    const orders = [
      order("a", "COMPLETED"),
      order("b", "FAILED", { amount: 25000, reviewStatus: "FRAUD_CHECK_QUEUED" }),
      order("c", "PENDING", { amount: 40000, notes: "FAIL", reviewStatus: "FRAUD_CHECK_QUEUED", attempts: 3 }),
    ];
    const account = accountRun("stream", orders, { inDlq: 1, processingQueue: 0, highValueQueue: 0 });
    expect(account).toMatchObject({ created: 3, completed: 1, failed: 1, inDlq: 1, routed: 2, dropped: 0, accountedFor: 3, settled: true, warnings: [] });
    expect(account.summary).toMatch(/Every one of the 3 orders reached the worker .* copy of 2 high-value orders/);
  });

  it("stream design: a routed copy waiting in the high-value queue is not an order in flight", () => {
    const orders = [order("a", "FAILED", { amount: 25000 })];
    expect(accountRun("stream", orders, { inDlq: 0, processingQueue: 0, highValueQueue: 1 })).toMatchObject({ moving: 0, accountedFor: 1, settled: false });
  });

  it("warns when the queues hold messages from before the run, and when the DLQ disagrees with the attempts", () => {
    const moving = accountRun("queue", [order("a", "PENDING")], { inDlq: 0, processingQueue: 2, highValueQueue: 0 });
    expect(moving).toMatchObject({ inDlq: 0, moving: 1, dropped: 0, accountedFor: 1 });
    expect(moving.warnings).toEqual(["The queues hold messages that are not this run's orders."]);
    const dlq = accountRun("queue", [order("a", "PENDING", { attempts: 3 })], { inDlq: 3, processingQueue: 0, highValueQueue: 0 });
    expect(dlq).toMatchObject({ inDlq: 1, dropped: 0, accountedFor: 1 });
    expect(dlq.warnings[0]).toMatch(/^The DLQ holds 3 messages, and the worker recorded 1 order failing 3 times/);
  });

  it("an earlier run is counted from the table alone: its DLQ orders are the ones that failed three times", () => {
    const orders = [order("a", "PENDING", { attempts: 3 }), order("b", "PENDING", { attempts: 1 })];
    expect(accountRun("queue", orders, { inDlq: null, processingQueue: 0, highValueQueue: 0 })).toMatchObject({ inDlq: 1, dropped: 1, accountedFor: 2, warnings: [] });
  });

  it("an empty run has nothing to account for", () => {
    expect(accountRun("queue", [], { inDlq: 0, processingQueue: 0, highValueQueue: 0 })).toMatchObject({ created: 0, accountedFor: 0, summary: "No orders in this run yet." });
  });
});
