/**
 * The catalogue: five labs, each a valid definition whose names fit every service's limits for the
 * longest prefix, and whose first step really passes against a local cloud.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { createLabContext, snippetContext } from "@/lib/lab-framework/context";
import { labs, sharedNames } from "./registry";

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.close();
});

describe("the lab catalogue", () => {
  it("lists the five labs in order, one line each in catalogue.ts", () => {
    expect(labs.map((l) => l.id)).toEqual(["cafe-sqs", "dynamodb-streams-pipes", "sqs-vs-kinesis", "sns-fanout", "fifo-idempotency"]);
    const lines = readFileSync(path.join(__dirname, "catalogue.ts"), "utf8").split("\n").filter((l) => l.startsWith("export "));
    expect(lines).toHaveLength(labs.length);
  });

  it.each(labs.map((lab) => [lab.id, lab] as const))("%s has a title, summary, estimate, resources and writable snippets", (_id, lab) => {
    expect(lab.title.length).toBeGreaterThan(10);
    expect(lab.summary.length).toBeGreaterThan(40);
    expect(lab.minutes).toBeGreaterThan(0);
    expect(Object.keys(lab.resources).length).toBeGreaterThan(0);
    const snippets = snippetContext(lab, { connection: { mode: "embedded" }, region: "eu-west-1", prefix: "a".repeat(20) });
    for (const name of Object.values(snippets.names)) expect(name.startsWith(`${"a".repeat(20)}-`)).toBe(true);
    expect(snippets.tags).toEqual({ Project: "ServerlessLab", Lab: lab.id, Student: "a".repeat(20) });
    for (const step of lab.steps) {
      expect(step.cli(snippets)).toMatch(/^aws /m);
      expect(step.sdk(snippets)).toMatch(/@aws-sdk\//);
      expect(step.explanation.length).toBeGreaterThan(40);
    }
  });

  it.each(labs.map((lab) => [lab.id, lab] as const))("%s: the first step's check passes against the local cloud", async (_id, lab) => {
    const context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "user3" }, AbortSignal.timeout(10_000));
    const [first] = lab.steps;
    const result = await first.check(context);
    expect(result).toMatchObject({ passed: true });
    expect(result.reason).toContain("000000000000");
  });

  it("names the resources two labs share, so the pages can warn", () => {
    expect(sharedNames("sns-fanout").map((s) => `${s.name} ${s.otherLab.id}`)).toContain("<prefix>-Orders dynamodb-streams-pipes");
    expect(sharedNames("sqs-vs-kinesis").map((s) => s.name)).toContain("<prefix>-order-processing-queue");
    expect(sharedNames("fifo-idempotency")).toEqual([]);
  });
});
