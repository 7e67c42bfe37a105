/**
 * Kinesis PutRecords throughput (records/s) through @aws-sdk/client-kinesis, against servers each
 * in its own process: a no-op server that answers a ready-made PutRecords response at once (the
 * limit the client and HTTP impose), the local cloud (`npm run localcloud -- --ephemeral`), and
 * moto_server.
 *
 *   npx tsx bench/localcloud/kinesis-put-records.ts [--seconds 3] [--rounds 5] [--concurrency 8] [--batch 500] [--shards 400] [--no-moto]
 *
 * The Kinesis client's default handler is HTTP/2, so the no-op server and the local cloud are
 * measured over HTTP/2 with it; moto_server speaks only HTTP/1.1, so it is measured with the
 * HTTP/1.1 handler, next to the local cloud and the no-op server over HTTP/1.1 too. The stream
 * has enough shards that the per-shard limit (1,000 records/s) is not what is measured; records
 * that were throttled anyway are not counted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { CreateStreamCommand, KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { freePort, numberOption, waitForPort } from "../support";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => numberOption(args, name, fallback);
const SECONDS = option("seconds", 3);
const ROUNDS = option("rounds", 5);
const CONCURRENCY = option("concurrency", 8);
const BATCH = option("batch", 500);
const SHARDS = option("shards", 400);
const WITH_MOTO = !args.includes("--no-moto");
const STREAM = "bench-clicks";
const ROOT = path.resolve(__dirname, "..", "..");

/** Answers every request with a PutRecords response for a full batch, over h2c and HTTP/1.1. */
const NOOP_SERVER = `
const http = require("http"), http2 = require("http2"), net = require("net");
const batch = Number(process.argv[2]);
const records = Array.from({ length: batch }, (_, i) => ({ ShardId: "shardId-" + String(i % 400).padStart(12, "0"), SequenceNumber: "4963" + String(i).padStart(52, "0") }));
const body = JSON.stringify({ FailedRecordCount: 0, Records: records });
const answer = (req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
};
const h1 = http.createServer({ keepAliveTimeout: 65000 }, answer);
const h2 = http2.createServer({}, answer);
const preface = Buffer.from("PRI * HTTP/2.0");
net.createServer((socket) => {
  socket.once("data", (chunk) => {
    socket.pause();
    socket.unshift(chunk);
    (chunk.subarray(0, preface.length).equals(preface) ? h2 : h1).emit("connection", socket);
    process.nextTick(() => socket.resume());
  });
}).listen(Number(process.argv[1]), "127.0.0.1");
`;

interface Server {
  name: string;
  endpoint: string;
  port: number;
  process: ChildProcess;
}

/**
 * CPU time (ms) the server's processes have used, from /proc (Linux): the processes whose command
 * line holds the server's port (tsx and pyenv start the real server as a child). Throughput on a
 * shared 2-core machine depends on what else runs; CPU per record does not.
 */
function serverCpuMs(port: number): number | null {
  if (!fs.existsSync("/proc/self/stat")) return null;
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (!args.includes(String(port))) continue;
      const fields = fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ");
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

async function startServer(name: string): Promise<Server> {
  const port = await freePort();
  let child: ChildProcess;
  if (name === "no-op server") child = spawn(process.execPath, ["-e", NOOP_SERVER, String(port), String(BATCH)], { stdio: "ignore" });
  else if (name === "local cloud") {
    child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "lib/localcloud/cli.ts", "--port", String(port), "--ephemeral"], {
      cwd: ROOT,
      stdio: "ignore",
    });
  } else child = spawn("moto_server", ["-p", String(port)], { stdio: "ignore" });
  await waitForPort(port);
  return { name, endpoint: `http://127.0.0.1:${port}`, port, process: child };
}

type Protocol = "HTTP/2" | "HTTP/1.1";

function client(endpoint: string, protocol: Protocol): KinesisClient {
  return new KinesisClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    // HTTP/2: the client's own default handler. HTTP/1.1: keep-alive sockets, one per request in flight.
    ...(protocol === "HTTP/1.1"
      ? { requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }) }) }
      : {}),
  });
}

