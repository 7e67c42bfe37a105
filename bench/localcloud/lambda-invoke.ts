/**
 * Warm Invoke of a no-op function through the Lambda service, at the HTTP level: an in-process
 * local cloud, one LambdaClient (keep-alive), requests one after another. It times Invoke of a
 * warm `async () => null` function and, on the same connection, GetFunctionConfiguration (the same
 * HTTP path and routing without running code); the difference is what Invoke adds (concurrency
 * count, the pool's round trip to the worker, log lines to CloudWatch Logs, metrics).
 *
 *   npx tsx bench/localcloud/lambda-invoke.ts [--requests 2000] [--rounds 3]
 */
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import { performance } from "node:perf_hooks";
import { startLocalCloud } from "../../lib/localcloud";
import { numberOption } from "../support";

const args = process.argv.slice(2);
const REQUESTS = numberOption(args, "requests", 2000);
const ROUNDS = numberOption(args, "rounds", 3);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed(n: number, call: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function main() {
  const cloud = await startLocalCloud({ port: 0, dataDir: null });
  const config = { endpoint: cloud.endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  const iam = new IAMClient(config);
  const lambda = new LambdaClient(config);
  try {
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    const role = (await iam.send(new CreateRoleCommand({ RoleName: "bench-role", AssumeRolePolicyDocument: trust }))).Role?.Arn as string;
    const zip = zipSync({ "index.js": strToU8("exports.handler = async () => null;") });
    await lambda.send(new CreateFunctionCommand({ FunctionName: "noop", Runtime: "nodejs22.x", Handler: "index.handler", Role: role, Code: { ZipFile: zip } }));
    cloud.clock.advance(1_000);
    await timed(200, () => lambda.send(new InvokeCommand({ FunctionName: "noop" })));
    console.log(`warm Invoke vs GetFunctionConfiguration, ${REQUESTS} sequential requests per round (ms)`);
    for (let round = 1; round <= ROUNDS; round++) {
      const baseline = await timed(REQUESTS, () => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "noop" })));
      const invoke = await timed(REQUESTS, () => lambda.send(new InvokeCommand({ FunctionName: "noop" })));
      console.log(
        `round ${round}: GetFunctionConfiguration p50 ${baseline.p50.toFixed(2)} p99 ${baseline.p99.toFixed(2)} | Invoke p50 ${invoke.p50.toFixed(2)} p99 ${invoke.p99.toFixed(2)} | Invoke adds p50 ${(invoke.p50 - baseline.p50).toFixed(2)}`,
      );
    }
  } finally {
    iam.destroy();
    lambda.destroy();
    await cloud.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
