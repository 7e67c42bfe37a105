/**
 * SQS throughput through @aws-sdk/client-sqs on loopback: each cycle sends a batch of 10
 * (SendMessageBatch), receives up to 10 (ReceiveMessage) and deletes what it got
 * (DeleteMessageBatch). Messages/s = messages deleted per second, side by side for:
 *
 *   no-op server           answers the same three calls with canned, valid responses (the limit:
 *                          the SDK client and HTTP on this machine);
 *   local cloud            this project's SQS, as `npm run localcloud` runs it (TypeScript through tsx);
 *   local cloud, compiled  the same code bundled to JavaScript with esbuild (as the app's build runs it,
 *                          and as fauxqs ships);
 *   fauxqs 1.9.2           started with its library API (startFauxqs);
 *   moto_server            (separate layout only: it is a Python process).
 *
 * Two layouts: "separate", each server in its own process (client and server on their own core),
 * and "in-process", the server in the bench's own process (as the app embeds the local cloud), so
 * every microsecond the server spends is taken from the client.
 *
 * On a shared 2-core machine wall-clock rates swing from second to second, so every round measures
 * each server for a short window, back to back in rotating order, and the ratios are computed
 * within a round and then the median taken. Each window also records the CPU time the client and
 * the server used (process.cpuUsage, /proc/<pid>/stat) and reports messages per CPU-second: what
 * the machine would do if it were not shared.
 *
 * Also: cold start (embedded and per server process), RSS idle, after 100k messages went through,
 * and holding 100k messages.
 *
 *   npx tsx bench/localcloud/sqs-throughput.ts [--seconds 1.5] [--rounds 15] [--concurrency 8]
 *     [--layout separate|in-process|both|none] [--no-moto] [--no-memory]
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { freePort, processCpuSeconds, rssMb } from "../support";
import { BENCH_BODY, noopHandler } from "./sqs-noop-server";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const SECONDS = Number(option("seconds", "1.5"));
const ROUNDS = Number(option("rounds", "15"));
const CONCURRENCY = Number(option("concurrency", "8"));
const LAYOUT = option("layout", "both");
const WITH_MOTO = !args.includes("--no-moto");
const ROOT = path.resolve(__dirname, "..", "..");
const BODY = BENCH_BODY;
const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };

function client(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: "us-east-1",
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }) }),
  });
}

/** Polls with a raw ListQueues request (no client library warm-up counted) until the server answers. */
async function firstAnswer(endpoint: string, timeoutMs = 60_000): Promise<void> {
  const { port } = new URL(endpoint);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: Number(port),
          method: "POST",
          path: "/",
          agent: false,
          headers: {
            "content-type": "application/x-amz-json-1.0",
            "x-amz-target": "AmazonSQS.ListQueues",
            authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0",
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", () => resolve(0));
      req.end("{}");
    });
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${endpoint} did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

