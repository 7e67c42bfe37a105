/**
 * "ann" and "ann-b" in one roster: ann-b's resources (ann-b-ClassOrders) are also named under
 * ann's prefix. A roster refuses the pair; a class kept from before still counts ann-b's
 * resources under ann-b only. The inventory part runs against the local cloud.
 */
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { clientConfig, startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { createLabContext } from "@/lib/lab-framework/context";
import { studentSettings } from "./class-settings";
import { classInventory } from "./inventory";
import { overlappingUsernames, parseRoster } from "./roster";
import { classroomTestLab as lab } from "./test-lab";
import { freshClassStore } from "./test-support";

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("overlapping usernames", () => {
  it("a roster refuses ann beside ann-b, saying why and what to do", () => {
    const parsed = parseRoster("ann, bob, ann-b");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toMatch(/^ann and ann-b cannot be in one class: ann-b's resources \(ann-b-Orders\) are also named like ann's/);
    expect(parsed.reason).toContain("Rename one (annb, say).");
  });

  it("accepts names that only share letters, and ranges (user1 beside user10)", () => {
    expect(parseRoster("ann, anna, ann2, bob-ann").ok).toBe(true);
    expect(parseRoster("user1..user30").ok).toBe(true);
    expect(overlappingUsernames(["ann", "anna", "ann2"])).toBeNull();
    expect(overlappingUsernames(["a-b-c", "x", "a-b"])).toEqual(["a-b", "a-b-c"]);
  });

  it("a class kept from before lists ann-b's queues under ann-b only", async () => {
    const record = freshClassStore().create({
      name: "Kept from before",
      roster: { kind: "list", usernames: ["ann", "ann-b"] },
      labIds: [lab.id],
      connection: { mode: "endpoint", endpoint: cloud.endpoint },
      region: "us-east-1",
      stuck: { idleMinutes: 15, failures: 3 },
      allowFastForward: false,
    });
    const context = await createLabContext(lab, studentSettings(record, "ann-b"), AbortSignal.timeout(30_000));
    await lab.steps.find((s) => s.id === "create-queue")!.actions[0].run(context, {});
    await new SQSClient(clientConfig(cloud)).send(new CreateQueueCommand({ QueueName: "ann-b-scratch" }));

    const inventory = await classInventory(record, ["ann", "ann-b"], AbortSignal.timeout(30_000), [lab]);
    const [ann, annB] = inventory.students;
    expect(ann.items).toEqual([]);
    expect(annB.items.map((i) => [i.name, i.ownership])).toEqual([
      ["ann-b-ClassOrders", "workbook"],
      ["ann-b-scratch", "other-name"],
    ]);
  });
});
