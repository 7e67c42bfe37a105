/**
 * The AWS CLI commands the steps show do what the steps' actions do: run as printed (with the
 * --endpoint-url the page adds) by Debian's AWS CLI against a local cloud, step 1's commands
 * create what step 1's check wants, and step 2's send what its check counts (the Debian CLI starts
 * slowly, so the other steps' commands, which reuse these calls, are not run here).
 */
import { execFile, type ExecFileException } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { withEndpointFlag, snippetContext } from "@/lib/lab-framework/context";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import lab from "./lab";
import { queueCounts } from "./live";
import { labContext, REGION } from "./test-support";

const AWS = "/usr/bin/aws";
const available = existsSync(AWS);
const PREFIX = "cli1";

let cloud: LocalCloud;
beforeAll(async () => {
  if (available) cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.close();
});

/** Runs a step's commands as the page prints them (asynchronously: the cloud answers from this process). */
function run(stepId: string): Promise<{ status: number; stderr: string }> {
  const c = snippetContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: REGION, prefix: PREFIX });
  const script = withEndpointFlag(lab.steps.find((s) => s.id === stepId)!.cli(c), cloud.endpoint);
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-c", `set -euo pipefail\n${script}`],
      { encoding: "utf8", env: { NODE_ENV: "test", PATH: "/usr/bin:/bin", HOME: "/tmp", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_DEFAULT_REGION: REGION, AWS_PAGER: "" }, timeout: 60_000 },
      (error: ExecFileException | null, _stdout: string, stderr: string) => resolve({ status: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

it.skipIf(!available)(`step 1's commands make the queues and the table step 1 checks for${available ? "" : " (skipped: /usr/bin/aws not installed)"}`, async () => {
  const context = await labContext(cloud, PREFIX);
  expect((await lab.steps.find((s) => s.id === "queue-and-table")!.check(context)).passed).toBe(false);
  const result = await run("queue-and-table");
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(await lab.steps.find((s) => s.id === "queue-and-table")!.check(context)).toMatchObject({ passed: true });
}, 90_000);

it.skipIf(!available)(`step 2's sends arrive, the repeated one dropped${available ? "" : " (skipped: /usr/bin/aws not installed)"}`, async () => {
  const context = await labContext(cloud, PREFIX);
  expect(await run("producer")).toMatchObject({ status: 0, stderr: "" });
  expect(await queueCounts(context, context.names.ordersQueue)).toMatchObject({ visible: 2 });
  expect(await lab.steps.find((s) => s.id === "producer")!.check(context)).toMatchObject({ passed: true });
}, 90_000);