interface Target {
  name: string;
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

const LOCAL = "local cloud";
const COMPILED = "local cloud, compiled";

/** Bundles the local cloud (library and CLI) to JavaScript with esbuild, once per run. */
let compiled: Promise<{ index: string; cli: string }> | undefined;
function compiledLocalCloud(): Promise<{ index: string; cli: string }> {
  compiled ??= (async () => {
    // esbuild comes with tsx and vite (both dev dependencies); it is only needed by this bench.
    const esbuild = (await import("esbuild")) as typeof import("esbuild");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sqs-bench-"));
    const common = { bundle: true, platform: "node", target: "node20", packages: "external", logLevel: "error" } as const;
    await esbuild.build({ ...common, entryPoints: [path.join(ROOT, "lib/localcloud/index.ts")], format: "cjs", outfile: path.join(dir, "index.cjs") });
    await esbuild.build({ ...common, entryPoints: [path.join(ROOT, "lib/localcloud/cli.ts")], format: "cjs", outfile: path.join(dir, "cli.cjs") });
    // Externals resolve from the project's node_modules.
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    return { index: path.join(dir, "index.cjs"), cli: path.join(dir, "cli.cjs") };
  })();
  return compiled;
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
  } else if (name === LOCAL) {
    child = spawn(process.execPath, ["--import", "tsx", "lib/localcloud/cli.ts", "--port", String(port), "--ephemeral"], { cwd: ROOT, stdio: "ignore" });
  } else if (name === COMPILED) {
    child = spawn(process.execPath, [(await compiledLocalCloud()).cli, "--port", String(port), "--ephemeral"], { cwd: ROOT, stdio: "ignore" });
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
  if (name === LOCAL || name === COMPILED) {
    const { startLocalCloud } = (
      name === LOCAL ? await import("../../lib/localcloud/index") : await import((await compiledLocalCloud()).index)
    ) as typeof import("../../lib/localcloud/index");
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function runLayout(layout: "separate" | "in-process"): Promise<void> {
  const names = ["no-op server", LOCAL, COMPILED, "fauxqs 1.9.2", ...(layout === "separate" && WITH_MOTO ? ["moto_server"] : [])];
  const targets: Target[] = [];
  for (const name of names) targets.push(layout === "separate" ? await startSeparate(name) : await startInProcess(name));
  const clients = new Map(targets.map((t) => [t.name, client(t.endpoint)]));
  const urls = new Map<string, string>();
  for (const target of targets) urls.set(target.name, await queueUrl(clients.get(target.name) as SQSClient, target));
  for (const target of targets) await measure(clients.get(target.name) as SQSClient, urls.get(target.name) as string, 1);

  const wall = new Map<string, number[]>();
  const perCpu = new Map<string, number[]>();
  const wallRatio = new Map<string, number[]>();
  const cpuRatio = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, value: number) => map.set(key, [...(map.get(key) ?? []), value]);
  for (let round = 0; round < ROUNDS; round++) {
    const order = targets.map((_, i) => targets[(i + round) % targets.length]);
    const roundWall = new Map<string, number>();
    const roundCpu = new Map<string, number>();
    for (const target of order) {
      const seconds = target.name === "moto_server" ? SECONDS * 2 : SECONDS;
      const clientBefore = processCpuSeconds(process.pid);
      const serverBefore = target.pid === process.pid ? 0 : processCpuSeconds(target.pid);
      const { perSecond, moved } = await measure(clients.get(target.name) as SQSClient, urls.get(target.name) as string, seconds);
      const cpu = processCpuSeconds(process.pid) - clientBefore + (target.pid === process.pid ? 0 : processCpuSeconds(target.pid) - serverBefore);
      roundWall.set(target.name, perSecond);
      roundCpu.set(target.name, moved / cpu);
    }
    for (const [name, value] of roundWall) {
      push(wall, name, value);
      push(perCpu, name, roundCpu.get(name) as number);
      push(wallRatio, name, value / (roundWall.get("no-op server") as number));
      push(cpuRatio, name, (roundCpu.get(name) as number) / (roundCpu.get("no-op server") as number));
    }
  }
  for (const sqs of clients.values()) sqs.destroy();
  for (const target of targets) await target.stop();

  const m = (map: Map<string, number[]>, name: string) => median(map.get(name) as number[]);
  console.log(`\n${layout === "separate" ? "separate processes" : "in the bench's process"}, ${CONCURRENCY} concurrent cycles, ${ROUNDS} rounds of ${SECONDS} s per server (medians; ratios within each round):`);
  console.log("| server | messages/s | vs no-op | messages per CPU-second | vs no-op |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const name of names) {
    console.log(`| ${name} | ${fmt(m(wall, name))} | ${m(wallRatio, name).toFixed(2)}× | ${fmt(m(perCpu, name))} | ${m(cpuRatio, name).toFixed(2)}× |`);
  }
  for (const local of [LOCAL, COMPILED]) {
    const versus = names.filter((n) => n !== LOCAL && n !== COMPILED && n !== "no-op server");
    const parts = versus.map((other) => {
      const w = (wall.get(local) as number[]).map((v, i) => v / (wall.get(other) as number[])[i]);
      const c = (perCpu.get(local) as number[]).map((v, i) => v / (perCpu.get(other) as number[])[i]);
      return `${other} ${median(w).toFixed(2)}× (per CPU-second ${median(c).toFixed(2)}×)`;
    });
    console.log(`${local} vs ${parts.join(", ")}`);
  }
}

/** Spawns a server and times it from spawn to its first SQS answer. */
async function coldStart(name: string): Promise<{ ms: number; target: Target }> {
  const started = performance.now();
  const target = await startSeparate(name);
  return { ms: performance.now() - started, target };
}

async function memoryAndColdStart(): Promise<void> {
  // The embedded cloud, in a fresh process: import, startLocalCloud(), first answer.
  const embedded: Array<{ importMs: number; startMs: number; firstAnswerMs: number }> = [];
  for (let i = 0; i < 3; i++) {
    const out = await new Promise<string>((resolve) => {
      let text = "";
      const child = spawn(process.execPath, ["--import", "tsx", "bench/localcloud/sqs-cold-start.ts"], { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] });
      child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
      child.on("exit", () => resolve(text));
    });
    embedded.push(JSON.parse(out.trim().split("\n").pop() as string));
  }
  const med = (key: "importMs" | "startMs" | "firstAnswerMs") => median(embedded.map((e) => e[key]));
  console.log(
    `\ncold start, embedded (fresh process, median of 3): startLocalCloud() ${fmt(med("startMs"))} ms + first SQS answer ${fmt(med("firstAnswerMs"))} ms` +
      ` = ${fmt(med("startMs") + med("firstAnswerMs"))} ms; importing the local cloud under tsx before that: ${fmt(med("importMs"))} ms`,
  );

  // Spawn to first answer, and idle RSS, for each server process.
  const names = [LOCAL, COMPILED, "fauxqs 1.9.2", ...(WITH_MOTO ? ["moto_server"] : [])];
  console.log("| server process | spawn to first SQS answer | RSS idle |");
  console.log("| --- | ---: | ---: |");
  let local: Target | undefined;
  for (const name of names) {
    const { ms, target } = await coldStart(name);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const label = name === LOCAL ? `${name} (node --import tsx cli.ts, every service)` : name === COMPILED ? `${name} (node cli.cjs, every service)` : name;
    console.log(`| ${label} | ${fmt(ms)} ms | ${fmt(rssMb(target.pid))} MB |`);
    if (name === LOCAL) local = target;
    else await target.stop();
  }

  // The local cloud's RSS after 100k messages went through it, and holding 100k.
  const target = local as Target;
  const sqs = client(target.endpoint);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "bench-memory" }));
  const through = await measure(sqs, QueueUrl as string, 600, 100_000);
  const afterThrough = rssMb(target.pid);
  const { QueueUrl: heldUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "bench-held" }));
  const senders = Array.from({ length: CONCURRENCY }, async (_, w) => {
    for (let i = w; i < 10_000; i += CONCURRENCY) await sqs.send(new SendMessageBatchCommand({ QueueUrl: heldUrl, Entries: entries }));
  });
  await Promise.all(senders);
  const holding = rssMb(target.pid);
  sqs.destroy();
  await target.stop();
  console.log(`local cloud RSS: after ${fmt(through.moved)} messages went through ${fmt(afterThrough)} MB; holding 100,000 messages ${fmt(holding)} MB`);
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
