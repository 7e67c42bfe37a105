/**
 * Every queue of the account, per region, and the rules that span queues: names, ARNs and URLs,
 * the 60-second wait before a deleted queue's name can be used again, and redrive policies (the
 * dead-letter queue must exist, be of the same type, and allow the source).
 */
import type { VirtualClock } from "../../core/clock";
import { sqsErrors } from "../errors";
import {
  defaultAttributes,
  normalizeAttributes,
  parseRedriveAllowPolicy,
  parseRedrivePolicy,
} from "./queue-attributes";
import { Queue, type QueueHooks } from "./queue";

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const RECREATE_WAIT_MS = 60_000;

export interface ModelHooks extends QueueHooks {
  /** A queue was deleted (its saved state goes). */
  removed(queue: Queue): void;
}

export interface ParsedArn {
  region: string;
  accountId: string;
  name: string;
}

export function parseQueueArn(arn: string): ParsedArn | null {
  const parts = typeof arn === "string" ? arn.split(":") : [];
  if (parts.length !== 6 || parts[0] !== "arn" || parts[2] !== "sqs" || !parts[3] || !parts[5]) return null;
  return { region: parts[3], accountId: parts[4], name: parts[5] };
}

/** The queue name and account from any queue URL shape: the last two path segments. */
export function parseQueueUrl(url: string): { accountId: string; name: string } | null {
  if (typeof url !== "string" || url === "") return null;
  const scheme = url.indexOf("://");
  let start = scheme === -1 ? 0 : url.indexOf("/", scheme + 3);
  if (start === -1) return null;
  let end = url.length;
  for (const mark of ["?", "#"]) {
    const at = url.indexOf(mark, start);
    if (at !== -1 && at < end) end = at;
  }
  while (end > start && url[end - 1] === "/") end -= 1;
  const nameStart = url.lastIndexOf("/", end - 1);
  if (nameStart < start) return null;
  const accountStart = url.lastIndexOf("/", nameStart - 1);
  if (accountStart < start || nameStart - accountStart < 2 || end - nameStart < 2) return null;
  start = accountStart;
  try {
    return { accountId: decodeURIComponent(url.slice(start + 1, nameStart)), name: decodeURIComponent(url.slice(nameStart + 1, end)) };
  } catch {
    return null;
  }
}

export class SqsModel {
  private regions = new Map<string, Map<string, Queue>>();
  private deletedAt = new Map<string, number>();

  constructor(
    readonly accountId: string,
    readonly clock: VirtualClock,
    private readonly hooks: ModelHooks,
  ) {}

  queuesIn(region: string): Map<string, Queue> {
    let queues = this.regions.get(region);
    if (!queues) {
      queues = new Map();
      this.regions.set(region, queues);
    }
    return queues;
  }

  *allQueues(): IterableIterator<Queue> {
    for (const queues of this.regions.values()) yield* queues.values();
  }

  get(region: string, name: string): Queue | undefined {
    return this.regions.get(region)?.get(name);
  }

  /** A queue an API call names: the call counts as activity (see `Queue.isActive`). */
  require(region: string, name: string): Queue {
    const queue = this.get(region, name);
    if (!queue) throw sqsErrors.queueDoesNotExist();
    queue.lastActiveAt = this.clock.now();
    return queue;
  }

  /** `byArn` bound once, for receives that may move messages to a dead-letter queue. */
  readonly findByArn = (arn: string): Queue | undefined => this.byArn(arn);

  byArn(arn: string): Queue | undefined {
    const parsed = parseQueueArn(arn);
    if (!parsed || parsed.accountId !== this.accountId) return undefined;
    return this.get(parsed.region, parsed.name);
  }

  /** A queue another service acts on (SNS delivers, Pipes polls): counts as activity too. */
  requireByArn(arn: string): Queue {
    const queue = this.byArn(arn);
    if (!queue) throw sqsErrors.queueDoesNotExist();
    queue.lastActiveAt = this.clock.now();
    return queue;
  }

  /** Resolves a QueueUrl of any shape (ours, AWS's, LocalStack's) in the request's region. */
  requireByUrl(region: string, url: string | undefined): Queue {
    if (url === undefined || url === "") throw sqsErrors.missingParameter("QueueUrl");
    const parsed = parseQueueUrl(url);
    if (!parsed) throw sqsErrors.invalidAddress(url);
    if (parsed.accountId !== this.accountId) throw sqsErrors.queueDoesNotExist();
    return this.require(region, parsed.name);
  }

