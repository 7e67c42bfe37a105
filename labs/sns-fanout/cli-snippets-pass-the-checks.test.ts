/**
 * The "Do it yourself" AWS CLI commands, copied as a student would (with the page's
 * --endpoint-url and the account filled in), run in bash with Debian's AWS CLI against the local
 * cloud: doing the provisioning steps by hand passes the same checks as the buttons.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { snippetContext, withEndpointFlag } from "@/lib/lab-framework/context";
import { peekMessages } from "@/lib/lab-framework/inspect/queue-inspection";
import lab from "./lab";
import type { Context } from "./provision";
import { check, labContext, REGION } from "./test-support";

const AWS = "/usr/bin/aws";
const available = fs.existsSync(AWS);
const skipped = available ? "" : " (skipped: /usr/bin/aws not installed)";
const execute = promisify(execFile);
const PREFIX = "cli1";

let cloud: LocalCloud;
let context: Context;
let workDir: string;

/** The step's CLI text as the page shows it, `<account>` filled in, split at blank lines. */
function commands(stepId: string): string[] {
  const step = lab.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`No step ${stepId}`);
  const snippets = snippetContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: REGION, prefix: PREFIX });
  const text = withEndpointFlag(step.cli(snippets), cloud.endpoint).replaceAll("<account>", "000000000000");
  return text.split(/\n\s*\n/).filter((block) => block.replace(/^#.*$/gm, "").trim() !== "");
}

async function bash(script: string): Promise<string> {
  const { stdout } = await execute("bash", ["-euo", "pipefail", "-c", script], {
    cwd: workDir,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_DEFAULT_REGION: REGION,
      AWS_CONFIG_FILE: "/nonexistent",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
      AWS_PAGER: "",
    },
  });
  return stdout;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await labContext(cloud, PREFIX);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sns-fanout-cli-"));
});

afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe("the CLI commands on each step's page", () => {
  it.skipIf(!available)(`create the table, the topic and the queues so that their checks pass${skipped}`, async () => {
    const [createTable, waitTable] = commands("orders-table");
    await bash(createTable);
    cloud.clock.advance(1000);
    await bash(waitTable);
    expect(await check(context, "orders-table")).toMatchObject({ passed: true });

    for (const block of commands("topic")) await bash(block);
    expect(await check(context, "topic")).toMatchObject({ passed: true });

    // The queues step ends with the example's receive; everything before it creates.
    const queueBlocks = commands("queues");
    await bash(queueBlocks.slice(0, -1).join("\n"));
    expect(await check(context, "queues")).toMatchObject({ passed: true });
  });

  it.skipIf(!available)(`subscribe the queue with its policy and publish the sample order${skipped}`, async () => {
    // One shell: the blocks share TOPIC_ARN, QUEUE_URL and QUEUE_ARN. The last block needs the
    // subscription ARN the student copies from subscribe's answer.
    const blocks = commands("subscription");
    await bash(blocks.slice(0, -1).join("\n"));
    expect(await check(context, "subscription")).toMatchObject({ passed: true });
    const [message] = (await peekMessages(context, `${PREFIX}-OrderQueue`)) ?? [];
    expect(JSON.parse(JSON.parse(message.body).Message)).toMatchObject({ orderId: "O1234", quantity: 1 });
    expect(JSON.parse(message.body)).toMatchObject({ Subject: "New order O1234", MessageAttributes: { quantity: { Type: "Number", Value: "1" } } });
  });

  it.skipIf(!available)(`subscribe the fan-out queues with the filter and publish a large order${skipped}`, async () => {
    const blocks = commands("fan-out");
    const setup = blocks[0];
    // The page says each queue also needs the access policy of the previous step; the local cloud does not enforce it.
    await bash([setup, ...blocks.slice(1)].join("\n"));
    const [large] = (await peekMessages(context, `${PREFIX}-HighQuantityQueue`)) ?? [];
    expect(JSON.parse(JSON.parse(large.body).Message)).toMatchObject({ itemName: "Chairs", quantity: 25 });
    expect((await peekMessages(context, `${PREFIX}-AnalyticsQueue`))?.length).toBe(1);
  });
});
