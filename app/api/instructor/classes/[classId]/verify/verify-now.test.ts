/**
 * Verify now: every check of a lab for every student, a few at a time, compared with what the
 * progress store recorded; a queue made by hand (no workbook, no tags) is caught as "passes, never
 * recorded". Verification records nothing.
 */
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsClients } from "@/lib/aws/clients";
import { resolveConnection } from "@/lib/aws/client-config";
import type { LocalCloud } from "@/lib/localcloud/index";
import { clientConfig, startTestCloud } from "@/lib/localcloud/test/harness";
import { runCheck } from "@/lib/progress/check-runner";
import { progressStoreFor } from "@/lib/progress/progress-store";
import { closeSharedRegistry } from "@/lib/runtime";
import cafeLab from "@/labs/cafe-sqs/lab";
import { createLabContext } from "@/lib/lab-framework/context";
import type { ClassRecord } from "@/lib/classroom/class-record";
import { studentSettings } from "@/lib/classroom/class-settings";
import { checkLoad, classroomTestLab as lab } from "@/lib/classroom/test-lab";
import { freshClassStore } from "@/lib/classroom/test-support";
import { startVerify, stopVerify, VERIFY_CONCURRENCY, verifySettled, verifyView } from "@/lib/classroom/verify-jobs";

let cloud: LocalCloud;
let record: ClassRecord;

beforeAll(async () => {
  cloud = await startTestCloud();
  record = freshClassStore().create({
    name: "Verify class",
    roster: { kind: "range", stem: "user", from: 1, to: 10 },
    labIds: [lab.id],
    connection: { mode: "endpoint", endpoint: cloud.endpoint },
    region: "us-east-1",
    stuck: { idleMinutes: 15, failures: 3 },
    allowFastForward: false,
  });
  // user1 creates the queue in the workbook (recorded done); user2 makes it by hand in the console.
  const context = await createLabContext(lab, studentSettings(record, "user1"), AbortSignal.timeout(20_000));
  const queueStep = lab.steps.find((s) => s.id === "create-queue")!;
  await queueStep.actions[0].run(context, {});
  await runCheck(lab, queueStep, context);
  await new SQSClient(clientConfig(cloud)).send(new CreateQueueCommand({ QueueName: "user2-ClassOrders" }));
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("verify now", () => {
  it("runs every check for every student, at most a few students at a time, and agrees with the records", async () => {
    checkLoad.most = 0;
    checkLoad.delayMs = 30;
    const started = startVerify(record, lab);
    expect(started).toMatchObject({ state: "running", total: 10, done: 0, concurrency: VERIFY_CONCURRENCY });
    await verifySettled(record.id);
    checkLoad.delayMs = 0;
    const view = verifyView(record.id)!;
    expect(view).toMatchObject({ state: "finished", done: 10 });
    expect(checkLoad.most).toBeGreaterThan(1);
    expect(checkLoad.most).toBeLessThanOrEqual(VERIFY_CONCURRENCY);

    expect(view.results.user1.steps["create-queue"]).toEqual({ passed: true, reason: "user1-ClassOrders exists." });
    expect(view.results.user1.passesUnrecorded).not.toContain("create-queue");
    expect(view.results.user2.steps["create-queue"].passed).toBe(true);
    expect(view.results.user2.passesUnrecorded).toContain("create-queue");
    expect(view.results.user3.steps["create-queue"]).toEqual({ passed: false, reason: "user3-ClassOrders does not exist yet." });
    expect(view.results.user3.steps["create-stream"].passed).toBe(false);
    // The connection check and clean-up pass for a student with nothing: not reported as unrecorded work.
    expect(view.passesForAnyone.sort()).toEqual(["clean-up", "connect"]);
    expect(view.results.user3.passesUnrecorded).toEqual([]);
  });

  it("records nothing: a student's progress is theirs", async () => {
    const store = progressStoreFor(createAwsClients(resolveConnection(record.connection, record.region)));
    const records = await store.all(lab.id);
    expect(records.map((r) => `${r.student}/${r.stepId}`)).toEqual(["user1/create-queue"]);
  });

  it("skips the checks that send test orders, and says so", async () => {
    startVerify(record, cafeLab, ["user1"]);
    await verifySettled(record.id);
    const steps = verifyView(record.id)!.results.user1.steps;
    const acting = cafeLab.steps.filter((step) => step.checkNote).map((step) => step.id);
    expect(acting.sort()).toEqual(["order-api", "worker"]);
    for (const stepId of acting) expect(steps[stepId]).toMatchObject({ passed: false, skipped: true });
    const ran = cafeLab.steps.filter((step) => !step.checkNote);
    for (const step of ran) expect(steps[step.id].skipped).toBeUndefined();
    expect(ran.length).toBeGreaterThan(5);
  });

  it("can be stopped", async () => {
    checkLoad.delayMs = 200;
    startVerify(record, lab);
    expect(stopVerify(record.id)).toBe(true);
    await verifySettled(record.id);
    checkLoad.delayMs = 0;
    const view = verifyView(record.id)!;
    expect(view.state).toBe("stopped");
    expect(view.done).toBeLessThan(10);
  });
});
