import { describe, expect, it } from "vitest";
import type { StepRecord } from "@/lib/progress/types";
import { buildStudentRows } from "./dashboard-builder";
import type { LabColumn } from "./dashboard-view";

const LAB: LabColumn = {
  id: "lab-a",
  title: "Lab A",
  steps: [
    { id: "connect", title: "Connect" },
    { id: "queue", title: "Create the queue" },
    { id: "worker", title: "The worker" },
  ],
};
const RULE = { idleMinutes: 10, failures: 3 };
const T0 = Date.parse("2026-11-22T10:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function record(student: string, stepId: string, fields: Partial<StepRecord>): StepRecord {
  return { student, labId: LAB.id, stepId, status: "passed", firstSeenAt: at(0), lastCheckedAt: at(0), lastReason: "ok", failures: 0, ...fields };
}

describe("who is stuck", () => {
  it("a step failing its check repeatedly, with the check's latest reason", () => {
    const records = [
      record("user1", "connect", { completedAt: at(1), lastCheckedAt: at(1) }),
      record("user1", "queue", { status: "failed", failures: 3, lastCheckedAt: at(4), lastReason: "user1-Orders does not exist yet" }),
      record("user2", "connect", { completedAt: at(1), lastCheckedAt: at(1) }),
      record("user2", "queue", { status: "failed", failures: 2, lastCheckedAt: at(4) }),
    ];
    const rows = buildStudentRows([{ username: "user1", joinedAt: at(0) }, { username: "user2", joinedAt: at(0) }], [LAB], records, RULE, T0 + 5 * 60_000);
    expect(rows[0].stuck).toEqual({
      kind: "failing",
      labId: "lab-a",
      stepId: "queue",
      stepTitle: "Create the queue",
      failures: 3,
      reason: "user1-Orders does not exist yet",
      lastCheckedAt: at(4),
    });
    expect(rows[1].stuck).toBeNull();
    expect(rows[0].current).toEqual({ labId: "lab-a", stepId: "queue", stepTitle: "Create the queue" });
    expect(rows[0].labs["lab-a"]).toMatchObject({ done: 1, total: 3, current: { id: "queue" } });
  });

  it("no step completed for the idle time, counted from the last completion or from joining", () => {
    const records = [record("user1", "connect", { completedAt: at(2), lastCheckedAt: at(2) })];
    const students = [{ username: "user1", joinedAt: at(0) }, { username: "user2", joinedAt: at(5) }, { username: "user3" }];
    const early = buildStudentRows(students, [LAB], records, RULE, T0 + 11 * 60_000);
    expect(early.map((r) => r.stuck?.kind ?? null)).toEqual([null, null, null]);
    const later = buildStudentRows(students, [LAB], records, RULE, T0 + 16 * 60_000);
    expect(later[0].stuck).toEqual({ kind: "idle", since: at(2), minutes: 10 });
    expect(later[1].stuck).toEqual({ kind: "idle", since: at(5), minutes: 10 });
    // Never joined and never tried anything: absent, not stuck.
    expect(later[2]).toMatchObject({ joined: false, stuck: null, doneSteps: 0 });
  });

  it("a student who finished every step is never stuck, and a passed step's old failures do not count", () => {
    const records = [
      record("user1", "connect", { completedAt: at(1) }),
      record("user1", "queue", { completedAt: at(3), failures: 7, status: "passed" }),
      record("user1", "worker", { completedAt: at(4) }),
    ];
    const rows = buildStudentRows([{ username: "user1", joinedAt: at(0) }], [LAB], records, RULE, T0 + 120 * 60_000);
    expect(rows[0]).toMatchObject({ doneSteps: 3, stuck: null, current: undefined });
  });

  it("sorts students naturally and ignores records of labs outside the class", () => {
    const records = [record("user10", "connect", { completedAt: at(1) }), { ...record("user2", "connect", { completedAt: at(1) }), labId: "other-lab" }];
    const rows = buildStudentRows([{ username: "user10" }, { username: "user2" }], [LAB], records, RULE, T0);
    expect(rows.map((r) => [r.username, r.doneSteps])).toEqual([["user2", 0], ["user10", 1]]);
  });
});
