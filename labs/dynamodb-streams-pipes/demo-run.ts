/**
 * A demonstration run: the same mixed batch of orders sent through the create-order API, once with
 * the pipe competing for the processing queue and once with the pipe on the table's stream. Each
 * order carries the run's id, so the table tells afterwards where every one of them went.
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { PlainFailure } from "@/lib/aws/errors";
import { accountRun, type RunAccount, type RunOrder } from "./accounting";
import type { NewOrder, Order } from "./order";
import { options, type StreamsContext } from "./provision/context";
import { describePipe, PIPE_OF } from "./provision/pipe";
import { emptyDlq, queueDepth } from "./provision/queues";
import type { RoutingDesign } from "./routing";

/** Six ordinary orders (one at exactly 10,000), four above it, two that fail technically. */
export const DEMO_ORDERS: NewOrder[] = [
  { customerName: "Alice", product: "Wireless headphones", amount: 1499, notes: "" },
  { customerName: "Bo", product: "Coffee beans", amount: 120, notes: "" },
  { customerName: "Chen", product: "Standing desk", amount: 3200, notes: "" },
  { customerName: "Dana", product: "Espresso machines", amount: 10000, notes: "exactly at the limit" },
  { customerName: "Eli", product: "Server rack", amount: 25000, notes: "" },
  { customerName: "Fay", product: "Desk lamp", amount: 250, notes: "FAIL: payment gateway timeout" },
  { customerName: "Gus", product: "Office chairs", amount: 18000, notes: "" },
  { customerName: "Hana", product: "Monitor", amount: 499, notes: "" },
  { customerName: "Ivo", product: "Forklift", amount: 60000, notes: "" },
  { customerName: "Jun", product: "Laptops", amount: 7800, notes: "" },
  { customerName: "Kai", product: "Solar panels", amount: 32000, notes: "FAIL: warehouse API down" },
  { customerName: "Lea", product: "Conference kit", amount: 10500, notes: "" },
];

const RUN_PREFIX: Record<RoutingDesign, string> = { queue: "q-", stream: "s-" };
/** In a run's id: the worker's trigger was off, so the pipe alone read the queue. */
const PAUSED_MARK = "p-";

/** The functions' configuration, as `aws lambda update-function-configuration` would set it. */
export async function configureFunctions(context: StreamsContext, fns: Array<"createOrder" | "orderWorker" | "highValueWorker">): Promise<void> {
  for (const fn of fns) {
    const variables = await context.runtime.environment(fn);
    if (variables.ORDERS_TABLE !== context.names.ordersTable) await context.runtime.setEnvironment(fn, { ...variables, ORDERS_TABLE: context.names.ordersTable });
  }
}

/** Sends one order through the create-order API; answers the stored order or throws the API's refusal. */
export async function sendOrder(context: StreamsContext, order: NewOrder): Promise<Order> {
  await configureFunctions(context, ["createOrder"]);
  const result = await context.runtime.invokeApi("createOrder", {
    method: "POST",
    path: "/orders",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(order),
  });
  if (!result.response) throw new PlainFailure("FunctionError", `CreateOrderFunction failed: ${result.error ?? "no response"}.`, "Read the function's log below, then try again.", "service-error");
  const body = JSON.parse(result.response.body || "{}") as { order?: Order; message?: string; problems?: string[] };
  if (result.response.statusCode !== 201 || !body.order) {
    const problems = body.problems?.length ? `: ${body.problems.join("; ")}` : "";
    throw new PlainFailure("OrderRefused", `The API answered ${result.response.statusCode} — ${body.message ?? "no message"}${problems}.`, "Correct the order and send it again.");
  }
  return body.order;
}

async function requireRunning(context: StreamsContext, fn: "orderWorker" | "streamForwarder" | "highValueWorker", source: "processingQueue" | "ordersTable" | "highValueQueue", stepTitle: string): Promise<void> {
  const mapping = await context.runtime.findMapping(fn, source);
  if (!mapping || mapping.state !== "Enabled") {
    throw new PlainFailure("ConsumerNotRunning", `${context.names[fn]} is not reading ${context.names[source]}.`, `Run "${stepTitle}" first.`);
  }
}

