/**
 * The lab's own live state, for its panels: the orders by status, the two demonstration runs and
 * where their orders went, the pipes, the alarm with its history, the subscription, and (on the
 * local cloud) the outbox and the pipes' own counters. Read-only calls only: never a receive.
 */
import { canInspect, readInspection } from "@/lib/lab-framework/inspect/stream/local-cloud-inspection";
import type { JsonValue } from "@/lib/lab-framework/types";
import { readQueueDepths, readRun, scanOrders, type RunView } from "./demo-run";
import type { Order } from "./order";
import { alarmHistory, alertsTopicArn, describeDlqAlarm, emailSubscriptions, isPending } from "./provision/alerts";
import type { StreamsContext } from "./provision/context";
import { describePipe } from "./provision/pipe";
import { describeOrdersTable } from "./provision/table";
import { alertsOutbox } from "./steps/alerts";

interface InspectedPipe {
  name: string;
  currentState: string;
  counters: { received: number; filteredOut: number; delivered: number; failed: number };
  lastError: string | null;
}

/** Runs a part of the live state; a failure (a missing resource, no permission) leaves it null. */
async function part<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch {
    return null;
  }
}

function countByStatus(orders: Order[]): Record<string, number> {
  const counts: Record<string, number> = { PENDING: 0, COMPLETED: 0, FAILED: 0, routed: 0 };
  for (const o of orders) {
    counts[o.status] = (counts[o.status] ?? 0) + 1;
    if (o.reviewStatus) counts.routed += 1;
  }
  return counts;
}

export interface LiveOrder {
  orderId: string;
  customerName: string;
  amount: number;
  notes: string;
  status: string;
  valueTier: string | null;
  failureReason: string | null;
  reviewStatus: string | null;
  /** Technical failures so far (the message's receive count at the last one). */
  attempts: number | null;
  createdAt: string;
}

export interface LivePipe {
  name: string;
  state: string;
  source: string;
  counters: { received: number; filteredOut: number; delivered: number; failed: number; lastError: string | null } | null;
  stateReason: string | null;
}

type Depth = { visible: number; inFlight: number; delayed: number; total: number } | null;

/** What `lab.live()` answers for this lab's panels (as plain JSON). */
export interface StreamsLive {
  orders: { total: number; byStatus: Record<string, number>; latest: LiveOrder[] };
  queues: { processing: Depth; dlq: Depth; highValue: Depth };
  runs: { queue: RunView | null; stream: RunView | null };
  pipes: { queue: LivePipe | null; stream: LivePipe | null };
  alarm: { state: string; reason: string; updatedAt: string | null; history: Array<{ at: string; type: string; summary: string }> } | null;
  subscriptions: Array<{ endpoint: string; pending: boolean }>;
  outbox: Array<{ id: string; sentAt: string; to: string; kind: string; subject: string; body: string }> | null;
  mappings: Array<{ function: string; state: string; running: boolean; problem: string | null }>;
  streamArn: string | null;
  diagram: { nodes: Record<string, string>; edges: Record<string, string>; active: string[] };
}

function diagramState(live: Omit<StreamsLive, "diagram">, names: StreamsContext["names"]): StreamsLive["diagram"] {
  const trigger = (fn: string) => live.mappings.find((m) => m.function === fn);
  const on = (fn: string) => (trigger(fn)?.state === "Enabled" ? "trigger on" : trigger(fn) ? "trigger off" : "no trigger");
  const nodes: Record<string, string> = {
    forwarder: `INSERT only · ${on(names.streamForwarder)}`,
    worker: `batch 1 · ${on(names.orderWorker)}`,
    hvWorker: on(names.highValueWorker),
  };
  const edges: Record<string, string> = {};
  const active: string[] = [];
  const pipe = live.pipes.stream ?? live.pipes.queue;
  if (pipe) nodes.pipe = `${live.pipes.stream ? "reads the stream" : "reads the queue"} · ${pipe.state.toLowerCase()}`;
  if (live.pipes.queue) {
    edges["queue-pipe"] = "competes";
    active.push("queue-pipe");
  }
  if (live.pipes.stream) {
    edges["table-pipe"] = "INSERT · HIGH";
    active.push("table-pipe");
  }
  if (live.orders.total) nodes.api = `POST /orders · ${live.orders.total} order${live.orders.total === 1 ? "" : "s"}`;
  const routed = live.orders.byStatus.routed ?? 0;
  if (routed) nodes.hvWorker = `${routed} routed · ${on(names.highValueWorker)}`;
  const inFlight = live.queues.processing?.inFlight ?? 0;
  if (inFlight) {
    edges["queue-worker"] = `in flight ${inFlight}`;
    active.push("queue-worker");
  }
  if (live.queues.dlq?.total) active.push("queue-dlq");
  if (live.alarm) {
    nodes.alarm = live.alarm.state.toLowerCase().replace(/_/g, " ");
    if (live.alarm.state === "ALARM") active.push("alarm-topic", "dlq-alarm");
  }
  return { nodes, edges, active };
}

