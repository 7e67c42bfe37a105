/**
 * SNS and CloudWatch through the SDK, the local cloud and moto_server each in its own process.
 *
 *   npx tsx bench/localcloud/sns-cloudwatch.ts [--seconds 2] [--rounds 5] [--concurrency 16] [--queues 20] [--no-moto]
 *
 * 1. Throughput, median of the rounds, with each server's CPU time per request (from /proc):
 *    Publish to a topic with one SQS subscription (the message lands in the queue, wrapped in the
 *    signed envelope), and PutMetricData with 20 data points per call.
 * 2. The local cloud over one virtual day: `--queues` queues, each with a DLQ alarm notifying a
 *    topic; the clock is moved a day ahead in one call (1,440 minutes of AWS/SQS metrics emitted
 *    and every alarm evaluated each minute). Reports how long that takes, the data points kept,
 *    the server's RSS before and after, and GetMetricData latency for a dashboard-like read.
 * 3. The services' own cost: Publish and PutMetricData handed straight to each service's
 *    `handle()` in-process (no HTTP, no SDK), microseconds per call.
 * 4. With `node --expose-gc --import tsx bench/localcloud/sns-cloudwatch.ts`: the bytes the metric
 *    store retains per data point, measured in-process after a garbage collection (RSS above
 *    includes garbage V8 has not given back).
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { CloudWatchClient, GetMetricDataCommand, PutMetricAlarmCommand, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { freePort, numberOption, processCpuSeconds, rssMb, waitForPort } from "../support";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => numberOption(args, name, fallback);
const SECONDS = option("seconds", 2);
const ROUNDS = option("rounds", 5);
const CONCURRENCY = option("concurrency", 16);
const QUEUES = option("queues", 20);
const WITH_MOTO = !args.includes("--no-moto");
const ROOT = path.resolve(__dirname, "..", "..");
/** Linux reports CPU time in clock ticks of 1/100 s. */

interface Server {
  name: string;
  endpoint: string;
  child: ChildProcess;
}

async function startServer(name: "local cloud" | "moto_server"): Promise<Server> {
  const port = await freePort();
  const child =
    name === "local cloud"
      ? spawn(process.execPath, ["--import", "tsx", "lib/localcloud/cli.ts", "--port", String(port), "--ephemeral"], { cwd: ROOT, stdio: "ignore" })
      : spawn("moto_server", ["-p", String(port)], { stdio: "ignore", env: { ...process.env, MOTO_ACCOUNT_ID: "000000000000" } });
  await waitForPort(port);
  return { name, endpoint: `http://127.0.0.1:${port}`, child };
}

async function stopServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    server.child.once("exit", () => resolve());
    server.child.kill("SIGTERM");
  });
}

function clients(endpoint: string) {
  const config = {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }) }),
  };
  return { sns: new SNSClient(config), sqs: new SQSClient(config), cw: new CloudWatchClient(config) };
}

type Clients = ReturnType<typeof clients>;

async function queueArn(sqs: SQSClient, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl as string, arn: attributes.Attributes?.QueueArn as string };
}

/** Runs `call` with CONCURRENCY in flight for SECONDS; returns calls per second. */
async function measure(call: (n: number) => Promise<unknown>): Promise<{ rate: number; calls: number }> {
  let calls = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const start = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        await call(calls++);
      }
    }),
  );
  return { rate: (calls / (Date.now() - start)) * 1000, calls };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function throughput(server: Server, c: Clients) {
  const { TopicArn } = await c.sns.send(new CreateTopicCommand({ Name: "bench-orders" }));
  const queue = await queueArn(c.sqs, "bench-orders-queue");
  await c.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
  const order = JSON.stringify({ orderId: "O-0000", itemName: "Laptop", quantity: 1, status: "new" });
  const workloads: Record<string, (n: number) => Promise<unknown>> = {
    "Publish → 1 SQS subscription": (n) =>
      c.sns.send(new PublishCommand({ TopicArn, Message: order.replace("0000", String(n)), MessageAttributes: { store: { DataType: "String", StringValue: "cafe" } } })),
    "PutMetricData, 20 data": (n) =>
      c.cw.send(
        new PutMetricDataCommand({
          Namespace: "Bench/Worker",
          MetricData: Array.from({ length: 20 }, (_, i) => ({
            MetricName: `Metric${i % 5}`,
            Dimensions: [{ Name: "Worker", Value: `w${(n + i) % 4}` }],
            Value: n + i,
            Unit: "Count" as const,
          })),
        }),
      ),
  };
  const results: Record<string, { rate: number; cpuPerCallUs: number }> = {};
  for (const [name, call] of Object.entries(workloads)) {
    const rates: number[] = [];
    const cpu: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = processCpuSeconds(server.child.pid as number);
      const { rate, calls } = await measure(call);
      cpu.push(((processCpuSeconds(server.child.pid as number) - before) / calls) * 1e6);
      rates.push(rate);
    }
    results[name] = { rate: median(rates), cpuPerCallUs: median(cpu) };
  }
  return results;
}

