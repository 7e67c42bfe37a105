/**
 * The lab's steps in order, as a student runs them, through the same context the routes build
 * (the shared runtime runs the consumer): every check fails before its step and passes after it,
 * and clean-up leaves nothing behind. Time is fast-forwarded on the local cloud's clock.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import lab from "./lab";
import { VISIBILITY_TIMEOUT_SECONDS, type FifoContext } from "./provision";
import { labContext, REGION } from "./test-support";

let cloud: LocalCloud;
let context: FifoContext;

const step = (id: string) => lab.steps.find((s) => s.id === id)!;
const action = (stepId: string, id: string) => step(stepId).actions.find((a) => a.id === id)!;

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await labContext(cloud, "walk");
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

async function until(what: string, done: () => Promise<boolean>, ms = 15_000): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

/** Lets the consumer empty the queue, moving the clock past visibility timeouts only while it is idle and nothing is receivable. */
async function drain(): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    await until("an idle consumer", () => context.runtime.isIdle());
    const url = `${cloud.endpoint}/_localcloud/sqs/messages?region=${REGION}&queue=${encodeURIComponent(context.names.ordersQueue)}`;
    const { messages } = (await (await fetch(url)).json()) as { messages: Array<{ state: string; groupId: string }> };
    if (messages.length === 0) return;
    const held = new Set(messages.filter((m) => m.state === "inFlight").map((m) => m.groupId));
    if (!messages.some((m) => m.state === "visible" && !held.has(m.groupId)) && (await context.runtime.isIdle())) {
      cloud.clock.advance((VISIBILITY_TIMEOUT_SECONDS + 1) * 1000);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("The queue did not empty.");
}

it("walks through every step", { timeout: 120_000 }, async () => {
  expect(lab.steps.map((s) => s.id)).toEqual(["connect", "queue-and-table", "producer", "consumer", "ordering", "crash", "metrics", "clean-up"]);
  expect((await step("connect").check(context)).passed).toBe(true);

  await action("queue-and-table", "create").run(context, {});
  expect((await step("queue-and-table").check(context)).passed).toBe(true);

  // The consumer is not started yet: what the producer sends waits in the queue.
  expect((await step("producer").check(context)).passed).toBe(false);
  await action("producer", "send-case").run(context, { case: "new-dedup-id" });
  expect(await step("producer").check(context)).toMatchObject({ passed: true, reason: expect.stringContaining("2 in the queue") });

  expect(await step("consumer").check(context)).toMatchObject({ passed: false, reason: expect.stringContaining("not connected") });
  await action("consumer", "start").run(context, {});
  await until("the consumer's first save", async () => (await step("consumer").check(context)).passed);
  await drain();

  expect((await step("ordering").check(context)).passed).toBe(false);
  await action("ordering", "send-failing-group").run(context, {});
  await drain();
  const ordering = await step("ordering").check(context);
  expect(ordering).toMatchObject({ passed: true, reason: expect.stringContaining("walk-orders-dlq.fifo") });
  expect(ordering.details).toContain("order-3001: placed → paid → shipped");

  expect(await step("crash").check(context)).toMatchObject({ passed: false, reason: expect.stringContaining("Turn the crash switch on") });
  await action("crash", "set-crash").run(context, { on: true });
  expect(await context.runtime.environment("consumer")).toMatchObject({ CRASH_AFTER_SAVE: "true", TABLE_NAME: "walk-processed-messages" });
  const sent = await action("crash", "send-one").run(context, {});
  const messageId = (sent.data as { messageId: string }).messageId;
  await drain();
  expect(await step("crash").check(context)).toMatchObject({ passed: true, reason: expect.stringContaining(`${messageId} was saved once`) });
  const trace = await context.runtime.logs({ filter: { text: messageId } });
  const actions = trace.flatMap((l) => (l.type === "handler" && l.trace_id === messageId ? [l.action] : []));
  expect(actions).toEqual(["message_received", "dynamodb_save", "consumer_crash", "message_received", "message_skipped", "sqs_delete_message"]);
  await action("crash", "set-crash").run(context, { on: false });

  const compared = await action("metrics", "compare").run(context, {});
  expect(compared.message).toBe("Everything agrees.");
  expect(compared.data).toMatchObject({ quiet: true, agrees: true, metrics: { MessagesSaved: 8, DuplicateMessages: 2, InvalidMessages: 1, MessagesDeleted: 9 } });
  expect(await step("metrics").check(context)).toMatchObject({ passed: true });

  const cleaned = await action("clean-up", "delete-everything").run(context, {});
  expect(cleaned.message).toContain("walk-orders.fifo");
  expect(cleaned.message).toContain("walk-processed-messages");
  expect(await context.runtime.mappings()).toEqual([]);
  expect((await step("clean-up").check(context)).passed).toBe(true);
});
