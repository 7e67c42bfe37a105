/**
 * Where every order of a demonstration run went. Each fate is counted from its own evidence:
 * the table's statuses (completed, failed, routed), the worker's `attempts` note (three failed
 * receives: the DLQ), the forwarder's `queuedAt` note (still in the stream or not) and the queues'
 * message counts (still moving). The DLQ's own count, for the latest run, is checked against the
 * attempts. What no service counts is an order the pipe's filter dropped: it left
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
  /** Set by the worker on a technical failure: the message's receive count. */
  attempts?: unknown;
}

/** Receives after which SQS moves a message to the DLQ (the processing queue's maxReceiveCount). */
export const DLQ_AFTER_RECEIVES = 3;

export interface RunEvidence {
  /** Messages in the DLQ (visible and in flight), to check the attempts against; null for a run that is not the latest. */
  inDlq: number | null;
  /** Messages still in the processing queue (visible, in flight, delayed). */
  processingQueue: number;
  /** Messages still in the high-value queue. */
  highValueQueue: number;
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
  // Three failed receives by the worker: SQS moves the message to the DLQ (a pipe's receive would have deleted it).
  const inDlq = unsettled.filter((o) => typeof o.queuedAt === "string" && typeof o.attempts === "number" && o.attempts >= DLQ_AFTER_RECEIVES).length;
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
  if (settled && evidence.inDlq !== null && evidence.inDlq !== inDlq) {
    warnings.push(`The DLQ holds ${evidence.inDlq} message${evidence.inDlq === 1 ? "" : "s"}, and the worker recorded ${inDlq} order${inDlq === 1 ? "" : "s"} failing ${DLQ_AFTER_RECEIVES} times: a message may have been received elsewhere (a timeout, a Poll) or left over from before the run.`);
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
