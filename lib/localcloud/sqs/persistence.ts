/**
 * Saving and restoring queues through the local cloud's state store, one record per item, so the
 * cost of a send, receive or delete does not grow with what the queue holds:
 *
 *   sqs/<region>/<queue>/meta        attributes, tags, FIFO sequence counter, last purge
 *   sqs/<region>/<queue>/m/<order>   one message as sent: body, attributes, ids, its state then
 *   sqs/<region>/<queue>/v/<order>   what changed since (receive, visibility, expiry), if anything
 *   sqs/<region>/<queue>/d/<hex id>  one FIFO deduplication entry still in its 5-minute window
 *
 * A receive or visibility change rewrites only the small `v/` record (a few numbers), not the
 * message; a delete removes both. `<order>` is the order the message entered the queue, so a restore rebuilds the queue (and each
 * FIFO group) in the same order. Every record an operation writes lands in the same batch as its
 * meta record, so the sequence counter and the messages and deduplication entries agree after a
 * crash. A queue saved in the earlier format (one part `sqs/<region>/<queue>` holding everything,
 * from a migrated `.localcloud/` folder) is read and rewritten as records on start.
 */
import type { VirtualClock } from "../core/clock";
import { keySegment, type StateStore } from "../core/persistence";
import type { StoredMessage } from "./model/message";
import { Queue, type DedupEntry, type QueueHooks } from "./model/queue";

const LEGACY_VERSION = 1;
const ORDER_DIGITS = 15;

interface QueueMeta {
  name: string;
  region: string;
  uid: string;
  createdAt: number;
  lastModifiedAt: number;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  nextSequence: number;
  lastPurgeAt?: number;
}

type SavedMessage = Omit<StoredMessage, "visibilityEvent" | "removed">;

/** The fields a message changes after it is sent, as one small array (the `v/` record). */
type SavedState = [
  state: StoredMessage["state"],
  visibleAt: number,
  receiveCount: number,
  receiveSeq: number,
  receivedAt: number,
  firstReceivedAt: number | null,
  expiresAt: number,
  version: number,
];

function savedState(m: StoredMessage): SavedState {
  return [m.state, m.visibleAt, m.receiveCount, m.receiveSeq, m.receivedAt, m.firstReceivedAt ?? null, m.expiresAt, m.version];
}

function applyState(m: StoredMessage, [state, visibleAt, receiveCount, receiveSeq, receivedAt, firstReceivedAt, expiresAt, version]: SavedState): void {
  m.state = state;
  m.visibleAt = visibleAt;
  m.receiveCount = receiveCount;
  m.receiveSeq = receiveSeq;
  m.receivedAt = receivedAt;
  if (firstReceivedAt === null) delete m.firstReceivedAt;
  else m.firstReceivedAt = firstReceivedAt;
  m.expiresAt = expiresAt;
  m.version = version;
}

interface SavedDedup extends DedupEntry {
  key: string;
}

/** The earlier format: the whole queue in one part. */
interface LegacySnapshot extends QueueMeta {
  version: number;
  dedup: Array<[string, DedupEntry]>;
  messages: StoredMessage[];
}

/** What the writer knows of one queue's records. */
interface QueueRecords {
  base: string;
  nextOrder: number;
  /** Message id → its `<order>` segment (a Map, not a WeakMap: 100,000 ephemerons make every GC slow). */
  keys: Map<string, string>;
  /** The meta record last written, to skip rewriting it when nothing in it changed. */
  metaSignature: string;
}

export function queueBaseKey(queue: Pick<Queue, "region" | "name">): string {
  return `sqs/${keySegment(queue.region)}/${keySegment(queue.name)}`;
}

function orderSegment(order: number): string {
  return String(order).padStart(ORDER_DIGITS, "0");
}

function dedupSegment(key: string): string {
  return Buffer.from(key, "utf8").toString("hex");
}

