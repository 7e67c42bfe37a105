/**
 * Where every order of a demonstration run went. Each fate is counted from its own evidence:
 * the table's statuses (completed, failed, routed), the forwarder's `queuedAt` note (still in the
 * stream or not), the DLQ's and the queues' message counts (in the DLQ, still moving). What no service counts is an order the pipe's filter dropped: it left
 * the queue and reached nobody, so it is what remains once everything else is counted, and the
 * lab says so rather than pretending to have seen it.
 */
import type { RoutingDesign } from "./routing";

export interface RunOrder {
  orderId: string;
  status: string;
  amount: unknown;
  notes?: unknown;
  reviewStatus?: unknown;
  /** Set by the stream forwarder once the order is in the processing queue. */
  queuedAt?: unknown;
}

export interface RunEvidence {
  /** Messages in the DLQ (visible and in flight); the run starts with it empty. */
  inDlq: number;
  /** Messages still in the processing queue (visible, in flight, delayed). */
  processingQueue: number;
  /** Messages still in the high-value queue. */
  highValueQueue: number;
  /** The pipe's own filtered-out counter since the run began, where the endpoint shows it. */
  pipeFilteredOut?: number | null;
}

export interface RunAccount {
  design: RoutingDesign;
  created: number;
  completed: number;
  failed: number;
  /** Orders the high-value worker put up for review (in the stream design, a copy: they also have a worker outcome). */
  routed: number;
  inDlq: number;
  moving: number;
  /** Queue design: orders the pipe's filter dropped. Stream design: always 0 (a skipped record is not lost). */
  dropped: number;
  /** True when nothing is in flight any more: the counts are final. */
  settled: boolean;
  /** completed + failed + inDlq + moving + dropped (+ routed in the queue design, where routing replaces the worker). */
  accountedFor: number;
  /** What the figures show, in one or two sentences. */
  summary: string;
  /** Where the evidence disagrees (say, messages from before the run still in a queue). */
  warnings: string[];
}

export function accountRun(design: RoutingDesign, orders: RunOrder[], evidence: RunEvidence): RunAccount {
  const created = orders.length;
  const completed = orders.filter((o) => o.status === "COMPLETED").length;
  const failed = orders.filter((o) => o.status === "FAILED").length;
  const routedOrders = orders.filter((o) => typeof o.reviewStatus === "string" && o.reviewStatus !== "");
  const routed = routedOrders.length;
  const warnings: string[] = [];

  // In the queue design an order reaches either the worker or the pipe; in the stream design every
  // order reaches the worker, and the routed ones are copies on the side.
  const unsettled = orders.filter((o) => o.status === "PENDING" && (design === "stream" || !routedOrders.includes(o)));
  // Not yet forwarded from the table's stream: on its way, whatever the queues say.
  const inStream = unsettled.filter((o) => typeof o.queuedAt !== "string").length;
  const queuedUnsettled = unsettled.length - inStream;
  const inDlq = Math.min(evidence.inDlq, queuedUnsettled);
  if (evidence.inDlq > queuedUnsettled) warnings.push(`The DLQ holds ${evidence.inDlq} messages but only ${queuedUnsettled} of this run's queued orders are unsettled: some are from before the run.`);
  // A routed message waiting in the high-value queue is an order on its way in the queue design, a copy in the stream design.
  const queued = evidence.processingQueue + (design === "queue" ? evidence.highValueQueue : 0);
  const inQueues = Math.min(queued, queuedUnsettled - inDlq);
  if (queued > queuedUnsettled - inDlq) warnings.push("The queues hold messages that are not this run's orders.");
  const moving = inStream + inQueues;
  const settled = inStream === 0 && evidence.processingQueue === 0 && evidence.highValueQueue === 0;
  const unexplained = queuedUnsettled - inDlq - inQueues;
  const dropped = design === "queue" ? unexplained : 0;
  if (design === "stream" && unexplained > 0) {
    warnings.push(`${unexplained} order${unexplained === 1 ? " is" : "s are"} PENDING with no message left anywhere: was the worker stopped?`);
  }
  const accountedFor = completed + failed + inDlq + moving + dropped + (design === "queue" ? routed : 0);
  if (design === "queue" && evidence.pipeFilteredOut != null && settled && evidence.pipeFilteredOut !== dropped) {
    warnings.push(`The pipe counted ${evidence.pipeFilteredOut} messages filtered out; the table suggests ${dropped}. Messages retried after a failure are counted each time the pipe receives them.`);
  }
  return { design, created, completed, failed, routed, inDlq, moving, dropped, settled, accountedFor, summary: summarize(design, { created, completed, failed, routed, inDlq, moving, dropped, settled }), warnings };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summarize(design: RoutingDesign, f: { created: number; completed: number; failed: number; routed: number; inDlq: number; moving: number; dropped: number; settled: boolean }): string {
  if (f.created === 0) return "No orders in this run yet.";
  const still = f.settled ? "" : " Some messages are still moving; fast-forward or wait for the rest.";
  if (design === "queue") {
    return `Of ${plural(f.created, "order")}, the worker settled ${f.completed + f.failed}, the pipe routed ${f.routed} and silently dropped ${f.dropped}, and ${f.inDlq} reached the DLQ.${still}`;
  }
  return `Every one of the ${plural(f.created, "order")} reached the worker (${f.completed} completed, ${f.failed} failed, ${f.inDlq} in the DLQ), and the pipe routed a copy of ${plural(f.routed, "high-value order")} on the side; nothing was dropped.${still}`;
}
