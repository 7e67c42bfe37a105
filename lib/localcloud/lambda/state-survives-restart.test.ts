import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { IAMClient } from "@aws-sdk/client-iam";
import {
  AddPermissionCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  InvokeCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { afterAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { clientConfig, startTestCloud } from "../test/harness";
import { TRANSITION_MS } from "./model";
import { deployFunction, handlerZip, lambdaRole } from "./test-support";

describe("Lambda across a restart", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-restart-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("keeps functions, their code, tags, policy and concurrency, and runs them after the restart", async () => {
    const open = async () => {
      const cloud = await startTestCloud({ dataDir, flushIntervalMs: 10 });
      return { cloud, lambda: new LambdaClient(clientConfig(cloud)), iam: new IAMClient(clientConfig(cloud)) };
    };
    const first = await open();
    const role = await lambdaRole(first.iam);
    const name = await deployFunction(first, role, handlerZip("return 'v1';"), { Tags: { lab: "orders" }, Environment: { Variables: { MODE: "a" } } });
    await first.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: handlerZip("return 'v2 ' + process.env.MODE;") }));
    first.cloud.clock.advance(TRANSITION_MS);
    await first.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 3 }));
    await first.lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: "sns", Action: "lambda:InvokeFunction", Principal: "sns.amazonaws.com" }));
    const before = await first.lambda.send(new GetFunctionCommand({ FunctionName: name }));
    await close(first);

    const second = await open();
    try {
      const after = await second.lambda.send(new GetFunctionCommand({ FunctionName: name }));
      expect(after.Configuration).toEqual(before.Configuration);
      expect(after.Tags).toEqual({ lab: "orders" });
      expect(after.Concurrency).toEqual({ ReservedConcurrentExecutions: 3 });
      expect(JSON.parse((await second.lambda.send(new GetPolicyCommand({ FunctionName: name }))).Policy as string).Statement[0].Sid).toBe("sns");
      const result = await second.lambda.send(new InvokeCommand({ FunctionName: name }));
      expect(new TextDecoder().decode(result.Payload)).toBe(JSON.stringify("v2 a"));
      const codeFiles = fs.readdirSync(path.join(dataDir, "lambda", "code"));
      expect(codeFiles).toHaveLength(1);
    } finally {
      await close(second);
    }
  });
});

async function close(side: { cloud: LocalCloud; lambda: LambdaClient; iam: IAMClient }) {
  side.lambda.destroy();
  side.iam.destroy();
  await side.cloud.close();
}
