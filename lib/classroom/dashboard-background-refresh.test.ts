/**
 * A watched class's dashboard is recomputed in the background about once a second: a refresh
 * answers with the snapshot at hand instead of waiting for a scan, and a new step shows within a
 * couple of seconds; an instructor's change (forgetDashboard) is never answered from before it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsClients } from "@/lib/aws/clients";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { progressStoreFor } from "@/lib/progress/progress-store";
import type { ClassRecord } from "./class-record";
import type { ClassStore } from "./class-store";
import { dashboardSnapshot, forgetDashboard } from "./dashboard-snapshot";
import { classroomTestLab as lab } from "./test-lab";
import { freshClassStore } from "./test-support";

let cloud: LocalCloud;
let record: ClassRecord;
let store: ClassStore;


beforeAll(async () => {
  cloud = await startTestCloud();
  store = freshClassStore();
  record = store.create({
    name: "Watched class",
    roster: { kind: "range", stem: "user", from: 1, to: 2 },
    labIds: [lab.id],
    connection: { mode: "endpoint", endpoint: cloud.endpoint },
    region: "us-east-1",
    stuck: { idleMinutes: 15, failures: 3 },
    allowFastForward: false,
  });
});
afterAll(async () => {
  await cloud?.close();
});

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a watched dashboard", () => {
  it("answers from the snapshot at hand and shows a new step within a couple of seconds", async () => {
    const first = await dashboardSnapshot(record, [lab]);
    expect(first.students[0].doneSteps).toBe(0);
    await progressStoreFor(awsClients(record.connection, record.region)).recordCheck({ student: "user1", labId: lab.id, stepId: "connect", passed: true, reason: "ok", at: new Date() });

    const started = Date.now();
    const answered = await dashboardSnapshot(record, [lab]);
    expect(Date.now() - started).toBeLessThan(50);
    expect(answered).toBe(first);

    const shown = await eventually(() => dashboardSnapshot(record, [lab]), (s) => s.students[0].doneSteps === 1);
    expect(shown.students[0].doneSteps).toBe(1);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("after forgetDashboard, the next refresh is computed afresh, even while a computation is under way", async () => {
    const before = await dashboardSnapshot(record, [lab]);
    forgetDashboard(record.id);
    const after = await dashboardSnapshot(record, [lab]);
    expect(after).not.toBe(before);
    expect(after).toEqual(before);

    // A refresh starts a computation; the instructor renames the class meanwhile; the next refresh must show it.
    forgetDashboard(record.id);
    const underWay = dashboardSnapshot(record, [lab]);
    store.update(record.id, { name: "Renamed class" });
    forgetDashboard(record.id);
    const next = await dashboardSnapshot(record, [lab]);
    expect((await underWay).class.name).toBe("Watched class");
    expect(next.class.name).toBe("Renamed class");
  });
});
