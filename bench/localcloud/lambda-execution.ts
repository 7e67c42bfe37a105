/**
 * Lambda execution environments at the pool's API (lib/localcloud/lambda/execution): cold start
 * (worker start + module load) p50/p99, with and without a pre-started spare worker; warm invoke
 * overhead over a no-op handler p50/p99; and the memory of many warm environments.
 *
 *   npx tsx bench/localcloud/lambda-execution.ts [--cold 40] [--warm 2000] [--functions 500] [--sdk 50]
 *
 * Memory is this process's RSS (worker threads live in it): `--functions` no-op functions invoked
 * once each, then `--sdk` more that load @aws-sdk/client-sqs and build an SQSClient at init, as a
 * lab's function would; once with the default cap (maxWarmEnvironments 64), once with a cap that
 * keeps them all warm.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { createExecutionPool } from "../../lib/localcloud/lambda/execution";
import type { ExecutionPool, InvocationInput } from "../../lib/localcloud/lambda/execution";
import { numberOption, rssMb } from "../support";

const args = process.argv.slice(2);
const COLD = numberOption(args, "cold", 40);
const WARM = numberOption(args, "warm", 2000);
const FUNCTIONS = numberOption(args, "functions", 500);
const SDK = numberOption(args, "sdk", 50);
const NODE_MODULES = path.resolve(__dirname, "../../node_modules");

const NOOP = { "index.js": "exports.handler = async () => null;" };
const WITH_SDK = { "index.js": "const { SQSClient } = require('@aws-sdk/client-sqs'); const sqs = new SQSClient({ region: 'us-east-1' }); exports.handler = async () => typeof sqs.send;" };

function zipOf(files: Record<string, string>): { zip: Buffer; sha: string } {
  const zip = Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]))));
  return { zip, sha: createHash("sha256").update(zip).digest("base64") };
}

function input(name: string, code: { zip: Buffer; sha: string }): InvocationInput {
  return {
    functionKey: name,
    codeSha256: code.sha,
    zip: () => code.zip,
    handler: "index.handler",
    runtime: "nodejs20.x",
    environment: { AWS_REGION: "us-east-1" },
    timeoutSeconds: 30,
    memorySizeMB: 128,
    event: "{}",
    context: { requestId: randomUUID(), functionName: name, functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`, functionVersion: "$LATEST", logGroupName: `/aws/lambda/${name}` },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (value: number) => `${value.toFixed(2)} ms`;
const pause = (delayMs: number) => new Promise((resolve) => setTimeout(resolve, delayMs));

function newPool(options: { spareWorkers?: number; maxWarmEnvironments?: number } = {}): { pool: ExecutionPool; done: () => Promise<void> } {
  const workDir = mkdtempSync(path.join(tmpdir(), "bench-lambda-"));
  const pool = createExecutionPool({ nodeModulesDir: NODE_MODULES, workDir, ...options });
  return { pool, done: async () => { await pool.close(); rmSync(workDir, { recursive: true, force: true }); } };
}

async function coldStarts(label: string, spareWorkers: number, gapMs: number, files = NOOP): Promise<void> {
  const { pool, done } = newPool({ spareWorkers, maxWarmEnvironments: COLD + 5 });
  const code = zipOf(files);
  await pool.invoke(input("warm-up", code)); // unpacks the code and loads the bootstrap once
  const wall: number[] = [];
  const init: number[] = [];
  for (let i = 0; i < COLD; i += 1) {
    if (gapMs > 0) await pause(gapMs);
    const started = performance.now();
    const result = await pool.invoke(input(`cold-${i}`, code));
    wall.push(performance.now() - started);
    init.push(result.initDurationMs ?? NaN);
  }
  console.log(`cold start, ${label}: invoke p50 ${ms(percentile(wall, 50))}, p99 ${ms(percentile(wall, 99))}; init p50 ${ms(percentile(init, 50))}, p99 ${ms(percentile(init, 99))}`);
  await done();
}

async function warmOverhead(): Promise<void> {
  const { pool, done } = newPool();
  const fn = input("warm", zipOf(NOOP));
  for (let i = 0; i < 200; i += 1) await pool.invoke({ ...fn, context: { ...fn.context, requestId: randomUUID() } });
  const wall: number[] = [];
  const handler: number[] = [];
  for (let i = 0; i < WARM; i += 1) {
    const started = performance.now();
    const result = await pool.invoke({ ...fn, context: { ...fn.context, requestId: randomUUID() } });
    wall.push(performance.now() - started);
    handler.push(result.durationMs);
  }
  console.log(`warm invoke of a no-op handler (${WARM}): p50 ${ms(percentile(wall, 50))}, p99 ${ms(percentile(wall, 99))}; handler duration p50 ${ms(percentile(handler, 50))}`);
  await done();
}

/** RSS with `FUNCTIONS` no-op functions and `SDK` SDK-loading ones invoked once each, at most `cap` kept warm. */
async function memory(cap: number): Promise<void> {
  const before = rssMb(process.pid);
  const { pool, done } = newPool({ maxWarmEnvironments: cap });
  const noop = zipOf(NOOP);
  const inputs = Array.from({ length: FUNCTIONS }, (_, i) => input(`fn-${i}`, noop));
  console.log(`cap ${cap}: ${FUNCTIONS} functions created, never invoked: RSS ${before.toFixed(0)} → ${rssMb(process.pid).toFixed(0)} MiB`);
  const started = performance.now();
  for (let i = 0; i < inputs.length; i += 10) await Promise.all(inputs.slice(i, i + 10).map((fn) => pool.invoke(fn)));
  await pause(500);
  const warm = rssMb(process.pid);
  const { environments } = pool.stats();
  console.log(`cap ${cap}: ${FUNCTIONS} no-op functions invoked once each (${((performance.now() - started) / 1000).toFixed(1)} s), ${environments} warm: RSS ${warm.toFixed(0)} MiB, +${(warm - before).toFixed(0)} MiB, ${((warm - before) / environments).toFixed(1)} MiB per environment`);
  if (SDK > 0) {
    const sdk = zipOf(WITH_SDK);
    for (let i = 0; i < SDK; i += 5) await Promise.all(Array.from({ length: Math.min(5, SDK - i) }, (_, j) => pool.invoke(input(`sdk-${i + j}`, sdk))));
    await pause(500);
    const withSdk = rssMb(process.pid);
    console.log(`cap ${cap}: + ${SDK} functions that load @aws-sdk/client-sqs, ${pool.stats().environments} warm: RSS ${withSdk.toFixed(0)} MiB, +${(withSdk - before).toFixed(0)} MiB over the start`);
  }
  await done();
  await pause(1000);
  console.log(`cap ${cap}: after close: RSS ${rssMb(process.pid).toFixed(0)} MiB`);
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${COLD} cold starts, ${WARM} warm invokes, ${FUNCTIONS} + ${SDK} warm functions`);
  await coldStarts("no spare worker", 0, 0);
  await coldStarts("one spare worker, back to back", 1, 0);
  await coldStarts("one spare worker, 100 ms apart", 1, 100);
  await coldStarts("function loading @aws-sdk/client-sqs, one spare worker, 100 ms apart", 1, 100, WITH_SDK);
  await warmOverhead();
  if (FUNCTIONS > 0) {
    await memory(64);
    await memory(FUNCTIONS + SDK);
  }
}

void main();
