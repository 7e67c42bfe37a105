/**
 * Saving and restoring queues through the local cloud's state store: one part per queue
 * (`sqs/<region>/<name>`), holding its attributes, tags, messages with their receive counts and
 * visibility, FIFO deduplication entries and sequence counter.
 */
import type { VirtualClock } from "../core/clock";
import { keySegment, type StateStore } from "../core/persistence";
import type { StoredMessage } from "./model/message";
import { Queue, type QueueHooks } from "./model/queue";

const SNAPSHOT_VERSION = 1;

interface QueueSnapshot {
  version: number;
  name: string;
  region: string;
  uid: string;
  createdAt: number;
  lastModifiedAt: number;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  nextSequence: number;
  lastPurgeAt?: number;
  dedup: ReturnType<Queue["deduplicationEntries"]>;
  messages: StoredMessage[];
}

export function queueKey(queue: Pick<Queue, "region" | "name">): string {
  return `sqs/${keySegment(queue.region)}/${keySegment(queue.name)}`;
}

export function snapshotQueue(queue: Queue): QueueSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    name: queue.name,
    region: queue.region,
    uid: queue.uid,
    createdAt: queue.createdAt,
    lastModifiedAt: queue.lastModifiedAt,
    attributes: queue.attributes,
    tags: queue.tags,
    nextSequence: queue.nextSequence,
    lastPurgeAt: queue.lastPurgeAt,
    dedup: queue.deduplicationEntries(),
    messages: [...queue.messages.values()].map(({ visibilityEvent: _event, ...saved }) => saved),
  };
}

function isSnapshot(data: unknown): data is QueueSnapshot {
  const s = data as QueueSnapshot;
  return (
    typeof s === "object" &&
    s !== null &&
    s.version === SNAPSHOT_VERSION &&
    typeof s.name === "string" &&
    typeof s.region === "string" &&
    typeof s.uid === "string" &&
    typeof s.attributes === "object" &&
    Array.isArray(s.messages) &&
    Array.isArray(s.dedup)
  );
}

/** Every queue saved under `sqs/`, rebuilt with its messages. */
export function restoreQueues(store: StateStore, accountId: string, clock: VirtualClock, hooks: QueueHooks): Queue[] {
  const queues: Queue[] = [];
  for (const { key, data } of store.readAll("sqs/")) {
    if (!isSnapshot(data)) {
      console.error(`[localcloud] ignoring unrecognised SQS state ${key}`);
      continue;
    }
    const queue = new Queue(
      { name: data.name, region: data.region, accountId },
      { attributes: data.attributes, tags: data.tags ?? {}, createdAt: data.createdAt, uid: data.uid },
      clock,
      hooks,
    );
    queue.lastModifiedAt = data.lastModifiedAt ?? data.createdAt;
    queue.restoreMessages(
      data.messages.map((m) => ({ ...m, removed: false })),
      { dedup: data.dedup, nextSequence: data.nextSequence ?? 1, lastPurgeAt: data.lastPurgeAt },
    );
    queues.push(queue);
  }
  return queues;
}
