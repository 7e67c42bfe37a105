/**
 * The lab's own live state, for its panels: the consumer's trigger and crash switch, the queues'
 * counts (and, on a local cloud, what waits in them), and the saved messages per group in sent and
 * processed order. Each part is read on its own, so one missing resource never hides the rest.
 */
import { translateAwsError } from "@/lib/aws/errors";
import type { JsonValue } from "@/lib/lab-framework/types";
import { groupOrders } from "./processing-order";
import { queueAttributes, queueUrlOf, type FifoContext } from "./provision";
import { queueView, type QueueView } from "./queue-peek";
import { readSavedMessages, type SavedMessage } from "./saved-messages";

export interface QueueCounts {
  exists: boolean;
  visible: number;
  inFlight: number;
}

export interface ConsumerState {
  connected: boolean;
  enabled: boolean;
  running: boolean;
  problem: string | null;
  crashAfterSave: boolean;
}

export interface SavedSummary {
  count: number;
  truncated: boolean;
  skippedDuplicates: number;
  skippedRedeliveries: number;
  groups: Array<{ group: string; inOrder: boolean; sent: SavedBrief[]; processed: SavedBrief[] }>;
  /** The latest saves, newest first. */
  recent: SavedBrief[];
}

export interface SavedBrief {
  messageId: string;
  group: string;
  event: string | null;
  receiveCount: number;
  skippedDuplicates: number;
  skippedRedeliveries: number;
  savedAt: string;
}

/** What `live()` answers, as the panels read it. */
export interface FifoLive {
  queue: QueueView | null;
  dlq: QueueView | null;
  consumer: ConsumerState | null;
  saved: SavedSummary | null;
  /** What the architecture diagram writes on its boxes and arrows. */
  diagram: { nodes: Record<string, string>; edges: Record<string, string>; active: string[] };
  errors: string[];
}

const RECENT = 12;
const GROUPS = 8;
const PER_GROUP = 12;

export async function queueCounts(context: FifoContext, name: string): Promise<QueueCounts> {
  const url = await queueUrlOf(context, name);
  if (!url) return { exists: false, visible: 0, inFlight: 0 };
  const a = await queueAttributes(context, url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
  return { exists: true, visible: Number(a.ApproximateNumberOfMessages ?? 0), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) };
}

async function consumerState(context: FifoContext): Promise<ConsumerState> {
  const [mapping, variables] = await Promise.all([context.runtime.findMapping("consumer", "ordersQueue"), context.runtime.environment("consumer")]);
  return {
    connected: Boolean(mapping),
    enabled: mapping?.state === "Enabled",
    running: Boolean(mapping?.running),
    problem: mapping?.problem ?? mapping?.sourceError ?? null,
    crashAfterSave: variables.CRASH_AFTER_SAVE === "true",
  };
}

function brief(m: SavedMessage): SavedBrief {
  return {
    messageId: m.messageId,
    group: m.group,
    event: m.event,
    receiveCount: m.receiveCount,
    skippedDuplicates: m.skippedDuplicates,
    skippedRedeliveries: m.skippedRedeliveries,
    savedAt: m.savedAt,
  };
}

export function summarizeSaved(messages: SavedMessage[], truncated: boolean): SavedSummary {
  const orders = groupOrders(messages);
  return {
    count: messages.length,
    truncated,
    skippedDuplicates: messages.reduce((n, m) => n + m.skippedDuplicates, 0),
    skippedRedeliveries: messages.reduce((n, m) => n + m.skippedRedeliveries, 0),
    // The groups that moved last come first.
    groups: orders
      .sort((a, b) => (a.processed.at(-1)!.savedAt < b.processed.at(-1)!.savedAt ? 1 : -1))
      .slice(0, GROUPS)
      .map((o) => ({ group: o.group, inOrder: o.inOrder, sent: o.sent.slice(-PER_GROUP).map(brief), processed: o.processed.slice(-PER_GROUP).map(brief) })),
    recent: [...messages].sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1)).slice(0, RECENT).map(brief),
  };
}

async function savedSummary(context: FifoContext): Promise<SavedSummary | null> {
  try {
    const { messages, truncated } = await readSavedMessages(context);
    return summarizeSaved(messages, truncated);
  } catch (error) {
    if (translateAwsError(error).family === "not-found") return null;
    throw error;
  }
}

export function diagramState(queue: QueueView | null, consumer: ConsumerState | null, saved: SavedSummary | null): FifoLive["diagram"] {
  const nodes: Record<string, string> = {};
  const edges: Record<string, string> = {};
  const active: string[] = [];
  if (consumer) {
    nodes.consumer = !consumer.connected ? "not started" : !consumer.enabled ? "trigger off" : consumer.crashAfterSave ? "crashes after save" : consumer.running ? "running" : "starting";
  }
  if (saved) {
    const skipped = saved.skippedDuplicates + saved.skippedRedeliveries;
    edges.save = `${saved.count} saved · ${skipped} skipped`;
  }
  if (queue && queue.inFlight > 0 && consumer?.enabled) active.push("trigger");
  return { nodes, edges, active };
}

export async function fifoLive(context: FifoContext): Promise<FifoLive> {
  const errors: string[] = [];
  async function part<T>(read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (error) {
      errors.push(translateAwsError(error, { region: context.region }).message);
      return null;
    }
  }
  const [queue, dlq, consumer, saved] = await Promise.all([
    part(() => queueView(context, "ordersQueue")),
    part(() => queueView(context, "ordersDlq")),
    part(() => consumerState(context)),
    part(() => savedSummary(context)),
  ]);
  return { queue, dlq, consumer, saved, diagram: diagramState(queue, consumer, saved), errors: [...new Set(errors)] };
}

/** The same, as the JSON the live route sends. */
export async function fifoLiveJson(context: FifoContext): Promise<Record<string, JsonValue>> {
  return JSON.parse(JSON.stringify(await fifoLive(context))) as Record<string, JsonValue>;
}
