/**
 * The "Do it yourself" AWS CLI commands of the steps that create resources, run as the page shows
 * them (with --endpoint-url added) by the real AWS CLI against the local cloud: the table and its
 * stream, the queues and redrive policy, the pipe's role and both pipes, the topic, subscription
 * and alarm. Lambda commands are left out (the workbook's runtime plays Lambda).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { snippetContext, withEndpointFlag } from "@/lib/lab-framework/context";
import lab from "./lab";

const AWS_CLI = "/usr/bin/aws";
const execFileAsync = promisify(execFile);
const available = existsSync(AWS_CLI);
const STEPS = ["orders-table", "stream-consumer", "queues", "route-with-pipe", "pipe-on-stream", "alerts", "metrics"];

let cloud: LocalCloud;
beforeAll(async () => {
  if (available) cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.close();
});

function script(endpoint: string): string {
  const c = snippetContext(lab, { connection: { mode: "embedded" }, region: "us-east-1", prefix: "cli1" });
  const parts = ["set -euo pipefail"];
  for (const step of lab.steps.filter((s) => STEPS.includes(s.id))) {
    const lines = step.cli(c).split("\n");
    // A Lambda command and its continuation lines.
    const kept = lines.filter((line, i) => {
      let start = i;
      while (start > 0 && lines[start - 1].trimEnd().endsWith("\\")) start--;
      return !lines[start].includes("aws lambda");
    });
    parts.push(withEndpointFlag(kept.join("\n"), endpoint));
  }
  return parts.join("\n");
}

describe("the steps' AWS CLI commands", () => {
  it.skipIf(!available)(`run as written against the local cloud${available ? "" : " (skipped: /usr/bin/aws not installed)"}`, { timeout: 150_000 }, async () => {
    // Asynchronously: the cloud answering the CLI runs in this process.
    const env = { NODE_ENV: "test" as const, PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" };
    const run = await execFileAsync("bash", ["-c", script(cloud.endpoint)], { env, timeout: 120_000, maxBuffer: 10 * 1024 * 1024 }).then(
      ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ status: error.code ?? 1, stdout: error.stdout ?? "", stderr: error.stderr ?? "" }),
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('"LatestStreamArn": "arn:aws:dynamodb:us-east-1:000000000000:table/cli1-Orders/stream/');
    expect(run.stdout).toContain('\\"maxReceiveCount\\":3');
    expect(run.stdout).toContain('"Arn": "arn:aws:pipes:us-east-1:000000000000:pipe/cli1-HighValueOrderStreamPipe"');
    expect(run.stdout).toContain('"SubscriptionArn": "pending confirmation"');
  });
});