export async function streamsLive(context: StreamsContext): Promise<Record<string, JsonValue>> {
  const table = await part(() => describeOrdersTable(context));
  const orders = table ? ((await part(() => scanOrders(context, 2000))) ?? []) : [];
  const [depths, queuePipe, streamPipe, alarm, mappings] = await Promise.all([
    part(() => readQueueDepths(context)),
    part(() => describePipe(context, "highValuePipe")),
    part(() => describePipe(context, "streamPipe")),
    part(() => describeDlqAlarm(context)),
    part(() => context.runtime.mappings()),
  ]);
  const { dlq = null, processing = null, highValue = null } = depths ?? {};
  const [queueRun, streamRun, history] = await Promise.all([
    table && depths ? part(() => readRun(context, "queue", orders, depths)) : null,
    table && depths ? part(() => readRun(context, "stream", orders, depths)) : null,
    alarm ? part(() => alarmHistory(context, 12)) : null,
  ]);
  // The topic and its subscriptions exist only once the alerts step ran, as the alarm does.
  const topicArn = await alertsTopicArn(context);
  const subscriptions = alarm ? await part(() => emailSubscriptions(context, topicArn)) : null;
  const outbox = subscriptions ? await part(() => alertsOutbox(context)) : null;
  const inspected = canInspect(context) ? await part(() => readInspection<{ pipes: InspectedPipe[] }>(context, "pipes/pipes", {})) : null;
  const counters = (name: string) => {
    const p = inspected?.pipes.find((x) => x.name === name);
    return p ? { ...p.counters, lastError: p.lastError } : null;
  };
  const pipeView = (pipe: Awaited<ReturnType<typeof describePipe>>, name: string): LivePipe | null =>
    pipe ? { name, state: pipe.CurrentState ?? "UNKNOWN", source: pipe.Source ?? "", counters: counters(name), stateReason: pipe.StateReason ?? null } : null;
  const latest = [...orders].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 10);

  const live: Omit<StreamsLive, "diagram"> = {
    orders: {
      total: orders.length,
      byStatus: countByStatus(orders),
      latest: latest.map((o): LiveOrder => ({ orderId: o.orderId, customerName: o.customerName, amount: o.amount, notes: o.notes ?? "", status: o.status, valueTier: o.valueTier ?? null, failureReason: o.failureReason ?? null, reviewStatus: o.reviewStatus ?? null, attempts: o.attempts ?? null, createdAt: o.createdAt })),
    },
    queues: { processing: processing ?? null, dlq: dlq ?? null, highValue: highValue ?? null },
    runs: { queue: queueRun ?? null, stream: streamRun ?? null },
    pipes: { queue: pipeView(queuePipe, context.names.highValuePipe), stream: pipeView(streamPipe, context.names.streamPipe) },
    alarm: alarm
      ? {
          state: alarm.StateValue ?? "INSUFFICIENT_DATA",
          reason: alarm.StateReason ?? "",
          updatedAt: alarm.StateUpdatedTimestamp?.toISOString() ?? null,
          history: (history ?? []).map((h) => ({ at: h.Timestamp?.toISOString() ?? "", type: h.HistoryItemType ?? "", summary: h.HistorySummary ?? "" })),
        }
      : null,
    subscriptions: (subscriptions ?? []).map((s) => ({ endpoint: s.Endpoint ?? "", pending: isPending(s) })),
    outbox: outbox ? outbox.slice(-8).map((m) => ({ id: m.id, sentAt: m.sentAt, to: m.to, kind: m.kind, subject: m.subject, body: m.body.slice(0, 1500) })) : null,
    mappings: (mappings ?? []).map((m) => ({ function: m.config.functionName, state: m.state, running: m.running, problem: m.problem ?? null })),
    streamArn: table?.LatestStreamArn ?? null,
  };
  const full: StreamsLive = { ...live, diagram: diagramState(live, context.names) };
  return JSON.parse(JSON.stringify(full)) as Record<string, JsonValue>;
}
