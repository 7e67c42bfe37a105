/**
 * The queues step's live example, as the panel drives it: a practice message received three times
 * without being deleted comes back after each visibility timeout, and the receive after the third
 * finds that SQS moved it to OrderDLQ. The example refuses to run while the processor reads the
 * queue, and tidies the DLQ afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { practiceIn } from "./practice-message";
import type { Context } from "./provision";
import { dataOf, labContext, run } from "./test-support";

let cloud: LocalCloud;
let context: Context;

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await labContext(cloud, "vis1");
  await run(context, "queues", "create-queues");
});

afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("the visibility timeout and redrive example", () => {
  it("hides the message for 30 s after each receive and moves it to the DLQ on the fourth", async () => {
    await run(context, "queues", "send-practice-message");
    for (const count of [1, 2, 3]) {
      const outcome = await run(context, "queues", "receive-practice-message");
      expect(dataOf(outcome)).toMatchObject({ received: true, receiveCount: count, visibleAgainInSeconds: 30 });
      const [inQueue] = (await practiceIn(context, context.names.orderQueue)) ?? [];
      expect(inQueue).toMatchObject({ state: "inFlight", receiveCount: count });
      // While it is hidden, a receive finds nothing.
      expect(dataOf(await run(context, "queues", "receive-practice-message"))).toMatchObject({ received: false, why: "nothing-visible" });
      cloud.clock.advance(30_000);
    }
    const fourth = await run(context, "queues", "receive-practice-message");
    expect(dataOf(fourth)).toEqual({ received: false, why: "moved-to-dlq" });
    expect(fourth.message).toContain("moved it to the DLQ");
    expect(await practiceIn(context, context.names.orderQueue)).toEqual([]);
    expect(await practiceIn(context, context.names.orderDlq)).toMatchObject([{ state: "visible" }]);
  });

  it("deletes only practice messages from the DLQ", async () => {
    expect(dataOf(await run(context, "queues", "delete-practice-message"))).toEqual({ deleted: 1 });
    expect(await practiceIn(context, context.names.orderDlq)).toEqual([]);
    expect((await run(context, "queues", "delete-practice-message")).message).toBe("No practice message was in vis1-OrderDLQ.");
  });

  it("will not run while the processor reads OrderQueue", async () => {
    await run(context, "processor", "deploy-processor", { errorMode: "fail" });
    await expect(run(context, "queues", "send-practice-message")).rejects.toMatchObject({ name: "PlainFailure", code: "ProcessorRunning" });
    await run(context, "processor", "set-trigger", { enabled: false });
    await expect(run(context, "queues", "send-practice-message")).resolves.toMatchObject({ message: "Sent a practice message to vis1-OrderQueue." });
  });
});
