/**
 * SQS throughput with persistence on: the three-call cycle of sqs-throughput.ts (SendMessageBatch
 * of 10, ReceiveMessage of up to 10, DeleteMessageBatch of what came back; 8 cycles in flight over
 * keep-alive) against three servers, each in its own process:
 *
 *   no-op server             canned answers (bench/localcloud/sqs-noop-server.ts): the SDK's limit;
 *   local cloud, in memory   `lib/localcloud/cli.ts --ephemeral`;
 *   local cloud, durable     `lib/localcloud/cli.ts --data DIR`: every answer waits for its
 *                            group-commit batch to be synced (fsync) to the state database.
 *
 * First with an empty queue, then with 100,000 messages already held in it (sent before the
 * rounds; the cycle keeps it at that size). Rounds measure each server for a short window in
 * rotating order; ratios are taken within a round, medians reported.
 *
 *   npx tsx bench/localcloud/sqs-durable-throughput.ts [--seconds 1.5] [--rounds 9] [--concurrency 8] [--held 100000]
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { freePort, numberOption, processCpuSeconds, waitForPort } from "../support";
import { BENCH_BODY } from "./sqs-noop-server";

const args = process.argv.slice(2);
const SECONDS = numberOption(args, "seconds", 1.5);
const ROUNDS = numberOption(args, "rounds", 9);
const CONCURRENCY = numberOption(args, "concurrency", 8);
const HELD = numberOption(args, "held", 100_000);
const ROOT = path.resolve(__dirname, "..", "..");
const entries = Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: BENCH_BODY }));

const NOOP = "no-op server";
const MEMORY = "local cloud, in memory";
const DURABLE = "local cloud, durable";

interface Target {
  name: string;
  child: ChildProcess;
  sqs: SQSClient;
  url: string;
}

async function start(name: string, dataDir: string): Promise<Target> {
  const port = await freePort();
  const script = name === NOOP ? ["bench/localcloud/sqs-noop-server.ts", String(port)] : ["lib/localcloud/cli.ts", "--port", String(port), ...(name === MEMORY ? ["--ephemeral"] : ["--data", dataDir])];
  const child = spawn(process.execPath, ["--import", "tsx", ...script], { cwd: ROOT, stdio: "ignore" });
  await waitForPort(port);
  const sqs = new SQSClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 }) }),
  });
  let url = `http://127.0.0.1:${port}/000000000000/bench`;
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await sqs.send(new CreateQueueCommand({ QueueName: "bench" }));
      if (name !== NOOP) url = created.QueueUrl as string;
      break;
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { name, child, sqs, url };
}

async function measure(target: Target, seconds: number): Promise<number> {
  let moved = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      await target.sqs.send(new SendMessageBatchCommand({ QueueUrl: target.url, Entries: entries }));
      const { Messages = [] } = await target.sqs.send(new ReceiveMessageCommand({ QueueUrl: target.url, MaxNumberOfMessages: 10 }));
      if (Messages.length === 0) continue;
      await target.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: target.url, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }));
      moved += Messages.length;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return moved / ((Date.now() - started) / 1000);
}

async function hold(target: Target, count: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count / 10) {
        next += 1;
        await target.sqs.send(new SendMessageBatchCommand({ QueueUrl: target.url, Entries: entries }));
      }
    }),
  );
  const { Attributes } = await target.sqs.send(new GetQueueAttributesCommand({ QueueUrl: target.url, AttributeNames: ["ApproximateNumberOfMessages"] }));
  console.log(`${target.name}: holding ${Attributes?.ApproximateNumberOfMessages} messages`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function rounds(targets: Target[], label: string): Promise<void> {
  for (const target of targets) await measure(target, 1); // warm-up
  const rates = new Map<string, number[]>();
  const perCpu = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    const order = targets.map((_, i) => targets[(i + round) % targets.length]);
    for (const target of order) {
      const cpuBefore = processCpuSeconds(target.child.pid) + processCpuSeconds(process.pid);
      const started = Date.now();
      const rate = await measure(target, SECONDS);
      const cpu = processCpuSeconds(target.child.pid) + processCpuSeconds(process.pid) - cpuBefore;
      rates.set(target.name, [...(rates.get(target.name) ?? []), rate]);
      perCpu.set(target.name, [...(perCpu.get(target.name) ?? []), (rate * (Date.now() - started)) / 1000 / cpu]);
    }
  }
  const ratio = (map: Map<string, number[]>, a: string, b: string) => median((map.get(a) as number[]).map((v, i) => v / (map.get(b) as number[])[i]));
  console.log(`\n${label}: ${CONCURRENCY} cycles in flight, ${ROUNDS} rounds of ${SECONDS} s (medians; ratios within each round)`);
  console.log("| server | messages/s | vs no-op | vs in memory | messages per CPU-second | vs in memory |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const target of targets) {
    const name = target.name;
    const memory = rates.has(MEMORY) ? `${ratio(rates, name, MEMORY).toFixed(2)}×` : "—";
    const noop = rates.has(NOOP) ? `${ratio(rates, name, NOOP).toFixed(2)}×` : "—";
    const cpuMemory = perCpu.has(MEMORY) ? `${ratio(perCpu, name, MEMORY).toFixed(2)}×` : "—";
    console.log(`| ${name} | ${Math.round(median(rates.get(name) as number[])).toLocaleString("en-US")} | ${noop} | ${memory} | ${Math.round(median(perCpu.get(name) as number[])).toLocaleString("en-US")} | ${cpuMemory} |`);
  }
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sqs-durable-bench-"));
  const targets: Target[] = [];
  try {
    for (const name of [NOOP, MEMORY, DURABLE]) targets.push(await start(name, dataDir));
    await rounds(targets, "empty queue");
    const locals = targets.filter((t) => t.name !== NOOP);
    for (const target of locals) await hold(target, HELD);
    await rounds(targets, `${HELD.toLocaleString("en-US")} messages held in the queue`);
  } finally {
    for (const target of targets) {
      target.sqs.destroy();
      target.child.kill("SIGKILL");
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
