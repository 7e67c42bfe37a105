import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { awsCliAvailable, awsCliSkipReason, runAwsCli } from "../test/aws-cli";
import { cloudForTests } from "../test/test-bed";
import { LAMBDA_TRUST_POLICY, zipOf } from "./test-support";

describe("Debian's AWS CLI against Lambda", () => {
  const bed = cloudForTests({});
  const aws = (...args: string[]) => runAwsCli(bed.cloud.endpoint, args);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-cli-"));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it.skipIf(!awsCliAvailable)(`deploys a zip, waits for it, invokes it with a log tail and updates it${awsCliSkipReason}`, async () => {
    const zipFile = path.join(folder, "function.zip");
    fs.writeFileSync(zipFile, zipOf({ "index.js": 'exports.handler = async (event) => { console.log("got", event.id); return { id: event.id, mode: process.env.MODE ?? "none" }; };' }));
    const role = (await aws("iam", "create-role", "--role-name", "cli-fn-role", "--assume-role-policy-document", LAMBDA_TRUST_POLICY)) as { Role: { Arn: string } };
    const created = await aws(
      "lambda", "create-function", "--function-name", "cli-orders", "--runtime", "nodejs22.x", "--handler", "index.handler",
      "--role", role.Role.Arn, "--zip-file", `fileb://${zipFile}`, "--timeout", "5", "--tags", "lab=orders",
    );
    expect(created).toMatchObject({ FunctionName: "cli-orders", State: "Pending", Timeout: 5 });
    await aws("lambda", "wait", "function-active-v2", "--function-name", "cli-orders");

    const outFile = path.join(folder, "out.json");
    const invoked = await aws("lambda", "invoke", "--function-name", "cli-orders", "--cli-binary-format", "raw-in-base64-out", "--payload", '{"id":42}', "--log-type", "Tail", outFile);
    expect(invoked).toMatchObject({ StatusCode: 200, ExecutedVersion: "$LATEST" });
    expect(Buffer.from(invoked.LogResult as string, "base64").toString()).toMatch(/\tINFO\tgot 42\n/);
    expect(JSON.parse(fs.readFileSync(outFile, "utf8"))).toEqual({ id: 42, mode: "none" });

    await aws("lambda", "update-function-configuration", "--function-name", "cli-orders", "--environment", "Variables={MODE=strict}");
    await aws("lambda", "wait", "function-updated-v2", "--function-name", "cli-orders");
    await aws("lambda", "invoke", "--function-name", "cli-orders", "--cli-binary-format", "raw-in-base64-out", "--payload", '{"id":1}', outFile);
    expect(JSON.parse(fs.readFileSync(outFile, "utf8"))).toEqual({ id: 1, mode: "strict" });
    await aws("lambda", "delete-function", "--function-name", "cli-orders");
  });
});
