/**
 * SQS throughput through @aws-sdk/client-sqs on loopback: each cycle sends a batch of 10
 * (SendMessageBatch), receives up to 10 (ReceiveMessage) and deletes what it got
 * (DeleteMessageBatch). Messages/s = messages deleted per second, side by side for:
 *
 *   no-op server  answers the same three calls with canned, valid responses (the limit: the SDK
 *                 client and HTTP on this machine);
 *   local cloud   this project's SQS;
 *   fauxqs 1.9.2  started with its library API (startFauxqs);
 *   moto_server   (separate layout only: it is a Python process).
 *
 * Two layouts: "separate", each server in its own process (client and server on their own core),
 * and "in-process", the server in the bench's own process (as the app embeds the local cloud), so
 * every microsecond the server spends is taken from the client.
 *
 * Besides wall-clock messages/s, each run records the CPU time the client and the server used
 * (process.cpuUsage, /proc/<pid>/stat) and reports messages per CPU-second: what the machine
 * would do if it were not shared (on a 2-core box with other work running, wall-clock figures
 * swing from run to run; CPU per message hardly does).
 *
 * Also: RSS of the local cloud's process idle, after 100k messages went through it, and holding
 * 100k messages; cold start to the first SQS answer (in-process startLocalCloud(), and the CLI).
 *
 *   npx tsx bench/localcloud/sqs-throughput.ts [--seconds 5] [--rounds 3] [--concurrency 8] [--no-moto] [--layout separate|in-process|both]
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { BENCH_BODY, noopHandler } from "./sqs-noop-server";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const SECONDS = Number(option("seconds", "5"));
const ROUNDS = Number(option("rounds", "3"));
const CONCURRENCY = Number(option("concurrency", "8"));
const LAYOUT = option("layout", "both");
const WITH_MOTO = !args.includes("--no-moto");
const ROOT = path.resolve(__dirname, "..", "..");
const BODY = BENCH_BODY;
const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function client(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: "us-east-1",
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }) }),
  });
}

async function firstAnswer(endpoint: string, timeoutMs = 60_000): Promise<void> {
  const sqs = client(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await sqs.send(new ListQueuesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  } finally {
    sqs.destroy();
  }
}

interface Target {
  name: string;
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

const FAUXQS_SCRIPT = `
import { startFauxqs } from "fauxqs";
const server = await startFauxqs({ port: Number(process.argv[1]), logger: false });
`;
function childTarget(name: string, child: ChildProcess, endpoint: string): Target {
  return {
    name,
    endpoint,
    pid: child.pid as number,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

async function startSeparate(name: string): Promise<Target> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  if (name === "no-op server") {
    child = spawn(process.execPath, ["--import", "tsx", "bench/localcloud/sqs-noop-server.ts", String(port)], { cwd: ROOT, stdio: "ignore" });
  } else if (name === "local cloud") {
    child = spawn(process.execPath, ["--import", "tsx", "lib/localcloud/cli.ts", "--port", String(port), "--ephemeral"], { cwd: ROOT, stdio: "ignore" });
  } else if (name === "fauxqs 1.9.2") {
    child = spawn(process.execPath, ["--input-type=module", "-e", FAUXQS_SCRIPT, String(port)], { cwd: ROOT, stdio: "ignore" });
  } else {
    child = spawn("moto_server", ["-p", String(port)], { stdio: "ignore", env: { ...process.env, MOTO_ACCOUNT_ID: "000000000000" } });
  }
  await firstAnswer(endpoint);
  return childTarget(name, child, endpoint);
}

async function startInProcess(name: string): Promise<Target> {
  if (name === "no-op server") {
    const server = http.createServer({ keepAliveTimeout: 65000 }, noopHandler());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    return {
      name,
      endpoint: `http://127.0.0.1:${port}`,
      pid: process.pid,
      stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    };
  }
  if (name === "local cloud") {
    const { startLocalCloud } = await import("../../lib/localcloud/index");
    const cloud = await startLocalCloud({ port: 0, dataDir: null });
    return { name, endpoint: cloud.endpoint, pid: process.pid, stop: () => cloud.close() };
  }
  const { startFauxqs } = await import("fauxqs");
  const server = await startFauxqs({ port: 0, logger: false });
  return { name, endpoint: `http://127.0.0.1:${server.port}`, pid: process.pid, stop: () => server.stop() };
}

async function queueUrl(sqs: SQSClient, target: Target): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-${Date.now()}` }));
  if (target.name === "no-op server") return `${target.endpoint}/000000000000/bench`;
  return QueueUrl as string;
}

const entries = Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: BODY }));

/** Runs send(10) → receive(10) → delete-batch cycles for `seconds`; returns messages deleted per second. */
async function measure(sqs: SQSClient, url: string, seconds: number, limit = Infinity): Promise<{ perSecond: number; moved: number }> {
  let moved = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline && moved < limit) {
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
      if (Messages.length === 0) continue;
      await sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: url, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }),
      );
      moved += Messages.length;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { perSecond: moved / ((Date.now() - started) / 1000), moved };
}