/** Checks everything the run needs, empties the DLQ, and sends the batch. */
export async function startRun(context: StreamsContext, design: RoutingDesign): Promise<{ runId: string; purged: number; workerPaused: boolean }> {
  await requireRunning(context, "streamForwarder", "ordersTable", "Read the stream");
  // With the pipe on the queue the worker may be paused on purpose: then the pipe alone reads it.
  const worker = await context.runtime.findMapping("orderWorker", "processingQueue");
  const workerPaused = design === "queue" && worker?.state === "Disabled";
  if (!workerPaused) await requireRunning(context, "orderWorker", "processingQueue", "The order worker");
  await requireRunning(context, "highValueWorker", "highValueQueue", "Route high-value orders with a pipe");
  const pipe = await describePipe(context, PIPE_OF[design]);
  if (!pipe) {
    throw new PlainFailure("PipeMissing", `${context.names[PIPE_OF[design]]} does not exist.`, design === "queue" ? "Create the pipe first." : "Move the pipe to the stream first.");
  }
  if (pipe.CurrentState !== "RUNNING") {
    throw new PlainFailure("PipeNotRunning", `${context.names[PIPE_OF[design]]} is ${(pipe.CurrentState ?? "not running").toLowerCase()}.`, "Wait until it is running, then start the run.", "throttled");
  }
  const queuePipe = design === "stream" ? await describePipe(context, "highValuePipe") : null;
  if (queuePipe) {
    throw queuePipe.CurrentState === "DELETING"
      ? new PlainFailure("QueuePipeDeleting", `${context.names.highValuePipe} is still being deleted.`, "Wait a few seconds until it is gone, then start the run.", "throttled")
      : new PlainFailure("QueuePipeStillThere", `${context.names.highValuePipe} still reads the processing queue and would compete with the worker.`, "Move the pipe to the stream first: that deletes the queue's pipe.");
  }
  for (const key of ["processingQueue", "highValueQueue"] as const) {
    const depth = await queueDepth(context, key);
    if (depth && depth.total > 0) {
      throw new PlainFailure(
        "QueueNotEmpty",
        `${context.names[key]} still holds ${depth.total} message${depth.total === 1 ? "" : "s"} from before.`,
        "Wait until the earlier orders are settled (a FAIL order needs three receives, 30 s apart: fast-forward on the local cloud), so this run's counts are its own.",
        "throttled",
      );
    }
  }
  const purged = await emptyDlq(context);
  const runId = `${RUN_PREFIX[design]}${workerPaused ? PAUSED_MARK : ""}${Date.now().toString(36)}`;
  for (const order of DEMO_ORDERS) await sendOrder(context, { ...order, runId });
  return { runId, purged, workerPaused };
}

/** Every order in the table (a lab-sized table: at most a few thousand items). */
export async function scanOrders(context: StreamsContext, limit = 5000): Promise<Order[]> {
  const orders: Order[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await context.aws.documents.send(new ScanCommand({ TableName: context.names.ordersTable, ExclusiveStartKey }), options(context));
    orders.push(...((page.Items ?? []) as Order[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && orders.length < limit);
  return orders;
}

/** The latest run of a design in these orders, if any. */
export function latestRunId(orders: Array<Pick<Order, "runId" | "createdAt">>, design: RoutingDesign): string | null {
  let latest: { runId: string; createdAt: string } | null = null;
  for (const o of orders) {
    if (!o.runId?.startsWith(RUN_PREFIX[design])) continue;
    if (!latest || o.createdAt > latest.createdAt) latest = { runId: o.runId, createdAt: o.createdAt };
  }
  return latest?.runId ?? null;
}

export interface RunView {
  runId: string;
  /** The worker's trigger was off during the run: the pipe alone read the queue. */
  workerPaused: boolean;
  account: RunAccount;
  orders: Array<{ orderId: string; customerName: string; amount: number; notes: string; status: string; queued: boolean; reviewStatus: string | null; failureReason: string | null }>;
}

export interface QueueDepths {
  dlq: Depth | null;
  processing: Depth | null;
  highValue: Depth | null;
}

type Depth = NonNullable<Awaited<ReturnType<typeof queueDepth>>>;

export async function readQueueDepths(context: StreamsContext): Promise<QueueDepths> {
  const [dlq, processing, highValue] = await Promise.all([queueDepth(context, "processingDlq"), queueDepth(context, "processingQueue"), queueDepth(context, "highValueQueue")]);
  return { dlq, processing, highValue };
}

/** Where every order of the design's latest run went, from the table and the queues' counts. */
export async function readRun(context: StreamsContext, design: RoutingDesign, orders?: Order[], depths?: QueueDepths): Promise<RunView | null> {
  const all = orders ?? (await scanOrders(context));
  const runId = latestRunId(all, design);
  if (!runId) return null;
  const run = all.filter((o) => o.runId === runId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  // The queues describe the latest run only: a later run started with them empty (and the DLQ purged).
  const latest = all.reduce<Order | null>((a, o) => (o.runId && (!a || o.createdAt > a.createdAt) ? o : a), null);
  const evidence =
    latest?.runId === runId
      ? await (async () => {
          const { dlq, processing, highValue } = depths ?? (await readQueueDepths(context));
          return { inDlq: dlq?.total ?? 0, processingQueue: processing?.total ?? 0, highValueQueue: highValue?.total ?? 0 };
        })()
      : { inDlq: null, processingQueue: 0, highValueQueue: 0 };
  const account = accountRun(design, run as RunOrder[], evidence);
  return {
    runId,
    workerPaused: runId.startsWith(`${RUN_PREFIX[design]}${PAUSED_MARK}`),
    account,
    orders: run.map((o) => ({
      orderId: o.orderId,
      customerName: o.customerName,
      amount: o.amount,
      notes: o.notes ?? "",
      status: o.status,
      queued: Boolean(o.queuedAt),
      reviewStatus: o.reviewStatus ?? null,
      failureReason: o.failureReason ?? null,
    })),
  };
}
