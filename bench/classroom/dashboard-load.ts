/**
 * A class of simulated students against the local cloud, and the instructor's dashboard refresh
 * time while they work.
 *
 * Each student joins with the join code, then does what the lab page does: polls its lab's live
 * snapshot the way lib/live polls (ETag; 1.5 s after a change, 1.5× slower while nothing changes,
 * at most 15 s), and every 5–20 s completes a step (the first step of each lab in turn, by its
 * check; the SNS lab's Orders table, a real CreateTable) or fails a check on purpose (one in five). The
 * instructor polls the class's dashboard once a second with If-None-Match, as its page does with
 * lib/live at full speed. Every answer other than 2xx/304 counts as an error.
 *
 * Three processes, as a class would run it: the local cloud on its own (`npm run localcloud`), the
 * workbook's route handlers behind a plain Node HTTP server (Next.js's routing without Next.js),
 * and this process for the 100 browsers. `--embedded` runs the local cloud inside the workbook's
 * process instead, as `npm run dev`/`next start` do with the default connection.
 *
 *   npx tsx bench/classroom/dashboard-load.ts [--students 100] [--seconds 90] [--embedded]
 *   INSTRUCTOR_SECRET=... npx tsx bench/classroom/dashboard-load.ts --url http://127.0.0.1:3316
 *       against a running workbook (next start), whose class uses its embedded local cloud
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { freePort } from "../support";

const argv = process.argv.slice(2);
function flag(name: string, fallback: string): string {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] ? argv[at + 1] : fallback;
}
const STUDENTS = Number(flag("students", "100"));
const SECONDS = Number(flag("seconds", "90"));
const TARGET = flag("url", "");
const EMBEDDED = argv.includes("--embedded");
const SERVE = flag("serve", "");
const SECRET = process.env.INSTRUCTOR_SECRET ?? "bench-instructor-secret";

interface Sample {
  ms: number;
  status: number;
}

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(samples: Sample[]): string {
  const ms = samples.map((s) => s.ms);
  return `${samples.length} requests · p50 ${percentile(ms, 50).toFixed(0)} ms · p95 ${percentile(ms, 95).toFixed(0)} ms · p99 ${percentile(ms, 99).toFixed(0)} ms · max ${Math.max(...ms).toFixed(0)} ms`;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The workbook's routes this bench uses, behind a plain Node HTTP server (Next.js's routing, minus Next.js). */