async function prepare(server: Server, kinesis: KinesisClient): Promise<void> {
  if (server.name === "no-op server") return;
  await kinesis.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: SHARDS }));
  if (server.name === "local cloud") {
    await fetch(`${server.endpoint}/_localcloud/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ advanceSeconds: 5 }) });
  }
}

const payload = Buffer.from(JSON.stringify({ eventType: "user_activity", userId: "user-0000", action: "view", page: "/menu/espresso" }));

function batch(offset: number): PutRecordsCommand {
  return new PutRecordsCommand({
    StreamName: STREAM,
    Records: Array.from({ length: BATCH }, (_, i) => ({ PartitionKey: `user-${(offset + i) % 100_000}`, Data: payload })),
  });
}

async function measure(kinesis: KinesisClient, seconds: number): Promise<{ perSecond: number; throttled: number }> {
  let offset = 0;
  let accepted = 0;
  let throttled = 0;
  const deadline = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      const out = await kinesis.send(batch(offset));
      offset += BATCH;
      accepted += BATCH - (out.FailedRecordCount ?? 0);
      throttled += out.FailedRecordCount ?? 0;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { perSecond: accepted / ((Date.now() - started) / 1000), throttled };
}

/** Load on this shared machine comes and goes: servers are measured in turns, round after round,
 *  and each figure is the median of its rounds. */
async function main() {
  const plan: Array<{ server: string; protocol: Protocol }> = [
    { server: "no-op server", protocol: "HTTP/2" },
    { server: "local cloud", protocol: "HTTP/2" },
    { server: "no-op server", protocol: "HTTP/1.1" },
    { server: "local cloud", protocol: "HTTP/1.1" },
    ...(WITH_MOTO ? [{ server: "moto_server", protocol: "HTTP/1.1" as Protocol }] : []),
  ];
  const servers = new Map<string, Server>();
  const clients = new Map<string, KinesisClient>();
  const samples = new Map<string, number[]>();
  const cpu = new Map<string, { ms: number; records: number }>();
  let throttled = 0;
  const key = (p: { server: string; protocol: Protocol }) => `${p.server} over ${p.protocol}`;
  try {
    for (const entry of plan) {
      let server = servers.get(entry.server);
      if (!server) {
        server = await startServer(entry.server);
        servers.set(entry.server, server);
        const setup = client(server.endpoint, "HTTP/1.1");
        await prepare(server, setup);
        setup.destroy();
      }
      const kinesis = client(server.endpoint, entry.protocol);
      clients.set(key(entry), kinesis);
      await measure(kinesis, 1); // warm-up: JIT, sessions
      samples.set(key(entry), []);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const entry of plan) {
        const port = servers.get(entry.server)?.port ?? 0;
        const cpuBefore = serverCpuMs(port);
        const result = await measure(clients.get(key(entry)) as KinesisClient, SECONDS);
        const cpuAfter = serverCpuMs(port);
        samples.get(key(entry))?.push(result.perSecond);
        if (cpuBefore !== null && cpuAfter !== null) {
          const sum = cpu.get(key(entry)) ?? { ms: 0, records: 0 };
          cpu.set(key(entry), { ms: sum.ms + cpuAfter - cpuBefore, records: sum.records + result.perSecond * SECONDS });
        }
        if (entry.server === "local cloud") throttled += result.throttled;
      }
    }
  } finally {
    for (const kinesis of clients.values()) kinesis.destroy();
    for (const server of servers.values()) server.process.kill();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const figure = (name: string) => median(samples.get(name) ?? [0]);
  console.log(
    `Kinesis PutRecords through the SDK: ${BATCH} records of ${payload.length} bytes per call, ${CONCURRENCY} calls in flight, ` +
      `${SHARDS} shards; median of ${ROUNDS} rounds of ${SECONDS} s; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
  );
  const cpuPerRecord = (name: string) => {
    const sum = cpu.get(name);
    return sum && sum.records > 0 ? (sum.ms * 1000) / sum.records : null;
  };
  for (const entry of plan) {
    const perRecord = cpuPerRecord(key(entry));
    const cpuText = perRecord === null ? "" : ` | server CPU ${perRecord.toFixed(1)} µs/record`;
    console.log(`${key(entry).padEnd(28)} ${figure(key(entry)).toFixed(0).padStart(7)} records/s${cpuText}`);
  }
  const h2 = figure("local cloud over HTTP/2") / figure("no-op server over HTTP/2");
  const h1 = figure("local cloud over HTTP/1.1") / figure("no-op server over HTTP/1.1");
  console.log(`local cloud = ${h2.toFixed(2)}× no-op over HTTP/2, ${h1.toFixed(2)}× no-op over HTTP/1.1`);
  if (WITH_MOTO) {
    console.log(
      `local cloud = ${(figure("local cloud over HTTP/2") / figure("moto_server over HTTP/1.1")).toFixed(1)}× moto (each with its best protocol), ` +
        `${(figure("local cloud over HTTP/1.1") / figure("moto_server over HTTP/1.1")).toFixed(1)}× moto over HTTP/1.1`,
    );
  }
  const ourCpu = cpuPerRecord("local cloud over HTTP/1.1");
  const motoCpu = cpuPerRecord("moto_server over HTTP/1.1");
  if (WITH_MOTO && ourCpu && motoCpu) console.log(`server CPU per record over HTTP/1.1: moto uses ${(motoCpu / ourCpu).toFixed(1)}× the local cloud's`);
  console.log(`records the local cloud throttled during the runs: ${throttled}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
