/**
 * A lab's steps drive its functions through `context.runtime`: a mapping from a lab queue to a lab
 * function runs the handler built for the student (names, clients, environment variables), the
 * trigger can be switched off and on, re-running "ensure" is safe, and clean-up removes it.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { cleanUpStep } from "../clean-up";
import { createLabContext } from "../context";
import { defineLab, defineResources } from "../define";
import type { LabContext } from "../types";

const resources = defineResources({
  inbox: { kind: "sqs-queue", name: "inbox", description: "" },
  reader: { kind: "function", name: "InboxReader", description: "", listed: false },
});

const seen: Array<{ body: string; prefix: string; queue: string; mood: string | undefined }> = [];

const lab = defineLab({
  id: "runtime-wiring-lab",
  order: 99,
  title: "Runtime wiring",
  summary: "",
  minutes: 1,
  level: "beginner",
  services: [],
  resources,
  handlers: {
    reader: (env) => async (event: SQSEvent) => {
      for (const record of event.Records) {
        if (env.variables.FAIL === "true") throw new Error("failing on purpose");
        seen.push({ body: record.body, prefix: env.prefix, queue: env.names.inbox, mood: env.variables.MOOD });
      }
    },
  },
  steps: [cleanUpStep(resources)],
});

let cloud: LocalCloud;
let context: LabContext<typeof resources>;
let queueUrl: string;

async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "wire1" }, AbortSignal.timeout(60_000));
  ({ QueueUrl: queueUrl = "" } = await context.aws.sqs.send(new CreateQueueCommand({ QueueName: context.names.inbox, tags: { ...context.tags } })));
});

afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("context.runtime", () => {
  it("runs the student's handler from a mapping, with their names and environment", async () => {
    await context.runtime.setEnvironment("reader", { MOOD: "calm" });
    const mapping = await context.runtime.ensureMapping("reader", "inbox", { batchSize: 1 });
    expect(mapping.config.functionName).toBe("wire1-InboxReader");
    expect(mapping.config.eventSourceArn).toMatch(/:wire1-inbox$/);
    await context.aws.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "hello" }));
    await waitFor(() => seen.some((s) => s.body === "hello"), "the handler");
    expect(seen.find((s) => s.body === "hello")).toEqual({ body: "hello", prefix: "wire1", queue: "wire1-inbox", mood: "calm" });
    const logs = await context.runtime.logs({ filter: { type: "invocation" } });
    expect(logs.some((l) => l.type === "invocation" && l.function === "wire1-InboxReader" && l.outcome === "success")).toBe(true);
  });

  it("updates instead of duplicating when ensure runs again", async () => {
    const again = await context.runtime.ensureMapping("reader", "inbox", { batchSize: 1 });
    expect((await context.runtime.mappings()).map((m) => m.uuid)).toEqual([again.uuid]);
    expect((await context.runtime.findMapping("reader", "inbox"))?.uuid).toBe(again.uuid);
  });

  it("leaves messages in the queue while the trigger is off", async () => {
    const mapping = await context.runtime.findMapping("reader", "inbox");
    await context.runtime.setMappingEnabled(mapping!.uuid, false);
    await context.aws.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "waiting" }));
    await new Promise((r) => setTimeout(r, 300));
    const { Attributes } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
    expect(Attributes?.ApproximateNumberOfMessages).toBe("1");
    expect(seen.some((s) => s.body === "waiting")).toBe(false);
    await context.runtime.setMappingEnabled(mapping!.uuid, true);
    await waitFor(() => seen.some((s) => s.body === "waiting"), "the waiting message");
  });

  it("sees an environment change at the next invocation", async () => {
    await context.runtime.setEnvironment("reader", { FAIL: "true" });
    await context.aws.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "doomed" }));
    await waitFor(async () => (await context.runtime.logs({ filter: { outcome: "error" } })).length > 0, "a failed invocation");
    const failed = await context.runtime.logs({ filter: { outcome: "error" } });
    expect(failed[0]).toMatchObject({ type: "invocation", error: expect.stringContaining("failing on purpose") });
    expect(await context.runtime.environment("reader")).toEqual({ FAIL: "true" });
  });

  it("refuses a function the lab does not declare, in plain words", async () => {
    await expect(context.runtime.ensureMapping("inbox", "inbox", { batchSize: 1 })).rejects.toThrow(/no function resource "inbox"/);
  });

  it("clean-up deletes the mapping, forgets the environment and lists it", async () => {
    const step = lab.steps[0];
    const outcome = await step.actions[0].run(context, {});
    expect(outcome.message).toContain("trigger wire1-InboxReader ← wire1-inbox");
    expect(outcome.message).toContain("wire1-inbox");
    expect(await context.runtime.mappings()).toEqual([]);
    expect(await context.runtime.environment("reader")).toEqual({});
    expect((await step.check(context)).passed).toBe(true);
  });
});