async function serveWorkbook(cloud: string): Promise<void> {
  process.env.LOCALCLOUD_EPHEMERAL = "1";
  process.env.INSTRUCTOR_SECRET = SECRET;
  if (cloud === "embedded") {
    const { startLocalCloud } = await import("../../lib/localcloud/index");
    const started = await startLocalCloud({ port: 0, dataDir: null });
    cloud = started.endpoint;
  }
  const routes: Array<{ method: string; pattern: RegExp; keys: string[]; handler: Handler }> = [];
  const add = (method: string, path: string, handler: unknown) => {
    const keys: string[] = [];
    const pattern = new RegExp(`^${path.replace(/\[(\w+)\]/g, (_, key: string) => (keys.push(key), "([^/]+)"))}$`);
    routes.push({ method, pattern, keys, handler: handler as Handler });
  };
  add("POST", "/api/classroom/join", (await import("../../app/api/classroom/join/route")).POST);
  add("POST", "/api/instructor/session", (await import("../../app/api/instructor/session/route")).POST);
  add("POST", "/api/instructor/classes", (await import("../../app/api/instructor/classes/route")).POST);
  add("DELETE", "/api/instructor/classes/[classId]", (await import("../../app/api/instructor/classes/[classId]/route")).DELETE);
  add("GET", "/api/instructor/classes/[classId]/dashboard", (await import("../../app/api/instructor/classes/[classId]/dashboard/route")).GET);
  add("GET", "/api/labs/[labId]/live", (await import("../../app/api/labs/[labId]/live/route")).GET);
  add("POST", "/api/labs/[labId]/steps/[stepId]/check", (await import("../../app/api/labs/[labId]/steps/[stepId]/check/route")).POST);
  add("POST", "/api/labs/[labId]/steps/[stepId]/actions/[actionId]", (await import("../../app/api/labs/[labId]/steps/[stepId]/actions/[actionId]/route")).POST);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const match = route.pattern.exec(url.pathname)!;
    const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1])]));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const response = await route.handler(request, { params: Promise.resolve(params) });
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => (out[key] = value));
    res.writeHead(response.status, out);
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  if (process.env.BENCH_DIAG) {
    const { monitorEventLoopDelay } = await import("node:perf_hooks");
    const lag = monitorEventLoopDelay({ resolution: 20 });
    lag.enable();
    let inflight = 0;
    server.on("request", (_req, res) => {
      inflight++;
      res.on("close", () => inflight--);
    });
    setInterval(() => {
      console.error(`[diag] loop p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms max ${(lag.max / 1e6).toFixed(0)} ms, in flight ${inflight}, cpu ${JSON.stringify(process.cpuUsage())}`);
      lag.reset();
    }, 5000).unref();
  }
  process.on("SIGINT", () => process.exit(0));
  // The parent reads where to send requests, and which endpoint the class should use.
  console.log(`WORKBOOK http://127.0.0.1:${port} ${cloud}`);
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) resolve(match);
    });
    child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk.toString().split("\n").filter((l) => l.startsWith("[")).join("\n")));
    child.on("exit", (code) => reject(new Error(`A bench process exited (${code}) before it was ready.`)));
  });
}

/** CPU seconds a child has used, from /proc (Linux). */
function cpuSeconds(child: ChildProcess | undefined): number {
  if (!child?.pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

interface Servers {
  url: string;
  cloud: string | null;
  workbook?: ChildProcess;
  localCloud?: ChildProcess;
}

async function startServers(): Promise<Servers> {
  let cloud = "embedded";
  let localCloud: ChildProcess | undefined;
  if (!EMBEDDED) {
    const port = await freePort();
    localCloud = spawn(process.execPath, ["--import", "tsx", "lib/localcloud/cli.ts", "--port", String(port), "--ephemeral"], { stdio: ["ignore", "pipe", "pipe"] });
    await waitForLine(localCloud, /listening on (\S+)/);
    cloud = `http://127.0.0.1:${port}`;
  }
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const workbook = spawn(process.execPath, [...profile, "--import", "tsx", "bench/classroom/dashboard-load.ts", "--serve", cloud], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, INSTRUCTOR_SECRET: SECRET } });
  const [, url, endpoint] = await waitForLine(workbook, /WORKBOOK (\S+) (\S+)/);
  return { url, cloud: endpoint, workbook, localCloud };
}

class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ response: Response; ms: number }> {
    const all: Record<string, string> = { ...headers, origin: this.base };
    if (this.cookies.size) all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (body !== undefined) all["content-type"] = "application/json";
    const started = performance.now();
    const response = await fetch(`${this.base}${path}`, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
    const buffered = new Response(response.status === 304 ? null : await response.arrayBuffer(), { status: response.status, headers: response.headers });
    const ms = performance.now() - started;
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return { response: buffered, ms };
  }
}

const LABS = ["sns-fanout", "cafe-sqs", "fifo-idempotency", "dynamodb-streams-pipes", "sqs-vs-kinesis"];
/**
 * Each lab's first step, whose check passes on any working connection (completing it), and its
 * second, whose check fails while nothing has been made (the "failing the same check" case).
 */
