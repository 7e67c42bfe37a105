/**
 * PutItem and conditional PutItem throughput through @aws-sdk/client-dynamodb, against three
 * servers each in its own process: a no-op server that answers `{}` at once (the limit the client
 * and HTTP impose), the local cloud (`npm run localcloud -- --ephemeral`), and moto_server.
 *
 *   npx tsx bench/localcloud/dynamodb-put.ts [--seconds 2] [--rounds 8] [--concurrency 16] [--no-moto] [--stream]
 *
 * Prints ops/s per server and workload (median of the rounds), the local cloud's ratio to the no-op
 * server and moto, and each server's CPU time per request (from /proc: steady under machine load).
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { freePort, numberOption, processCpuSeconds, waitForPort } from "../support";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => numberOption(args, name, fallback);
const SECONDS = option("seconds", 2);
const ROUNDS = option("rounds", 8);
const CONCURRENCY = option("concurrency", 16);
const WITH_MOTO = !args.includes("--no-moto");
const WITH_STREAM = args.includes("--stream");
const TABLE = "bench-orders";
const ROOT = path.resolve(__dirname, "..", "..");

/** The no-op server runs in a child process too, so every server gets a core of its own. */
const NOOP_SERVER = `
const http = require("http");
const body = "{}";
http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
}).listen(Number(process.argv[1]), "127.0.0.1");
`;

interface Server {
  name: string;
  endpoint: string;
  process: ChildProcess;
  needsTable: boolean;
}

async function startServer(name: string): Promise<Server> {
  const port = await freePort();
  let child: ChildProcess;
  if (name === "no-op server") child = spawn(process.execPath, ["-e", NOOP_SERVER, String(port)], { stdio: "ignore" });
  else if (name === "local cloud") {
    child = spawn(process.execPath, ["--import", "tsx", "lib/localcloud/cli.ts", "--port", String(port), "--ephemeral"], {
      cwd: ROOT,
      stdio: "ignore",
    });
  } else child = spawn("moto_server", ["-p", String(port)], { stdio: "ignore" });
  await waitForPort(port);
  return { name, endpoint: `http://127.0.0.1:${port}`, process: child, needsTable: name !== "no-op server" };
}

function client(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }) }),
  });
}

async function prepare(server: Server, ddb: DynamoDBClient): Promise<void> {
  if (!server.needsTable) return;
  await ddb.send(
    new CreateTableCommand({
      TableName: TABLE,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
      ...(WITH_STREAM ? { StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" as const } } : {}),
    }),
  );
  // The local cloud keeps a new table CREATING for half a second of virtual time.
  await new Promise((r) => setTimeout(r, 1000));
}

type Workload = "PutItem" | "conditional PutItem";

function request(workload: Workload, n: number, run: string): PutItemCommand {
  const Item = {
    pk: { S: `${run}-order-${n}` },
    customer: { S: `customer-${n % 97}` },
    total: { N: String((n % 1000) + 0.5) },
    items: { L: [{ M: { sku: { S: "espresso" }, qty: { N: "2" } } }, { M: { sku: { S: "croissant" }, qty: { N: "1" } } }] },
    status: { S: "NEW" },
  };
  return workload === "PutItem"
    ? new PutItemCommand({ TableName: TABLE, Item })
    : new PutItemCommand({ TableName: TABLE, Item, ConditionExpression: "attribute_not_exists(pk)" });
}

async function measure(ddb: DynamoDBClient, workload: Workload, seconds: number): Promise<number> {
  const run = Math.random().toString(36).slice(2, 8);
  let next = 0;
  let done = 0;
  const deadline = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      await ddb.send(request(workload, next++, run));
      done++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return done / ((Date.now() - started) / 1000);
}

/** Load on this shared machine comes and goes: servers are measured in turns, round after round,
 *  and each figure is the median of its rounds. */
async function main() {
  const names = ["no-op server", "local cloud", ...(WITH_MOTO ? ["moto_server"] : [])];
  const workloads: Workload[] = ["PutItem", "conditional PutItem"];
  const servers: Server[] = [];
  const clients = new Map<string, DynamoDBClient>();
  const samples: Record<string, Record<Workload, number[]>> = {};
  const cpu: Record<string, Record<Workload, { ms: number; ops: number }>> = {};
  try {
    for (const name of names) {
      const server = await startServer(name);
      servers.push(server);
      const ddb = client(server.endpoint);
      clients.set(name, ddb);
      await prepare(server, ddb);
      await measure(ddb, "PutItem", 1); // warm-up: JIT, sockets
      samples[name] = { PutItem: [], "conditional PutItem": [] };
      cpu[name] = { PutItem: { ms: 0, ops: 0 }, "conditional PutItem": { ms: 0, ops: 0 } };
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const workload of workloads) {
        for (const [index, name] of names.entries()) {
          const pid = servers[index].process.pid;
          const before = processCpuSeconds(pid) * 1000;
          const rate = await measure(clients.get(name)!, workload, SECONDS);
          samples[name][workload].push(rate);
          cpu[name][workload].ms += processCpuSeconds(pid) * 1000 - before;
          cpu[name][workload].ops += rate * SECONDS;
        }
      }
    }
  } finally {
    for (const ddb of clients.values()) ddb.destroy();
    for (const server of servers) server.process.kill();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(
    `DynamoDB PutItem through the SDK: median of ${ROUNDS} rounds of ${SECONDS} s, ${CONCURRENCY} requests in flight` +
      `${WITH_STREAM ? ", table stream NEW_AND_OLD_IMAGES" : ""}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
  );
  for (const workload of workloads) {
    const figure = (name: string) => median(samples[name][workload]);
    const line = names.map((n) => `${n} ${figure(n).toFixed(0)} ops/s`).join(" | ");
    const ours = figure("local cloud");
    const vsMoto = WITH_MOTO ? ` | ${(ours / figure("moto_server")).toFixed(1)}× moto` : "";
    console.log(`${workload.padEnd(20)} ${line} | local cloud = ${(ours / figure("no-op server")).toFixed(2)}× no-op${vsMoto}`);
    const perOp = names.map((n) => `${n} ${((1000 * cpu[n][workload].ms) / Math.max(1, cpu[n][workload].ops)).toFixed(0)} µs`).join(" | ");
    console.log(`${"".padEnd(20)} server CPU per request: ${perOp}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
