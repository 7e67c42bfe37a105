/**
 * One SQS queue: its messages and everything that happens to them on the clock. Standard queues
 * hand out visible messages in the order they became visible; FIFO queues keep each message group
 * in sequence order, hold a group while any of its messages is in flight, and return as many
 * messages of one group per receive as they can before moving to the next group, as AWS does.
 *
 * Every time-based change is scheduled: a delay or visibility timeout ending is an entry in one
 * heap; retention is read off the message map, which holds messages in the order they expire
 * (except dead-lettered ones carrying an older SentTimestamp, which get heap entries). The queue
 * keeps a single clock timer for the earliest event and also catches up on anything due before
 * each operation, so fast-forwarding the clock moves the queue exactly.
 */
import { randomUUID } from "node:crypto";
import type { TimerHandle, VirtualClock } from "../../core/clock";
import type { MessageAttribute } from "../../core/links";
import { sqsErrors } from "../errors";
import { EventHeap } from "./event-heap";
import { md5Hex, md5OfAttributes, sha256Hex } from "./md5";
import {
  assertValidAttributes,
  assertValidBody,
  assertValidFifoId,
  messageSize,
  type MessageState,
  type StoredMessage,
} from "./message";
import { DEDUPLICATION_WINDOW_MS, MAX_VISIBILITY_TIMEOUT_SECONDS, readSettings, type QueueSettings } from "./queue-attributes";
import { decodeReceiptHandle, encodeReceiptHandle } from "./receipt-handle";

export interface NewMessage {
  body: string;
  attributes?: Record<string, MessageAttribute>;
  /** MessageSystemAttributes as sent (only AWSTraceHeader is accepted). */
  systemAttributes?: Record<string, MessageAttribute>;
  delaySeconds?: number;
  groupId?: string;
  deduplicationId?: string;
  senderId: string;
}

export interface SendOutcome {
  messageId: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  md5OfSystemAttributes?: string;
  sequenceNumber?: string;
  /** A FIFO duplicate within the deduplication window: accepted, not enqueued. */
  duplicate: boolean;
}

export interface ReceivedMessage {
  message: StoredMessage;
  receiptHandle: string;
}

export interface ReceiveOptions {
  maxMessages: number;
  visibilityTimeoutSeconds?: number;
  attemptId?: string;
  /** Finds the dead-letter queue of the redrive policy; undefined if it no longer exists. */
  deadLetterQueue?: (arn: string) => Queue | undefined;
}

export interface QueueStats {
  sent: number;
  received: number;
  deleted: number;
  emptyReceives: number;
  sizeCount: number;
  sizeSum: number;
  sizeMin: number;
  sizeMax: number;
}

export interface QueueHooks {
  /** State to save changed. */
  changed(queue: Queue): void;
  /** One message was added, changed (state, visibility, receive count, retention) or removed (`removed`): save it. */
  messageChanged?(queue: Queue, message: StoredMessage): void;
  /** A FIFO deduplication entry was added, or (null) left its window: save it. */
  deduplicationChanged?(queue: Queue, key: string, entry: DedupEntry | null): void;
  /** Messages became receivable (long polls re-check). */
  available(queue: Queue): void;
}

export interface QueueIdentity {
  name: string;
  region: string;
  accountId: string;
}

interface QueueEvent {
  at: number;
  /** Cleared when the event is superseded or its message goes, so a stale entry holds no message. */
  message: StoredMessage | null;
  version: number;
  kind: "visible" | "expire";
}

interface MessageGroup {
  id: string;
  items: StoredMessage[];
  head: number;
  live: number;
  inflight: number;
}

export interface DedupEntry {
  messageId: string;
  sequenceNumber?: string;
  expiresAt: number;
}

interface ReceiveAttempt {
  at: number;
  received: Array<{ message: StoredMessage; seq: number }>;
}

const RECEIVE_ATTEMPT_WINDOW_MS = 5 * 60_000;
const PURGE_INTERVAL_MS = 60_000;
/** CloudWatch keeps a queue's metrics coming this long after its last activity (AWS's rule). */
const ACTIVE_WINDOW_MS = 6 * 60 * 60_000;