async function labSteps(): Promise<Record<string, { first: string; second: string }>> {
  const { labs } = await import("../../labs/registry");
  return Object.fromEntries(
    LABS.map((id) => {
      const steps = labs.find((l) => l.id === id)?.steps ?? [];
      return [id, { first: steps[0]?.id ?? "connect", second: steps[1]?.id ?? "connect" }];
    }),
  );
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const servers: Servers = TARGET ? { url: TARGET, cloud: null } : await startServers();
  const base = servers.url;
  const instructor = new Browser(base);
  const signIn = await instructor.call("POST", "/api/instructor/session", { secret: SECRET });
  if (signIn.response.status !== 200) throw new Error(`Instructor sign-in: ${signIn.response.status} ${await signIn.response.text()}`);
  const stem = `b${Date.now().toString(36).slice(-4)}u`;
  const created = await instructor.call("POST", "/api/instructor/classes", {
    name: `Bench class of ${STUDENTS}`,
    roster: `${stem}1..${stem}${STUDENTS}`,
    connection: servers.cloud ? { mode: "endpoint", endpoint: servers.cloud } : { mode: "embedded" },
    region: "us-east-1",
  });
  if (created.response.status !== 201) throw new Error(`Create class: ${created.response.status} ${await created.response.text()}`);
  const { id: classId, joinCode } = ((await created.response.json()) as { class: { id: string; joinCode: string } }).class;

  // The first refresh creates the progress table (CreateTable, then waiting for ACTIVE): once per account.
  const warmUp = await instructor.call("GET", `/api/instructor/classes/${classId}/dashboard`);
  console.log(`first dashboard refresh (creates the progress table): ${warmUp.ms.toFixed(0)} ms, HTTP ${warmUp.response.status}`);

  const steps = await labSteps();
  const errors: string[] = [];
  const studentSamples: Sample[] = [];
  const dashboardSamples: Sample[] = [];
  let stepsDone = 0;
  /** When each student's completed steps were answered, until the dashboard shows them. */
  const completions = new Map<string, number[]>();
  const shownDone = new Map<string, number>();
  const liveDelays: number[] = [];
  let failedChecks = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const note = (what: string, status: number) => {
    if (!(status >= 200 && status < 300) && status !== 304) errors.push(`${what}: HTTP ${status}`);
  };

  function completed(username: string, done: { response: Response }): void {
    if (done.response.status !== 200) return;
    const times = completions.get(username) ?? [];
    times.push(performance.now());
    completions.set(username, times);
  }

  /** How long after a step was answered the dashboard first showed it. */
  function noteShown(students: Array<{ username: string; doneSteps: number }>): void {
    for (const { username, doneSteps } of students) {
      const before = shownDone.get(username) ?? 0;
      const times = completions.get(username) ?? [];
      for (let i = before; i < doneSteps && times.length; i++) liveDelays.push(performance.now() - times.shift()!);
      shownDone.set(username, Math.max(before, doneSteps));
    }
  }

  async function student(n: number): Promise<void> {
    const browser = new Browser(base);
    await sleep(Math.random() * 5000);
    const joined = await browser.call("POST", "/api/classroom/join", { code: joinCode, username: `${stem}${n}` });
    note("join", joined.response.status);
    let labIndex = 0;
    let etag: string | null = null;
    let delay = 1500;
    let nextStepAt = performance.now() + 3000 + Math.random() * 12_000;
    let tableMade = false;
    while (performance.now() < deadline) {
      const lab = LABS[labIndex % LABS.length];
      const live = await browser.call("GET", `/api/labs/${lab}/live`, undefined, etag ? { "if-none-match": etag } : {});
      studentSamples.push({ ms: live.ms, status: live.response.status });
      note(`live ${lab}`, live.response.status);
      if (live.response.status === 200) etag = live.response.headers.get("etag");
      delay = live.response.status === 304 ? Math.min(delay * 1.5, 15_000) : 1500;
      if (performance.now() >= nextStepAt) {
        let done: { response: Response; ms: number };
        if (Math.random() < 0.2) {
          done = await browser.call("POST", `/api/labs/${lab}/steps/${steps[lab].second}/check`, {});
          failedChecks++;
        } else if (lab === "sns-fanout" && labIndex > 0 && !tableMade) {
          done = await browser.call("POST", `/api/labs/sns-fanout/steps/orders-table/actions/create-table`, { params: {} });
          tableMade = true;
          stepsDone++;
          completed(`${stem}${n}`, done);
        } else {
          done = await browser.call("POST", `/api/labs/${lab}/steps/${steps[lab].first}/check`, {});
          labIndex++;
          etag = null;
          stepsDone++;
          completed(`${stem}${n}`, done);
        }
        studentSamples.push({ ms: done.ms, status: done.response.status });
        note(`step in ${lab}`, done.response.status);
        nextStepAt = performance.now() + 5000 + Math.random() * 15_000;
        delay = 1500;
      }
      await sleep(delay);
    }
  }

  async function dashboard(): Promise<void> {
    let etag: string | null = null;
    while (performance.now() < deadline) {
      const refresh = await instructor.call("GET", `/api/instructor/classes/${classId}/dashboard`, undefined, etag ? { "if-none-match": etag } : {});
      dashboardSamples.push({ ms: refresh.ms, status: refresh.response.status });
      note("dashboard", refresh.response.status);
      if (refresh.response.status === 200) {
        etag = refresh.response.headers.get("etag");
        noteShown(((await refresh.response.json()) as { students: Array<{ username: string; doneSteps: number }> }).students);
      }
      await sleep(1000);
    }
  }

  const started = Date.now();
  console.log(`${STUDENTS} students, ${SECONDS} s, against ${TARGET || (EMBEDDED ? "the workbook with its local cloud inside (one process)" : "the workbook and the local cloud, each in its own process")}`);
  const cpuBefore = { workbook: cpuSeconds(servers.workbook), cloud: cpuSeconds(servers.localCloud) };
  await Promise.all([dashboard(), ...Array.from({ length: STUDENTS }, (_, i) => student(i + 1))]);
  const last = await instructor.call("GET", `/api/instructor/classes/${classId}/dashboard`);
  const final = (await last.response.json()) as { totals: { joined: number; doneSteps: number } };

  const full = dashboardSamples.filter((s) => s.status === 200);
  console.log(`ran ${((Date.now() - started) / 1000).toFixed(0)} s; ${stepsDone} steps completed, ${failedChecks} checks failed on purpose`);
  console.log(`dashboard refresh (all):        ${summary(dashboardSamples)}`);
  console.log(`dashboard refresh (changed, 200): ${summary(full)}`);
  console.log(`student requests (live + steps): ${summary(studentSamples)}`);
  console.log(`step answered → shown on the dashboard: ${liveDelays.length} steps · p50 ${percentile(liveDelays, 50).toFixed(0)} ms · p95 ${percentile(liveDelays, 95).toFixed(0)} ms · max ${Math.max(...liveDelays).toFixed(0)} ms`);
  console.log(`dashboard at the end: ${final.totals.joined} joined, ${final.totals.doneSteps} steps done`);
  console.log(`errors: ${errors.length}${errors.length ? ` (${[...new Set(errors)].slice(0, 5).join("; ")})` : ""}`);
  const elapsed = (Date.now() - started) / 1000;
  const workbookCpu = cpuSeconds(servers.workbook) - cpuBefore.workbook;
  const cloudCpu = cpuSeconds(servers.localCloud) - cpuBefore.cloud;
  if (servers.workbook) console.log(`CPU: workbook ${(workbookCpu / elapsed).toFixed(2)} cores${servers.localCloud ? `, local cloud ${(cloudCpu / elapsed).toFixed(2)} cores` : " (local cloud included)"}`);
  await instructor.call("DELETE", `/api/instructor/classes/${classId}`, {});
  servers.workbook?.kill("SIGINT");
  servers.localCloud?.kill();
  process.exit(errors.length ? 1 : 0);
}

(SERVE ? serveWorkbook(SERVE) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