  /** CreateQueue: returns the existing queue when every given attribute matches it. */
  create(region: string, name: string, rawAttributes: Record<string, string>, tags: Record<string, string>): Queue {
    if (typeof name !== "string" || name === "") throw sqsErrors.missingParameter("QueueName");
    const fifoRequested = String(rawAttributes.FifoQueue ?? "").toLowerCase() === "true";
    const baseName = name.endsWith(".fifo") ? name.slice(0, -5) : name;
    if (fifoRequested) {
      if (!name.endsWith(".fifo") || !QUEUE_NAME.test(baseName) || name.length > 80) {
        throw sqsErrors.invalidParameterValue(
          "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.",
        );
      }
    } else if (!QUEUE_NAME.test(name) || name.endsWith(".fifo")) {
      throw sqsErrors.invalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
    const attributes = normalizeAttributes(rawAttributes, { fifo: fifoRequested, creating: true });
    const existing = this.get(region, name);
    if (existing) {
      for (const [attribute, value] of Object.entries(attributes)) {
        const current = existing.attributes[attribute] ?? "";
        if (current !== value) throw sqsErrors.queueNameExists(attribute);
      }
      return existing;
    }
    const now = this.clock.now();
    const deletedAt = this.deletedAt.get(`${region}\u0000${name}`);
    if (deletedAt !== undefined && now - deletedAt < RECREATE_WAIT_MS) throw sqsErrors.queueDeletedRecently();
    this.deletedAt.delete(`${region}\u0000${name}`);
    validateTags(tags, name);

    const initial = { ...defaultAttributes(fifoRequested) };
    for (const [attribute, value] of Object.entries(attributes)) {
      if (value !== "") initial[attribute] = value;
    }
    if (initial.KmsMasterKeyId) {
      initial.SqsManagedSseEnabled = "false";
      initial.KmsDataKeyReusePeriodSeconds ??= "300";
    }
    if (initial.FifoThroughputLimit === "perMessageGroupId" && initial.DeduplicationScope !== "messageGroup") {
      throw sqsErrors.invalidAttributeValue("FifoThroughputLimit", "perMessageGroupId is allowed only when DeduplicationScope is messageGroup.");
    }
    const queue = new Queue({ name, region, accountId: this.accountId }, { attributes: initial, tags: { ...tags }, createdAt: now }, this.clock, this.hooks);
    if (initial.RedrivePolicy) this.assertRedriveAllowed(queue, initial.RedrivePolicy);
    this.queuesIn(region).set(name, queue);
    this.hooks.changed(queue);
    return queue;
  }

  /** Validates and applies SetQueueAttributes. */
  setAttributes(queue: Queue, rawAttributes: Record<string, string>): void {
    const changes = normalizeAttributes(rawAttributes, { fifo: queue.fifo, creating: false });
    if (changes.RedrivePolicy) this.assertRedriveAllowed(queue, changes.RedrivePolicy);
    const limit = changes.FifoThroughputLimit ?? queue.attributes.FifoThroughputLimit;
    const scope = changes.DeduplicationScope ?? queue.attributes.DeduplicationScope;
    if (queue.fifo && limit === "perMessageGroupId" && scope !== "messageGroup") {
      throw sqsErrors.invalidAttributeValue("FifoThroughputLimit", "perMessageGroupId is allowed only when DeduplicationScope is messageGroup.");
    }
    queue.setAttributes(changes);
  }

  /** DeleteQueue: the name can be used again after 60 seconds. */
  delete(queue: Queue): void {
    const queues = this.regions.get(queue.region);
    if (queues?.get(queue.name) !== queue) return;
    queues.delete(queue.name);
    queue.dispose();
    this.deletedAt.set(`${queue.region}\u0000${queue.name}`, this.clock.now());
    this.hooks.removed(queue);
  }

  /** Records that a queue's state changed outside its own operations (tags). */
  markChanged(queue: Queue): void {
    this.hooks.changed(queue);
  }

  /** Adds a queue read back from disk. */
  restore(queue: Queue): void {
    this.queuesIn(queue.region).set(queue.name, queue);
  }

  /** The queues whose redrive policy names this one as their dead-letter queue. */
  deadLetterSourcesOf(queue: Queue): Queue[] {
    const sources: Queue[] = [];
    for (const candidate of this.queuesIn(queue.region).values()) {
      if (candidate.settings.redrivePolicy?.deadLetterTargetArn === queue.arn) sources.push(candidate);
    }
    return sources;
  }

  private assertRedriveAllowed(queue: Queue, policyText: string): void {
    const policy = parseRedrivePolicy(policyText);
    const target = this.byArn(policy.deadLetterTargetArn);
    if (!target || target.region !== queue.region) {
      throw sqsErrors.invalidValue(policyText, "RedrivePolicy", "Dead letter target does not exist.");
    }
    if (target.fifo !== queue.fifo) {
      throw sqsErrors.invalidValue(policyText, "RedrivePolicy", "Dead-letter queue must be same type of queue as the source.");
    }
    const allow = target.attributes.RedriveAllowPolicy ? parseRedriveAllowPolicy(target.attributes.RedriveAllowPolicy) : null;
    if (allow && (allow.redrivePermission === "denyAll" || (allow.redrivePermission === "byQueue" && !allow.sourceQueueArns?.includes(queue.arn)))) {
      throw sqsErrors.invalidValue(policyText, "RedrivePolicy", `Queue ${target.arn} does not allow ${queue.arn} to use it as a dead-letter queue.`);
    }
  }
}

export function validateTags(tags: Record<string, string>, queueName: string): void {
  const keys = Object.keys(tags);
  if (keys.length > 50) throw sqsErrors.invalidParameterValue(`Too many tags added for queue ${queueName}.`);
  for (const key of keys) {
    if (key.length < 1 || key.length > 128) throw sqsErrors.invalidParameterValue(`Tag key must be between 1 and 128 characters: ${key}`);
    const value = tags[key];
    if (typeof value !== "string" || value.length > 256) throw sqsErrors.invalidParameterValue(`Tag value for key ${key} must be at most 256 characters.`);
  }
}