export function emptyStats(): QueueStats {
  return { sent: 0, received: 0, deleted: 0, emptyReceives: 0, sizeCount: 0, sizeSum: 0, sizeMin: Infinity, sizeMax: 0 };
}

export class Queue {
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly arn: string;
  readonly fifo: boolean;
  /** Unique per queue incarnation: receipt handles of a deleted and re-created queue are refused. */
  readonly uid: string;
  createdAt: number;
  lastModifiedAt: number;
  attributes: Record<string, string>;
  settings: QueueSettings;
  tags: Record<string, string>;
  lastPurgeAt: number | undefined;
  nextSequence = 1;
  stats: QueueStats = emptyStats();
  /** When an API call last named this queue, or it was created or restored. */
  lastActiveAt: number;
  deleted = false;

  readonly messages = new Map<string, StoredMessage>();
  private counts = { visible: 0, inflight: 0, delayed: 0 };
  private events = new EventHeap<QueueEvent>();
  /** Standard queues: messages in the order they became visible (entries re-checked when taken). */
  private ready: StoredMessage[] = [];
  private readyHead = 0;
  private groups = new Map<string, MessageGroup>();
  private readyGroups = new Set<MessageGroup>();
  private dedup = new Map<string, DedupEntry>();
  private attempts = new Map<string, ReceiveAttempt>();
  /** Latest expiry among messages that expire in map order; an earlier one goes to the heap. */
  private expiryHorizon = -Infinity;
  /** No message expiring in map order expires before this (when to look at the map's front). */
  private frontExpiry = Infinity;
  private wakeHandle: TimerHandle | null = null;
  private wakeAt: number | undefined;

  constructor(
    identity: QueueIdentity,
    init: { attributes: Record<string, string>; tags: Record<string, string>; createdAt: number; uid?: string },
    private readonly clock: VirtualClock,
    private readonly hooks: QueueHooks,
  ) {
    this.name = identity.name;
    this.region = identity.region;
    this.accountId = identity.accountId;
    this.arn = `arn:aws:sqs:${identity.region}:${identity.accountId}:${identity.name}`;
    this.fifo = identity.name.endsWith(".fifo");
    this.uid = init.uid ?? randomUUID().replace(/-/g, "").slice(0, 16);
    this.createdAt = init.createdAt;
    this.lastModifiedAt = init.createdAt;
    this.lastActiveAt = clock.now();
    this.attributes = init.attributes;
    this.settings = readSettings(init.attributes);
    this.tags = init.tags;
  }

  /**
   * Whether AWS would still send this queue's metrics: it holds messages, or an action named it
   * within the last six hours. Idle queues go quiet, so an idle cloud stores no new data points.
   */
  isActive(now: number): boolean {
    if (this.counts.visible + this.counts.inflight + this.counts.delayed > 0) return true;
    return now - this.lastActiveAt < ACTIVE_WINDOW_MS;
  }

  get visibleCount(): number {
    return this.counts.visible;
  }
  get inflightCount(): number {
    return this.counts.inflight;
  }
  get delayedCount(): number {
    return this.counts.delayed;
  }

  /** Applies validated, normalised attributes (an empty string removes one). */
  setAttributes(changes: Record<string, string>): void {
    const retentionBefore = this.settings.retentionSeconds;
    for (const [name, value] of Object.entries(changes)) {
      if (value === "") delete this.attributes[name];
      else this.attributes[name] = value;
    }
    if (this.attributes.KmsMasterKeyId) {
      this.attributes.SqsManagedSseEnabled = "false";
      this.attributes.KmsDataKeyReusePeriodSeconds ??= "300";
    } else {
      delete this.attributes.KmsDataKeyReusePeriodSeconds;
      if (changes.KmsMasterKeyId === "" && changes.SqsManagedSseEnabled === undefined) this.attributes.SqsManagedSseEnabled = "true";
    }
    this.settings = readSettings(this.attributes);
    this.lastModifiedAt = this.clock.now();
    if (this.settings.retentionSeconds !== retentionBefore) this.rescheduleRetention();
    this.afterChange();
  }

  // ---- sending ---------------------------------------------------------------------------