function metaOf(queue: Queue): QueueMeta {
  return {
    name: queue.name,
    region: queue.region,
    uid: queue.uid,
    createdAt: queue.createdAt,
    lastModifiedAt: queue.lastModifiedAt,
    attributes: queue.attributes,
    tags: queue.tags,
    nextSequence: queue.nextSequence,
    lastPurgeAt: queue.lastPurgeAt,
  };
}

function savedMessage(message: StoredMessage): SavedMessage {
  const { visibilityEvent: _event, removed: _removed, ...saved } = message;
  return saved;
}

/**
 * Writes queue changes to the store as records. `hooks()` gives the queue hooks to pass to the
 * model (with `available` and `removed` supplied by the service).
 */
export class SqsRecordWriter {
  private readonly queues = new WeakMap<Queue, QueueRecords>();

  constructor(private readonly store: StateStore) {}

  private records(queue: Queue): QueueRecords {
    let records = this.queues.get(queue);
    if (!records) {
      records = { base: queueBaseKey(queue), nextOrder: 1, keys: new Map(), metaSignature: "" };
      this.queues.set(queue, records);
    }
    return records;
  }

  /** The queue's attributes, tags and counters, when they changed since last written. */
  queueChanged(queue: Queue): void {
    if (!this.store.persistent || queue.deleted) return;
    const records = this.records(queue);
    const tagText = hasAny(queue.tags) ? JSON.stringify(queue.tags) : "";
    const signature = `${queue.uid}|${queue.lastModifiedAt}|${queue.nextSequence}|${queue.lastPurgeAt}|${tagText}`;
    if (signature === records.metaSignature) return;
    records.metaSignature = signature;
    this.store.put(`${records.base}/meta`, metaOf(queue));
  }

  messageChanged(queue: Queue, message: StoredMessage): void {
    if (!this.store.persistent || queue.deleted) return;
    const records = this.records(queue);
    const order = records.keys.get(message.id);
    if (message.removed) {
      if (order === undefined) return;
      records.keys.delete(message.id);
      this.store.delete(`${records.base}/m/${order}`);
      this.store.delete(`${records.base}/v/${order}`);
      return;
    }
    if (order !== undefined) {
      this.store.put(`${records.base}/v/${order}`, savedState(message));
      return;
    }
    const segment = orderSegment(records.nextOrder++);
    records.keys.set(message.id, segment);
    this.store.put(`${records.base}/m/${segment}`, savedMessage(message));
  }

  deduplicationChanged(queue: Queue, key: string, entry: DedupEntry | null): void {
    if (!this.store.persistent || queue.deleted) return;
    const recordKey = `${this.records(queue).base}/d/${dedupSegment(key)}`;
    if (entry) this.store.put(recordKey, { key, ...entry } satisfies SavedDedup);
    else this.store.delete(recordKey);
  }

  /** DeleteQueue: every record of the queue goes. */
  queueRemoved(queue: Queue): void {
    if (!this.store.persistent) return;
    const base = queueBaseKey(queue);
    for (const key of this.store.keysUnder(`${base}/`)) this.store.delete(key);
    this.queues.delete(queue);
  }

