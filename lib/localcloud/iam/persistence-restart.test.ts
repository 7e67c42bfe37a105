import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateRoleCommand, GetRoleCommand, GetRolePolicyCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, describe, expect, it } from "vitest";
import { clientConfig, startTestCloud } from "../test/harness";

describe("IAM roles across a restart", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-restart-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("keeps roles, their ids and their inline policies", async () => {
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "pipes.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    const first = await startTestCloud({ dataDir, flushIntervalMs: 10 });
    const before = new IAMClient(clientConfig(first));
    const created = await before.send(new CreateRoleCommand({ RoleName: "PipeRole", AssumeRolePolicyDocument: trust }));
    await before.send(new PutRolePolicyCommand({ RoleName: "PipeRole", PolicyName: "Queues", PolicyDocument: trust }));
    before.destroy();
    await first.close();

    const second = await startTestCloud({ dataDir });
    const after = new IAMClient(clientConfig(second));
    try {
      const role = await after.send(new GetRoleCommand({ RoleName: "PipeRole" }));
      expect(role.Role?.RoleId).toBe(created.Role?.RoleId);
      const policy = await after.send(new GetRolePolicyCommand({ RoleName: "PipeRole", PolicyName: "Queues" }));
      expect(decodeURIComponent(policy.PolicyDocument ?? "")).toBe(trust);
    } finally {
      after.destroy();
      await second.close();
    }
  });
});