  /** Validates and enqueues one message as SendMessage does. */
  send(input: NewMessage): SendOutcome {
    assertValidBody(input.body);
    assertValidAttributes(input.attributes, "user");
    assertValidAttributes(input.systemAttributes, "system");
    const size = messageSize(input.body, input.attributes);
    if (size > this.settings.maximumMessageSize) {
      throw sqsErrors.invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${this.settings.maximumMessageSize} bytes.`);
    }
    if (input.delaySeconds !== undefined) {
      if (!Number.isInteger(input.delaySeconds) || input.delaySeconds < 0 || input.delaySeconds > 900) {
        throw sqsErrors.invalidValue(input.delaySeconds, "DelaySeconds", "DelaySeconds must be >= 0 and <= 900.");
      }
      if (this.fifo && input.delaySeconds !== 0) {
        throw sqsErrors.invalidValue(input.delaySeconds, "DelaySeconds", "The request include parameter that is not valid for this queue type.");
      }
    }
    if (input.groupId !== undefined) assertValidFifoId(input.groupId, "MessageGroupId");
    let deduplicationId = input.deduplicationId;
    if (this.fifo) {
      if (input.groupId === undefined || input.groupId === "") throw sqsErrors.missingParameter("MessageGroupId");
      if (deduplicationId !== undefined) assertValidFifoId(deduplicationId, "MessageDeduplicationId");
      else if (this.settings.contentBasedDeduplication) deduplicationId = sha256Hex(input.body);
      else {
        throw sqsErrors.invalidParameterValue(
          "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
        );
      }
    } else if (deduplicationId !== undefined) {
      throw sqsErrors.invalidValue(deduplicationId, "MessageDeduplicationId", "The request includes a parameter that is not valid for this queue type.");
    }

    const now = this.clock.now();
    this.processDue(now);
    const md5OfAttrs = md5OfAttributes(input.attributes);
    const traceHeader = input.systemAttributes?.AWSTraceHeader?.StringValue;
    const md5OfSystem = md5OfAttributes(input.systemAttributes);

    let dedupKey: string | undefined;
    if (this.fifo && deduplicationId !== undefined) {
      this.pruneDeduplication(now);
      dedupKey = this.settings.deduplicationScope === "messageGroup" ? `${input.groupId}\u0000${deduplicationId}` : deduplicationId;
      const previous = this.dedup.get(dedupKey);
      if (previous) {
        return {
          messageId: previous.messageId,
          md5OfBody: md5Hex(input.body),
          md5OfAttributes: md5OfAttrs,
          md5OfSystemAttributes: md5OfSystem,
          sequenceNumber: previous.sequenceNumber,
          duplicate: true,
        };
      }
    }

    const delaySeconds = this.fifo ? this.settings.delaySeconds : (input.delaySeconds ?? this.settings.delaySeconds);
    const message: StoredMessage = {
      id: randomUUID(),
      body: input.body,
      md5OfBody: md5Hex(input.body),
      attributes: input.attributes && Object.keys(input.attributes).length > 0 ? input.attributes : undefined,
      md5OfAttributes: md5OfAttrs,
      traceHeader,
      md5OfSystemAttributes: md5OfSystem,
      senderId: input.senderId,
      sentAt: now,
      enqueuedAt: now,
      expiresAt: now + this.settings.retentionSeconds * 1000,
      receiveCount: 0,
      state: delaySeconds > 0 ? "delayed" : "visible",
      visibleAt: now + delaySeconds * 1000,
      receiveSeq: 0,
      receivedAt: 0,
      groupId: input.groupId,
      deduplicationId: this.fifo ? deduplicationId : undefined,
      sequenceNumber: this.fifo ? this.takeSequenceNumber() : undefined,
      size,
      removed: false,
      version: 0,
    };
    this.enqueue(message);
    if (dedupKey !== undefined) {
      const entry: DedupEntry = { messageId: message.id, sequenceNumber: message.sequenceNumber, expiresAt: now + DEDUPLICATION_WINDOW_MS };
      this.dedup.set(dedupKey, entry);
      this.hooks.deduplicationChanged?.(this, dedupKey, entry);
    }
    const stats = this.stats;
    stats.sent += 1;
    stats.sizeCount += 1;
    stats.sizeSum += size;
    if (size < stats.sizeMin) stats.sizeMin = size;
    if (size > stats.sizeMax) stats.sizeMax = size;
    this.afterChange();
    if (message.state === "visible") this.hooks.available(this);
    return {
      messageId: message.id,
      md5OfBody: message.md5OfBody,
      md5OfAttributes: md5OfAttrs,
      md5OfSystemAttributes: md5OfSystem,
      sequenceNumber: message.sequenceNumber,
      duplicate: false,
    };
  }

  /** Takes a message another queue's redrive policy moves here (its ID, body and counts kept). */
  acceptDeadLetter(source: StoredMessage, sourceArn: string): void {
    const now = this.clock.now();
    this.processDue(now);
    const message: StoredMessage = {
      ...source,
      attributes: source.attributes,
      enqueuedAt: now,
      expiresAt: (this.fifo ? now : source.sentAt) + this.settings.retentionSeconds * 1000,
      state: "visible",
      visibleAt: now,
      receiveSeq: 0,
      receivedAt: 0,
      sequenceNumber: this.fifo ? this.takeSequenceNumber() : undefined,
      deadLetterSourceArn: sourceArn,
      removed: false,
      version: 0,
    };
    if (this.fifo && message.groupId === undefined) message.groupId = "default";
    this.enqueue(message);
    this.afterChange();
    this.hooks.available(this);
  }

  /** Takes a message a move task redrives here: a fresh start (receive count reset). */
  acceptMoved(source: StoredMessage): void {
    const now = this.clock.now();
    this.processDue(now);
    const message: StoredMessage = {
      ...source,
      enqueuedAt: now,
      expiresAt: (this.fifo ? now : source.sentAt) + this.settings.retentionSeconds * 1000,
      firstReceivedAt: undefined,
      receiveCount: 0,
      state: "visible",
      visibleAt: now,
      receiveSeq: 0,
      receivedAt: 0,
      sequenceNumber: this.fifo ? this.takeSequenceNumber() : undefined,
      deadLetterSourceArn: undefined,
      removed: false,
      version: 0,
    };
    if (this.fifo && message.groupId === undefined) message.groupId = "default";
    if (message.expiresAt <= now) message.expiresAt = now + this.settings.retentionSeconds * 1000;
    this.enqueue(message);
    this.afterChange();
    this.hooks.available(this);
  }

  // ---- receiving -------------------------------------------------------------------------

  /** Receives up to `maxMessages` as ReceiveMessage does (no waiting; long polls call again). */
  receive(options: ReceiveOptions): ReceivedMessage[] {
    const now = this.clock.now();
    this.processDue(now);
    const visibilityMs = (options.visibilityTimeoutSeconds ?? this.settings.visibilityTimeoutSeconds) * 1000;

    if (this.fifo && options.attemptId) {
      const repeated = this.repeatAttempt(options.attemptId, now, visibilityMs);
      if (repeated) return repeated;
    }

    const redrive = this.settings.redrivePolicy;
    const deadLetter = redrive ? options.deadLetterQueue?.(redrive.deadLetterTargetArn) : undefined;
    const maxReceives = deadLetter && redrive ? redrive.maxReceiveCount : Infinity;
    const out: ReceivedMessage[] = [];
    const max = options.maxMessages;
    let changed = false;

    if (this.fifo) {
      for (const group of this.readyGroups) {
        if (out.length >= max) break;
        let taken = 0;
        for (let i = group.head; i < group.items.length && out.length < max; i++) {
          const message = group.items[i];
          if (message.removed) continue;
          if (message.state !== "visible") break;
          if (message.receiveCount >= maxReceives && deadLetter) {
            this.moveToDeadLetter(message, deadLetter);
            changed = true;
            continue;
          }
          out.push(this.markReceived(message, now, visibilityMs));
          taken += 1;
        }
        if (taken > 0) this.readyGroups.delete(group);
      }
    } else {
      while (out.length < max && this.readyHead < this.ready.length) {
        const message = this.ready[this.readyHead];
        this.ready[this.readyHead] = undefined as unknown as StoredMessage;
        this.readyHead += 1;
        if (message.removed || message.state !== "visible") continue;
        if (message.receiveCount >= maxReceives && deadLetter) {
          this.moveToDeadLetter(message, deadLetter);
          changed = true;
          continue;
        }
        out.push(this.markReceived(message, now, visibilityMs));
      }
      this.compactReady();
    }

    if (this.fifo && options.attemptId && out.length > 0) {
      this.pruneAttempts(now);
      this.attempts.set(options.attemptId, { at: now, received: out.map((r) => ({ message: r.message, seq: r.message.receiveSeq })) });
    }
    this.stats.received += out.length;
    if (out.length > 0 || changed) this.afterChange();
    return out;
  }

  recordEmptyReceive(): void {
    this.stats.emptyReceives += 1;
  }

  /** True when a receive now would find a message (long polls test this before receiving). */
  hasReceivable(): boolean {
    this.processDue(this.clock.now());
    return this.counts.visible > 0;
  }

  private markReceived(message: StoredMessage, now: number, visibilityMs: number): ReceivedMessage {
    message.receiveCount += 1;
    message.firstReceivedAt ??= now;
    message.receiveSeq += 1;
    message.receivedAt = now;
    this.setState(message, "inflight");
    message.visibleAt = now + visibilityMs;
    message.version += 1;
    this.scheduleVisible(message);
    if (this.fifo) this.groupOf(message).inflight += 1;
    this.hooks.messageChanged?.(this, message);
    return { message, receiptHandle: encodeReceiptHandle(this.uid, message.id, message.receiveSeq) };
  }

  private repeatAttempt(attemptId: string, now: number, visibilityMs: number): ReceivedMessage[] | null {
    const attempt = this.attempts.get(attemptId);
    if (!attempt || now - attempt.at > RECEIVE_ATTEMPT_WINDOW_MS) return null;
    const intact = attempt.received.every(
      ({ message, seq }) => !message.removed && message.state === "inflight" && message.receiveSeq === seq,
    );
    if (!intact) return null;
    return attempt.received.map(({ message }) => {
      message.visibleAt = now + visibilityMs;
      message.version += 1;
      this.scheduleVisible(message);
      this.hooks.messageChanged?.(this, message);
      return { message, receiptHandle: encodeReceiptHandle(this.uid, message.id, message.receiveSeq) };
    });
  }

  private pruneAttempts(now: number): void {
    for (const [id, attempt] of this.attempts) {
      if (now - attempt.at <= RECEIVE_ATTEMPT_WINDOW_MS) break;
      this.attempts.delete(id);
    }
  }

  private moveToDeadLetter(message: StoredMessage, deadLetter: Queue): void {
    this.removeMessage(message);
    deadLetter.acceptDeadLetter(message, this.arn);
  }

  // ---- deleting and visibility -----------------------------------------------------------

  /** Deletes as DeleteMessage does; false when the handle was valid but nothing was deleted. */
  deleteMessage(receiptHandle: string): boolean {
    const parts = decodeReceiptHandle(receiptHandle);
    if (!parts || parts.queueUid !== this.uid) throw sqsErrors.receiptHandleIsInvalid(receiptHandle);
    this.processDue(this.clock.now());
    const message = this.messages.get(parts.messageId);
    if (!message) return false;
    const current = parts.receiveSeq === message.receiveSeq;
    if (this.fifo && (!current || message.state !== "inflight")) throw sqsErrors.receiptHandleExpired(receiptHandle);
    if (!current) return false;
    // Deleting a FIFO group's in-flight message may free the group's next message for a waiting long poll.
    const group = this.fifo && message.state === "inflight" ? this.groupOf(message) : undefined;
    this.removeMessage(message);
    this.stats.deleted += 1;
    this.afterChange();
    if (group && group.inflight === 0 && group.live > 0) this.hooks.available(this);
    return true;
  }

  /** ChangeMessageVisibility: 0 makes the message visible at once. */
  changeVisibility(receiptHandle: string, seconds: number): void {
    const parts = decodeReceiptHandle(receiptHandle);
    if (!parts || parts.queueUid !== this.uid) throw sqsErrors.receiptHandleIsInvalid(receiptHandle);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_VISIBILITY_TIMEOUT_SECONDS) {
      throw sqsErrors.invalidValue(seconds, "VisibilityTimeout", `Must be between 0 and ${MAX_VISIBILITY_TIMEOUT_SECONDS}, if provided.`);
    }
    const now = this.clock.now();
    this.processDue(now);
    const message = this.messages.get(parts.messageId);
    if (!message || parts.receiveSeq !== message.receiveSeq) {
      throw sqsErrors.invalidValue(receiptHandle, "ReceiptHandle", "Message does not exist or is not available for visibility timeout change.");
    }
    if (message.state !== "inflight") throw sqsErrors.messageNotInflight();
    if (now - message.receivedAt + seconds * 1000 > MAX_VISIBILITY_TIMEOUT_SECONDS * 1000) {
      throw sqsErrors.invalidValue(seconds, "VisibilityTimeout", `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_TIMEOUT_SECONDS} seconds]`);
    }
    if (seconds === 0) {
      this.becomeVisible(message);
      this.afterChange();
      this.hooks.available(this);
      return;
    }
    message.visibleAt = now + seconds * 1000;
    message.version += 1;
    this.scheduleVisible(message);
    this.hooks.messageChanged?.(this, message);
    this.afterChange();
  }

  /** PurgeQueue: every message goes, in flight or not; once per 60 seconds. */
  purge(): void {
    const now = this.clock.now();
    if (this.lastPurgeAt !== undefined && now - this.lastPurgeAt < PURGE_INTERVAL_MS) throw sqsErrors.purgeQueueInProgress(this.name);
    this.lastPurgeAt = now;
    for (const message of this.messages.values()) {
      message.removed = true;
      message.version += 1;
      this.hooks.messageChanged?.(this, message);
    }
    this.messages.clear();
    this.counts = { visible: 0, inflight: 0, delayed: 0 };
    this.events.clear();
    this.expiryHorizon = -Infinity;
    this.frontExpiry = Infinity;
    this.ready = [];
    this.readyHead = 0;
    this.groups.clear();
    this.readyGroups.clear();
    this.attempts.clear();
    this.afterChange();
  }

  /** Takes up to `limit` visible messages out of the queue (message move tasks). */
  takeForMove(limit: number): StoredMessage[] {
    this.processDue(this.clock.now());
    const taken: StoredMessage[] = [];
    for (const message of this.messages.values()) {
      if (taken.length >= limit) break;
      if (message.state === "visible") taken.push(message);
    }
    for (const message of taken) this.removeMessage(message);
    if (taken.length > 0) this.afterChange();
    return taken;
  }

  /** Oldest message's age in this queue, in seconds (0 when empty). */
  oldestAgeSeconds(now: number): number {
    for (const message of this.messages.values()) return Math.max(0, Math.floor((now - message.enqueuedAt) / 1000));
    return 0;
  }

  /** Stops the queue's timer (DeleteQueue, shutdown). */
  dispose(): void {
    this.deleted = true;
    this.wakeHandle?.cancel();
    this.wakeHandle = null;
    this.wakeAt = undefined;
  }

  // ---- internals -------------------------------------------------------------------------

  private takeSequenceNumber(): string {
    const n = this.nextSequence++;
    return `1${String(n).padStart(19, "0")}`;
  }

  private enqueue(message: StoredMessage): void {
    this.messages.set(message.id, message);
    this.hooks.messageChanged?.(this, message);
    this.counts[message.state] += 1;
    if (message.state === "delayed") {
      this.scheduleVisible(message);
    } else if (!this.fifo) {
      this.ready.push(message);
    }
    this.trackExpiry(message);
    if (this.fifo) {
      const groupId = message.groupId as string;
      let group = this.groups.get(groupId);
      if (!group) {
        group = { id: groupId, items: [], head: 0, live: 0, inflight: 0 };
        this.groups.set(groupId, group);
      }
      group.items.push(message);
      group.live += 1;
      if (group.inflight === 0) this.readyGroups.add(group);
    }
  }

  /** A message just added to the map: it expires in map order, or it gets a heap entry. */
  private trackExpiry(message: StoredMessage): void {
    if (message.expiresAt >= this.expiryHorizon) {
      this.expiryHorizon = message.expiresAt;
      if (message.expiresAt < this.frontExpiry) this.frontExpiry = message.expiresAt;
    } else {
      this.events.push({ at: message.expiresAt, message, version: 0, kind: "expire" });
    }
  }

  /** Re-derives which messages expire in map order (after a retention change, a restore, a compaction). */
  private retrackExpiries(): QueueEvent[] {
    this.expiryHorizon = -Infinity;
    this.frontExpiry = Infinity;
    const early: QueueEvent[] = [];
    for (const message of this.messages.values()) {
      if (message.expiresAt >= this.expiryHorizon) {
        this.expiryHorizon = message.expiresAt;
        if (message.expiresAt < this.frontExpiry) this.frontExpiry = message.expiresAt;
      } else {
        early.push({ at: message.expiresAt, message, version: 0, kind: "expire" });
      }
    }
    return early;
  }

  /** Removes expired messages from the map's front; returns whether any went. */
  private sweepExpired(now: number): boolean {
    if (now < this.frontExpiry) return false;
    let removed = false;
    for (const message of this.messages.values()) {
      if (message.expiresAt > now) {
        this.frontExpiry = message.expiresAt;
        return removed;
      }
      this.removeMessage(message);
      removed = true;
    }
    this.frontExpiry = Infinity;
    return removed;
  }

  private groupOf(message: StoredMessage): MessageGroup {
    return this.groups.get(message.groupId as string) as MessageGroup;
  }

  /** Schedules the message's return to visible at `visibleAt`, superseding any earlier schedule. */
  private scheduleVisible(message: StoredMessage): void {
    if (message.visibilityEvent) message.visibilityEvent.message = null;
    const entry: QueueEvent = { at: message.visibleAt, message, version: message.version, kind: "visible" };
    message.visibilityEvent = entry;
    this.events.push(entry);
  }

  private unscheduleVisible(message: StoredMessage): void {
    if (message.visibilityEvent) {
      message.visibilityEvent.message = null;
      message.visibilityEvent = undefined;
    }
  }

  private setState(message: StoredMessage, state: MessageState): void {
    this.counts[message.state] -= 1;
    message.state = state;
    this.counts[state] += 1;
  }

  private becomeVisible(message: StoredMessage): void {
    this.unscheduleVisible(message);
    const wasInflight = message.state === "inflight";
    this.setState(message, "visible");
    message.version += 1;
    this.hooks.messageChanged?.(this, message);
    if (this.fifo) {
      const group = this.groupOf(message);
      if (wasInflight) group.inflight -= 1;
      if (group.inflight === 0) this.readyGroups.add(group);
    } else {
      this.ready.push(message);
    }
  }

  private removeMessage(message: StoredMessage): void {
    if (message.removed) return;
    this.unscheduleVisible(message);
    message.removed = true;
    message.version += 1;
    this.hooks.messageChanged?.(this, message);
    this.counts[message.state] -= 1;
    this.messages.delete(message.id);
    if (!this.fifo) return;
    const group = this.groupOf(message);
    if (message.state === "inflight") group.inflight -= 1;
    group.live -= 1;
    if (group.live === 0) {
      this.groups.delete(group.id);
      this.readyGroups.delete(group);
      return;
    }
    while (group.head < group.items.length && group.items[group.head].removed) group.head += 1;
    if (group.head > 64 && group.head * 2 > group.items.length) {
      group.items = group.items.slice(group.head);
      group.head = 0;
    }
    if (group.inflight === 0) this.readyGroups.add(group);
  }

  private compactReady(): void {
    if (this.readyHead === this.ready.length) {
      this.ready = [];
      this.readyHead = 0;
    } else if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead);
      this.readyHead = 0;
    }
  }

  private pruneDeduplication(now: number): void {
    for (const [key, entry] of this.dedup) {
      if (entry.expiresAt > now) break;
      this.dedup.delete(key);
      this.hooks.deduplicationChanged?.(this, key, null);
    }
  }

  private rescheduleRetention(): void {
    const retentionMs = this.settings.retentionSeconds * 1000;
    for (const message of this.messages.values()) {
      message.expiresAt = (this.fifo ? message.enqueuedAt : message.sentAt) + retentionMs;
      this.hooks.messageChanged?.(this, message);
    }
    for (const entry of this.retrackExpiries()) this.events.push(entry);
  }

  /** Applies everything due at or before `now`. */
  processDue(now: number): void {
    let becameVisible = false;
    let changed = this.sweepExpired(now);
    for (;;) {
      const next = this.events.peek();
      if (!next || next.at > now) break;
      this.events.pop();
      const message = next.message;
      if (!message || message.removed) continue;
      if (next.kind === "expire") {
        if (message.expiresAt === next.at) {
          this.removeMessage(message);
          changed = true;
        }
        continue;
      }
      if (message.version !== next.version || message.state === "visible") continue;
      this.becomeVisible(message);
      becameVisible = true;
      changed = true;
    }
    if (changed) this.hooks.changed(this);
    // On a FIFO queue, a message expiring in flight can also free its group's next message.
    if (becameVisible || (changed && this.fifo)) this.hooks.available(this);
  }

  private afterChange(): void {
    this.hooks.changed(this);
    this.compactEvents();
    this.scheduleWake();
  }

  /**
   * Deleted messages and superseded timeouts leave stale entries in the heap until they fall due
   * (retention: days). When they outnumber the live ones, rebuild the heap from the messages.
   */
  private compactEvents(): void {
    if (this.events.size <= 2 * this.messages.size + 1024) return;
    const entries = this.retrackExpiries();
    for (const message of this.messages.values()) {
      if (message.state !== "visible") {
        const entry: QueueEvent = { at: message.visibleAt, message, version: message.version, kind: "visible" };
        message.visibilityEvent = entry;
        entries.push(entry);
      }
    }
    this.events.replaceAll(entries);
  }

  private scheduleWake(): void {
    if (this.deleted) return;
    const next = Math.min(this.events.peek()?.at ?? Infinity, this.frontExpiry);
    const at = next === Infinity ? undefined : next;
    if (at === this.wakeAt) return;
    this.wakeHandle?.cancel();
    this.wakeHandle = null;
    this.wakeAt = at;
    if (at === undefined) return;
    this.wakeHandle = this.clock.at(at, () => {
      this.wakeHandle = null;
      this.wakeAt = undefined;
      if (this.deleted) return;
      this.processDue(this.clock.now());
      this.scheduleWake();
    });
  }

  /** Restores messages read from disk, in their saved order. */
  restoreMessages(messages: StoredMessage[], extra: { dedup: Array<[string, DedupEntry]>; nextSequence: number; lastPurgeAt?: number }): void {
    this.nextSequence = extra.nextSequence;
    this.lastPurgeAt = extra.lastPurgeAt;
    for (const [key, entry] of extra.dedup) this.dedup.set(key, entry);
    for (const message of messages) {
      const state = message.state;
      this.messages.set(message.id, message);
      this.counts[state] += 1;
      if (state === "visible") {
        if (!this.fifo) this.ready.push(message);
      } else {
        this.scheduleVisible(message);
      }
      if (this.fifo) {
        const groupId = message.groupId as string;
        let group = this.groups.get(groupId);
        if (!group) {
          group = { id: groupId, items: [], head: 0, live: 0, inflight: 0 };
          this.groups.set(groupId, group);
        }
        group.items.push(message);
        group.live += 1;
        if (state === "inflight") group.inflight += 1;
      }
    }
    for (const entry of this.retrackExpiries()) this.events.push(entry);
    for (const group of this.groups.values()) if (group.inflight === 0) this.readyGroups.add(group);
    this.processDue(this.clock.now());
    this.scheduleWake();
  }

  /** The deduplication entries still in their window (saved with the queue). */
  deduplicationEntries(): Array<[string, DedupEntry]> {
    this.pruneDeduplication(this.clock.now());
    return [...this.dedup];
  }
}
