/**
 * Class resources: per student, what the workbook made (by its tags), what has a workbook name but
 * was made by hand, what else carries the prefix, the runtime's triggers, and the cost per hour;
 * clean-up stops the triggers and deletes only what carries the student's tags, listing it.
 */
import { CreateQueueCommand, GetQueueUrlCommand, ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { clientConfig, startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { createLabContext } from "@/lib/lab-framework/context";
import { labRegistry } from "@/lib/lab-framework/runtime/lab-runtime";
import { cleanUpStudents } from "./class-clean-up";
import type { ClassRecord } from "./class-record";
import { studentSettings } from "./class-settings";
import { classInventory } from "./inventory";
import { HOURLY } from "./prices";
import { classroomTestLab as lab } from "./test-lab";
import { freshClassStore } from "./test-support";

let cloud: LocalCloud;
let record: ClassRecord;
let sqs: SQSClient;

beforeAll(async () => {
  cloud = await startTestCloud();
  sqs = new SQSClient(clientConfig(cloud));
  record = freshClassStore().create({
    name: "Resources class",
    roster: { kind: "range", stem: "user", from: 1, to: 3 },
    labIds: [lab.id],
    connection: { mode: "endpoint", endpoint: cloud.endpoint },
    region: "us-east-1",
    stuck: { idleMinutes: 15, failures: 3 },
    allowFastForward: false,
  });
  // user1 works through the lab: queue, a two-shard stream, a trigger from the queue to the worker.
  const context = await createLabContext(lab, studentSettings(record, "user1"), AbortSignal.timeout(30_000));
  for (const step of lab.steps.filter((s) => s.id === "create-queue" || s.id === "create-stream")) await step.actions[0].run(context, {});
  cloud.clock.advance(60_000);
  await context.runtime.ensureMapping("worker", "ordersQueue", { batchSize: 1 });
  // user2 made a queue with the workbook's name by hand, and a scratch queue of their own.
  await sqs.send(new CreateQueueCommand({ QueueName: "user2-ClassOrders" }));
  await sqs.send(new CreateQueueCommand({ QueueName: "user2-scratch" }));
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("class resources", () => {
  it("lists each student's resources by whose they are, with their triggers and cost per hour", async () => {
    const inventory = await classInventory(record, ["user1", "user2", "user3"], AbortSignal.timeout(30_000), [lab]);
    const [user1, user2, user3] = inventory.students;
    expect(user1.items.map((i) => [i.name, i.ownership, i.costPerHour])).toEqual([
      ["user1-ClassOrders", "workbook", 0],
      ["user1-ClassClicks", "workbook", 2 * HOURLY.kinesisShard],
    ]);
    expect(user1.items[1].costNote).toBe("2 shards × $0.015");
    expect(user1.mappings).toEqual([{ labId: lab.id, name: "user1-ClassWorker ← user1-ClassOrders", state: "Enabled", costPerHour: 0 }]);
    expect(user2.items.map((i) => [i.name, i.ownership])).toEqual([
      ["user2-ClassOrders", "untagged"],
      ["user2-scratch", "other-name"],
    ]);
    expect(user3.items).toEqual([]);
    expect(inventory.costPerHour).toBeCloseTo(0.03, 10);
    expect(inventory.problems).toEqual([]);
    expect(inventory.pricesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("clean-up", () => {
  it("stops the student's triggers, deletes what carries their tags, and leaves the rest, saying so", async () => {
    const results = await cleanUpStudents(record, ["user1", "user2"], AbortSignal.timeout(30_000), [lab]);
    const [user1, user2] = results;
    expect(user1.lines.map((l) => [l.name, l.result])).toEqual([
      ["trigger user1-ClassWorker ← user1-ClassOrders", "deleted"],
      ["user1-ClassOrders", "deleted"],
      ["user1-ClassClicks", "deleted"],
    ]);
    expect(user1).toMatchObject({ deleted: 3, kept: 0, failed: 0 });
    expect(user2.lines.map((l) => [l.name, l.result])).toEqual([["user2-ClassOrders", "kept: not tagged for this lab"]]);

    expect((await labRegistry()).list({ prefix: "user1", labId: lab.id })).toEqual([]);
    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
    expect(QueueUrls.map((u) => u.split("/").pop()).sort()).toEqual(["user2-ClassOrders", "user2-scratch"]);
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: "user1-ClassOrders" }))).rejects.toThrow();
  });
});