/** CPU seconds a process has used (all its threads), from /proc. */
function processCpuSeconds(pid: number): number {
  if (pid === process.pid) {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  }
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function runLayout(layout: "separate" | "in-process"): Promise<Map<string, number>> {
  const names = ["no-op server", "local cloud", "fauxqs 1.9.2", ...(layout === "separate" && WITH_MOTO ? ["moto_server"] : [])];
  const results = new Map<string, number[]>();
  const targets: Target[] = [];
  for (const name of names) targets.push(layout === "separate" ? await startSeparate(name) : await startInProcess(name));
  const clients = new Map(targets.map((t) => [t.name, client(t.endpoint)]));
  const urls = new Map<string, string>();
  for (const target of targets) urls.set(target.name, await queueUrl(clients.get(target.name) as SQSClient, target));
  for (const target of targets) await measure(clients.get(target.name) as SQSClient, urls.get(target.name) as string, 1);
  const perCpu = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      const seconds = target.name === "moto_server" ? Math.max(2, SECONDS / 2) : SECONDS;
      const clientBefore = processCpuSeconds(process.pid);
      const serverBefore = target.pid === process.pid ? 0 : processCpuSeconds(target.pid);
      const { perSecond, moved } = await measure(clients.get(target.name) as SQSClient, urls.get(target.name) as string, seconds);
      const cpu = processCpuSeconds(process.pid) - clientBefore + (target.pid === process.pid ? 0 : processCpuSeconds(target.pid) - serverBefore);
      results.set(target.name, [...(results.get(target.name) ?? []), perSecond]);
      perCpu.set(target.name, [...(perCpu.get(target.name) ?? []), moved / cpu]);
    }
  }
  for (const sqs of clients.values()) sqs.destroy();
  for (const target of targets) await target.stop();
  const medians = new Map([...results].map(([name, values]) => [name, median(values)]));
  const cpuMedians = new Map([...perCpu].map(([name, values]) => [name, median(values)]));
  const noop = medians.get("no-op server") as number;
  const local = medians.get("local cloud") as number;
  const noopCpu = cpuMedians.get("no-op server") as number;
  const localCpu = cpuMedians.get("local cloud") as number;
  console.log(`\n${layout === "separate" ? "separate processes" : "in the bench's process"}, ${CONCURRENCY} concurrent cycles, median of ${ROUNDS} rounds:`);
  console.log("| server | messages/s (wall) | vs no-op | local cloud vs it | messages per CPU-second | vs no-op | local cloud vs it |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const [name, value] of medians) {
    const c = cpuMedians.get(name) as number;
    const self = name === "local cloud";
    console.log(
      `| ${name} | ${fmt(value)} | ${(value / noop).toFixed(2)}× | ${self ? "—" : `${(local / value).toFixed(2)}×`} | ${fmt(c)} | ${(c / noopCpu).toFixed(2)}× | ${self ? "—" : `${(localCpu / c).toFixed(2)}×`} |`,
    );
  }
  return medians;
}

async function memoryAndColdStart(): Promise<void> {
  // Cold start in this process: startLocalCloud() until the first SQS answer.
  const t0 = performance.now();
  const { startLocalCloud } = await import("../../lib/localcloud/index");
  const imported = performance.now();
  const cloud = await startLocalCloud({ port: 0, dataDir: null });
  await firstAnswer(cloud.endpoint);
  const inProcess = performance.now();
  await cloud.close();
  console.log(`\ncold start, in-process: import ${fmt(imported - t0)} ms + startLocalCloud() to first SQS answer ${fmt(inProcess - imported)} ms`);

  // Cold start of the CLI process, then its RSS idle, after 100k messages through, holding 100k.
  const port = await freePort();
  const spawned = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "lib/localcloud/cli.ts", "--port", String(port), "--ephemeral"], { cwd: ROOT, stdio: "ignore" });
  const endpoint = `http://127.0.0.1:${port}`;
  await firstAnswer(endpoint);
  console.log(`cold start, CLI process (node + tsx + every service): ${fmt(performance.now() - spawned)} ms to first SQS answer`);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idle = rssMb(child.pid as number);
  const sqs = client(endpoint);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "bench-memory" }));
  const through = await measure(sqs, QueueUrl as string, 600, 100_000);
  const afterThrough = rssMb(child.pid as number);
  const { QueueUrl: heldUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "bench-held" }));
  const senders = Array.from({ length: CONCURRENCY }, async (_, w) => {
    for (let i = w; i < 10_000; i += CONCURRENCY) await sqs.send(new SendMessageBatchCommand({ QueueUrl: heldUrl, Entries: entries }));
  });
  await Promise.all(senders);
  const holding = rssMb(child.pid as number);
  sqs.destroy();
  child.kill("SIGKILL");
  console.log(`RSS of the local cloud process: idle ${fmt(idle)} MB; after ${fmt(through.moved)} messages through ${fmt(afterThrough)} MB; holding 100,000 messages ${fmt(holding)} MB`);
}

async function main() {
  console.log(`node ${process.version}, ${(await import("node:os")).cpus().length} CPUs`);
  if (LAYOUT === "separate" || LAYOUT === "both") await runLayout("separate");
  if (LAYOUT === "in-process" || LAYOUT === "both") await runLayout("in-process");
  if (!args.includes("--no-memory")) await memoryAndColdStart();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