async function oneDay(server: Server, c: Clients) {
  const pid = server.child.pid as number;
  const { TopicArn } = await c.sns.send(new CreateTopicCommand({ Name: "bench-alerts" }));
  for (let i = 0; i < QUEUES; i++) {
    const name = `bench-dlq-${i}`;
    await queueArn(c.sqs, name);
    await c.cw.send(
      new PutMetricAlarmCommand({
        AlarmName: `${name}-alarm`,
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: name }],
        Statistic: "Average",
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        AlarmActions: [TopicArn as string],
      }),
    );
  }
  const rssBefore = rssMb(pid);
  const started = Date.now();
  const response = await fetch(`${server.endpoint}/_localcloud/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceSeconds: 86_400 }),
  });
  const advanceMs = Date.now() - started;
  const { nowMs } = (await response.json()) as { nowMs: number };
  const rssAfter = rssMb(pid);

  const read = (hours: number, period: number) =>
    c.cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(nowMs - hours * 3600_000),
        EndTime: new Date(nowMs),
        MetricDataQueries: Array.from({ length: QUEUES }, (_, i) => ({
          Id: `q${i}`,
          MetricStat: {
            Metric: { Namespace: "AWS/SQS", MetricName: "ApproximateNumberOfMessagesVisible", Dimensions: [{ Name: "QueueName", Value: `bench-dlq-${i}` }] },
            Period: period,
            Stat: "Average",
          },
        })),
      }),
    );
  const latency = async (hours: number, period: number) => {
    const times: number[] = [];
    let points = 0;
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      const result = await read(hours, period);
      times.push(performance.now() - t);
      points = (result.MetricDataResults ?? []).reduce((sum, r) => sum + (r.Values?.length ?? 0), 0);
    }
    return { ms: median(times), points };
  };
  return {
    advanceMs,
    rssBefore,
    rssAfter,
    dataPoints: QUEUES * 8 * 1440,
    threeHours: await latency(3, 60),
    fullDay: await latency(24, 300),
  };
}

/** In-process: microseconds per call of the SNS and CloudWatch services themselves. */
async function serviceCost(): Promise<Record<string, number>> {
  const { startLocalCloud } = await import("../../lib/localcloud/index");
  const cloud = await startLocalCloud({ port: 0, dataDir: null });
  try {
    const c = clients(cloud.endpoint);
    const { TopicArn } = await c.sns.send(new CreateTopicCommand({ Name: "in-process" }));
    const queue = await queueArn(c.sqs, "in-process-queue");
    await c.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
    const sns = cloud.services.find((service) => service.name === "sns");
    const cw = cloud.services.find((service) => service.name === "cloudwatch");
    if (!sns || !cw) throw new Error("SNS and CloudWatch must be running");
    const request = (operation: string, params: URLSearchParams, protocol: "query" | "json", body = "") => ({
      protocol,
      operation,
      region: "us-east-1",
      accountId: "000000000000",
      requestId: "bench",
      method: "POST",
      path: "/",
      query: new URLSearchParams(),
      headers: {},
      host: "127.0.0.1",
      body: Buffer.from(body),
      params,
      signal: new AbortController().signal,
    });
    const order = JSON.stringify({ orderId: "O-0000", itemName: "Laptop", quantity: 1, status: "new" });
    const cases = {
      "Publish → 1 SQS subscription": (i: number) =>
        sns.handle(
          request(
            "Publish",
            new URLSearchParams({
              TopicArn: TopicArn as string,
              Message: order.replace("0000", String(i)),
              "MessageAttributes.entry.1.Name": "store",
              "MessageAttributes.entry.1.Value.DataType": "String",
              "MessageAttributes.entry.1.Value.StringValue": "cafe",
            }),
            "query",
          ),
        ),
      "PutMetricData, 20 data": (i: number) =>
        cw.handle(
          request(
            "PutMetricData",
            new URLSearchParams(),
            "json",
            JSON.stringify({
              Namespace: "Bench/Worker",
              MetricData: Array.from({ length: 20 }, (_, k) => ({ MetricName: `Metric${k % 5}`, Dimensions: [{ Name: "Worker", Value: `w${(i + k) % 4}` }], Value: i + k })),
            }),
          ),
        ),
    };
    const result: Record<string, number> = {};
    for (const [name, call] of Object.entries(cases)) {
      for (let i = 0; i < 500; i++) await call(i);
      const started = performance.now();
      const calls = 3000;
      for (let i = 0; i < calls; i++) await call(i);
      result[name] = ((performance.now() - started) / calls) * 1000;
    }
    return result;
  } finally {
    await cloud.close();
  }
}

/** In-process: what a day of 20 queues' metrics costs the metric store, after a collection. */
async function retainedBytesPerPoint(): Promise<number | undefined> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  const { MetricStore, dataPoint } = await import("../../lib/localcloud/cloudwatch/metric-store");
  const { StateStore } = await import("../../lib/localcloud/core/persistence");
  const { aggregateOfValues } = await import("../../lib/localcloud/cloudwatch/statistics");
  const used = () => {
    gc();
    const memory = process.memoryUsage();
    return memory.heapUsed + memory.arrayBuffers;
  };
  const before = used();
  const store = new MetricStore(new StateStore({ dir: null }));
  const start = Date.now() - 86_400_000;
  let points = 0;
  for (let minute = 0; minute < 1440; minute++) {
    for (let queue = 0; queue < QUEUES; queue++) {
      for (let metric = 0; metric < 8; metric++) {
        const identity = { namespace: "AWS/SQS", metricName: `Metric${metric}`, dimensions: [{ Name: "QueueName", Value: `q${queue}` }] };
        store.put("us-east-1", identity, dataPoint(start + minute * 60_000, 60, "Count", aggregateOfValues([minute % 7])), Date.now());
        points++;
      }
    }
  }
  const bytes = (used() - before) / points;
  return store.list("us-east-1").length > 0 ? bytes : undefined;
}

async function main() {
  const table: string[] = [];
  const servers: Array<"local cloud" | "moto_server"> = WITH_MOTO ? ["local cloud", "moto_server"] : ["local cloud"];
  const byServer: Record<string, Record<string, { rate: number; cpuPerCallUs: number }>> = {};
  for (const name of servers) {
    const server = await startServer(name);
    try {
      byServer[name] = await throughput(server, clients(server.endpoint));
    } finally {
      await stopServer(server);
    }
  }
  table.push("| workload | " + servers.map((s) => `${s} (calls/s, CPU/call)`).join(" | ") + (WITH_MOTO ? " | local ÷ moto |" : " |"));
  table.push("| --- | " + servers.map(() => "---").join(" | ") + (WITH_MOTO ? " | --- |" : " |"));
  for (const workload of Object.keys(byServer["local cloud"])) {
    const cells = servers.map((s) => `${Math.round(byServer[s][workload].rate)} · ${Math.round(byServer[s][workload].cpuPerCallUs)} µs`);
    const ratio = WITH_MOTO ? ` | ${(byServer["local cloud"][workload].rate / byServer.moto_server[workload].rate).toFixed(1)}×` : "";
    table.push(`| ${workload} | ${cells.join(" | ")}${ratio} |`);
  }
  console.log(table.join("\n"));

  const server = await startServer("local cloud");
  try {
    const day = await oneDay(server, clients(server.endpoint));
    console.log(
      `\nOne virtual day, ${QUEUES} queues with an alarm each (${day.dataPoints} AWS/SQS data points): advance ${day.advanceMs} ms; ` +
        `RSS ${day.rssBefore.toFixed(0)} MB → ${day.rssAfter.toFixed(0)} MB; ` +
        `GetMetricData ${QUEUES} queries: 3 h at 60 s ${day.threeHours.ms.toFixed(1)} ms (${day.threeHours.points} points), ` +
        `24 h at 300 s ${day.fullDay.ms.toFixed(1)} ms (${day.fullDay.points} points)`,
    );
  } finally {
    await stopServer(server);
  }
  const cost = await serviceCost();
  console.log(`\nIn-process, per call: ${Object.entries(cost).map(([name, us]) => `${name} ${us.toFixed(0)} µs`).join("; ")}`);
  const retained = await retainedBytesPerPoint();
  console.log(
    retained === undefined
      ? "\n(Run with node --expose-gc --import tsx to measure the bytes retained per data point.)"
      : `\nMetric store: ${retained.toFixed(1)} bytes retained per data point (one day of ${QUEUES} queues × 8 metrics, after GC).`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