  /** Every queue saved under `sqs/`, rebuilt with its messages (legacy parts are rewritten as records). */
  restoreQueues(accountId: string, clock: VirtualClock, hooks: QueueHooks): Queue[] {
    const groups = new Map<string, { meta?: QueueMeta; legacy?: LegacySnapshot; messages: Array<{ key: string; message: SavedMessage }>; states: Map<string, SavedState>; dedup: SavedDedup[] }>();
    const group = (base: string) => {
      let found = groups.get(base);
      if (!found) {
        found = { messages: [], states: new Map(), dedup: [] };
        groups.set(base, found);
      }
      return found;
    };
    for (const { key, data } of this.store.readAll("sqs/")) {
      // sqs/<region>/<queue>[/meta | /m/<order> | /v/<order> | /d/<id>], parsed without splitting (100,000s of keys).
      const afterRegion = key.indexOf("/", 4);
      const afterQueue = afterRegion === -1 ? -1 : key.indexOf("/", afterRegion + 1);
      const base = afterQueue === -1 ? key : key.slice(0, afterQueue);
      const rest = afterQueue === -1 ? "" : key.slice(afterQueue + 1);
      if (rest === "" && isLegacy(data)) group(base).legacy = data;
      else if (rest === "meta") group(base).meta = data as QueueMeta;
      else if (rest.startsWith("m/")) group(base).messages.push({ key, message: data as SavedMessage });
      else if (rest.startsWith("v/")) group(base).states.set(rest.slice(2), data as SavedState);
      else if (rest.startsWith("d/")) group(base).dedup.push(data as SavedDedup);
      else console.error(`[localcloud] ignoring unrecognised SQS record ${key}`);
    }

    const queues: Queue[] = [];
    for (const [base, saved] of groups) {
      const meta = saved.meta ?? saved.legacy;
      if (!meta) {
        console.error(`[localcloud] ignoring SQS records under ${base}: the queue's own record is missing`);
        continue;
      }
      const queue = new Queue(
        { name: meta.name, region: meta.region, accountId },
        { attributes: meta.attributes, tags: meta.tags ?? {}, createdAt: meta.createdAt, uid: meta.uid },
        clock,
        hooks,
      );
      queue.lastModifiedAt = meta.lastModifiedAt ?? meta.createdAt;
      const records = this.records(queue);
      const now = clock.now();
      let messages: StoredMessage[];
      let dedup: Array<[string, DedupEntry]>;
      if (saved.legacy && !saved.meta) {
        // The earlier format: write the queue as records (in the first batch) and drop the part.
        messages = saved.legacy.messages.map((m) => ({ ...m, removed: false }));
        dedup = saved.legacy.dedup.filter(([, entry]) => entry.expiresAt > now);
        for (const message of messages) records.keys.set(message.id, orderSegment(records.nextOrder++));
        this.store.delete(base);
      } else {
        if (saved.legacy) this.store.delete(base);
        messages = saved.messages.map(({ key, message }) => {
          // The parsed record is this message's own fresh object: complete it in place.
          const restored = message as StoredMessage;
          restored.removed = false;
          const order = key.slice(key.lastIndexOf("/") + 1);
          const state = saved.states.get(order);
          if (state) {
            applyState(restored, state);
            saved.states.delete(order);
          }
          records.keys.set(restored.id, order);
          return restored;
        });
        for (const order of saved.states.keys()) this.store.delete(`${base}/v/${order}`); // no message left
        const lastKey = saved.messages[saved.messages.length - 1]?.key;
        if (lastKey) records.nextOrder = Number(lastKey.slice(lastKey.lastIndexOf("/") + 1)) + 1;
        dedup = [];
        for (const { key, messageId, sequenceNumber, expiresAt } of saved.dedup.sort((a, b) => a.expiresAt - b.expiresAt)) {
          if (expiresAt > now) dedup.push([key, { messageId, sequenceNumber, expiresAt }]);
          else this.store.delete(`${base}/d/${dedupSegment(key)}`);
        }
      }
      queue.restoreMessages(messages, { dedup, nextSequence: meta.nextSequence ?? 1, lastPurgeAt: meta.lastPurgeAt });
      if (saved.legacy && !saved.meta) {
        for (const message of queue.messages.values()) {
          const order = records.keys.get(message.id) as string;
          this.store.put(`${base}/m/${order}`, savedMessage(message));
          this.store.delete(`${base}/v/${order}`);
        }
        for (const [key, entry] of dedup) this.deduplicationChanged(queue, key, entry);
      }
      this.queueChanged(queue);
      queues.push(queue);
    }
    return queues;
  }
}

function hasAny(record: Record<string, string>): boolean {
  for (const _key in record) return true;
  return false;
}

function isLegacy(data: unknown): data is LegacySnapshot {
  const s = data as LegacySnapshot;
  return (
    typeof s === "object" &&
    s !== null &&
    s.version === LEGACY_VERSION &&
    typeof s.name === "string" &&
    typeof s.region === "string" &&
    typeof s.uid === "string" &&
    typeof s.attributes === "object" &&
    Array.isArray(s.messages) &&
    Array.isArray(s.dedup)
  );
}
