import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createExecutionPool } from "./pool";
import { again, invocation, NODE_MODULES, poolForTests } from "./test-support";

describe("the function's environment", () => {
  const bed = poolForTests();

  it("has the function's variables and the runtime's, none of the host's, and its folder as task root", async () => {
    process.env.HOST_ONLY_SECRET = "not for functions";
    const input = invocation(
      {
        "index.js": `exports.handler = async (event, context) => ({
          env: process.env,
          cwd: process.cwd(),
          dirname: __dirname,
          context: { ...context, remaining: context.getRemainingTimeInMillis() },
        });`,
      },
      { environment: { AWS_REGION: "eu-west-1", FAILURE_MODE: "none", TZ: ":UTC" }, memorySizeMB: 256, timeoutSeconds: 30 },
    );
    const result = await bed.pool.invoke(input);
    delete process.env.HOST_ONLY_SECRET;
    if (!result.outcome.ok) throw new Error(JSON.stringify(result.outcome));
    const seen = JSON.parse(result.outcome.payload);
    expect(seen.env).toEqual({
      AWS_REGION: "eu-west-1",
      FAILURE_MODE: "none",
      TZ: ":UTC",
      _HANDLER: "index.handler",
      AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x",
      AWS_LAMBDA_FUNCTION_NAME: input.context.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "256",
      AWS_LAMBDA_LOG_GROUP_NAME: input.context.logGroupName,
      AWS_LAMBDA_LOG_STREAM_NAME: result.logStreamName,
      LAMBDA_RUNTIME_DIR: "/var/runtime",
      LAMBDA_TASK_ROOT: seen.dirname,
    });
    expect(seen.cwd).toBe(seen.dirname);
    expect(seen.dirname.startsWith(bed.workDir)).toBe(true);
    expect(seen.context).toEqual({
      callbackWaitsForEmptyEventLoop: true,
      functionName: input.context.functionName,
      functionVersion: "$LATEST",
      invokedFunctionArn: input.context.functionArn,
      memoryLimitInMB: "256",
      awsRequestId: input.context.requestId,
      logGroupName: input.context.logGroupName,
      logStreamName: result.logStreamName,
      remaining: expect.any(Number),
    });
    expect(seen.context.remaining).toBeGreaterThan(25_000);
    expect(seen.context.remaining).toBeLessThanOrEqual(30_000);
  });

  it("unpacks each code sha once, and functions sharing it share the folder", async () => {
    const files = { "index.js": "exports.handler = async () => __dirname;" };
    const first = invocation(files);
    const one = await bed.pool.invoke(first);
    let unpacked = 0;
    const other = invocation(files);
    expect(other.codeSha256).toBe(first.codeSha256);
    const two = await bed.pool.invoke({ ...other, zip: () => { unpacked += 1; return Buffer.alloc(0); } });
    expect(unpacked).toBe(0);
    expect(two.outcome).toEqual(one.outcome);
  });
});

describe("the work folder", () => {
  it("is cleared of code an earlier pool unpacked, which is unpacked again when invoked", async () => {
    const workDir = mkdtempSync(join(tmpdir(), "lambda-execution-"));
    const input = invocation({ "index.js": "exports.handler = async () => 'fresh';" });
    const first = createExecutionPool({ nodeModulesDir: NODE_MODULES, workDir });
    await first.invoke(input);
    await first.close();
    const unpacked = readdirSync(workDir).filter((entry) => !entry.startsWith(".") && entry !== "node_modules");
    expect(unpacked).toHaveLength(1);
    const second = createExecutionPool({ nodeModulesDir: NODE_MODULES, workDir });
    expect(existsSync(join(workDir, unpacked[0]))).toBe(false);
    expect((await second.invoke(again(input))).outcome).toEqual({ ok: true, payload: '"fresh"' });
    await second.close();
    rmSync(workDir, { recursive: true, force: true });
  });
});
