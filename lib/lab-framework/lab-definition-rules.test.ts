import { z } from "zod";
import { describe, expect, it } from "vitest";
import { connectStep } from "./connect-step";
import { defineAction, defineLab, defineResources, defineStep } from "./define";
import { withEndpointFlag } from "./context";
import type { LabContext } from "./types";

const base = { order: 9, title: "A lab", summary: "s", minutes: 5, level: "beginner" as const, services: [], resources: {} };

describe("lab definitions are checked when they load", () => {
  it("refuses ids that are not kebab-case and duplicate steps", () => {
    expect(() => defineLab({ ...base, id: "Bad_Id", steps: [] })).toThrow(/kebab-case/);
    expect(() => defineLab({ ...base, id: "twice", steps: [connectStep(), connectStep()] })).toThrow(/two steps/);
    expect(() => defineLab({ ...base, id: "no-time", minutes: 0, steps: [] })).toThrow(/minutes/);
  });

  it("refuses a resource name that no longer fits once the longest prefix is added", () => {
    expect(() => defineResources({ q: { kind: "sqs-queue", name: "q".repeat(60), description: "" } })).toThrow(/too long/);
    expect(() => defineResources({ q: { kind: "sqs-queue", name: "orders queue", description: "" } })).toThrow(/characters/);
    expect(() => defineResources({ q: { kind: "sqs-queue", name: "orders.fifo", description: "" } })).not.toThrow();
  });

  it("validates an action's parameters with its schema before running it", async () => {
    const seen: unknown[] = [];
    const action = defineAction({
      id: "send-order",
      label: "Send",
      params: z.object({ quantity: z.number().int().positive() }).strict(),
      async run(_context, params) {
        seen.push(params);
        return { message: `sent ${params.quantity}` };
      },
    });
    const context = {} as LabContext;
    await expect(action.run(context, { quantity: 2 })).resolves.toEqual({ message: "sent 2" });
    await expect(action.run(context, { quantity: -1 })).rejects.toThrow();
    await expect(action.run(context, { quantity: 1, queueUrl: "x" })).rejects.toThrow();
    expect(seen).toEqual([{ quantity: 2 }]);
    expect(() => defineStep({ ...connectStep(), actions: [action, action] })).toThrow(/two actions/);
  });
});

describe("CLI commands for a local endpoint", () => {
  it("point every aws command at the endpoint, and leave them alone for real AWS", () => {
    const cli = "aws sqs create-queue --queue-name q\nURL=$(aws sqs get-queue-url --queue-name q) && aws sqs send-message --queue-url $URL";
    expect(withEndpointFlag(cli, "http://127.0.0.1:4790")).toBe(
      "aws --endpoint-url http://127.0.0.1:4790 sqs create-queue --queue-name q\nURL=$(aws --endpoint-url http://127.0.0.1:4790 sqs get-queue-url --queue-name q) && aws --endpoint-url http://127.0.0.1:4790 sqs send-message --queue-url $URL",
    );
    expect(withEndpointFlag(cli, null)).toBe(cli);
  });
});
