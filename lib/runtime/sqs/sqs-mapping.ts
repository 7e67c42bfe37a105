/**
 * An SQS event source mapping: pollers long-poll the queue, gather a batch (batch size, batching
 * window, 6 MB), invoke the function, and delete what succeeded. A thrown error, a timeout or an
 * invalid batch response deletes nothing, so the whole batch reappears after the queue's
 * visibility timeout (and reaches the DLQ after maxReceiveCount); a valid partial batch response
 * deletes only the successes.
 *
 * One poller long-polls (20 s) while the queue is idle; each non-empty receive adds a poller, up
 * to the mapping's maximum concurrency, and extra pollers leave after an empty receive.
 * FIFO queues: the messages of one receive are split by message group, one batch per group in
 * order, and groups run side by side; there is no batching window.
 *
 * Stopping never cuts a long poll short (a queue may already have handed a message to a request
 * the client then drops, hiding it for a whole visibility timeout): a poll that returns after the
 * stop, and a batch still being gathered, are made visible again at once. Batches already sent to
 * the function finish, within the grace period, and delete what succeeded.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { parseArn, queueNameFromArn } from "../arn";
import { backoffDelay, errorCode, errorMessage, isAbortError } from "../backoff";
import { judgeBatchResponse, verdictForLog } from "../events/batch-response";
import { sqsRecordSize, toSqsRecord } from "../events/sqs-event";
import { Semaphore } from "../function/concurrency";
import type { InvocationResult, InvokeOptions } from "../function/lambda-function";
import type { MappingRunContext, MappingRunner, ProcessingResult, RunnerStatus } from "../mapping-runner";
import { groupByMessageGroup } from "./fifo-groups";

export interface SqsMappingSettings {
  eventSourceArn: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  /** Lambda's ScalingConfig.MaximumConcurrency; unset: DEFAULT_SQS_CONCURRENCY. */
  maximumConcurrency?: number;
  reportBatchItemFailures: boolean;
}

/** Concurrent batches when the mapping sets no maximum (Lambda starts SQS mappings with five). */
export const DEFAULT_SQS_CONCURRENCY = 5;
export const LONG_POLL_SECONDS = 20;
/** Lambda's synchronous invocation payload limit. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
const RECEIVE_MAX = 10;
const DELETE_BATCH_MAX = 10;

interface QueueInfo {
  url: string;
  arn: string;
  region: string;
  fifo: boolean;
  visibilityTimeoutSeconds: number;
}

interface ReceivedBatch {
  messages: Message[];
  receivedAt: number;
}

export class SqsMappingRunner implements MappingRunner {
  private abort: AbortController | null = null;
  private queue: QueueInfo | null = null;
  private resolving: Promise<QueueInfo | null> | null = null;
  private pollers = new Set<Promise<void>>();
  private processing = new Set<Promise<void>>();
  private readonly slots: Semaphore;
  private inFlight = 0;
  private lastResult: ProcessingResult = "No records processed";
  private sourceError: string | undefined;
  private sourceFailures = 0;

  constructor(
    private readonly settings: SqsMappingSettings,
    private readonly client: SQSClient,
    private readonly ctx: MappingRunContext,
  ) {
    this.slots = new Semaphore(this.concurrency);
  }

  private get concurrency(): number {
    return this.settings.maximumConcurrency ?? DEFAULT_SQS_CONCURRENCY;
  }

  start(): void {
    if (this.abort) return;
    this.abort = new AbortController();
    this.spawnPoller(true);
  }

  async stop(graceMs: number): Promise<void> {
    const abort = this.abort;
    if (!abort) return;
    abort.abort();
    this.abort = null;
    const batches = Promise.allSettled([...this.processing]);
    await Promise.race([batches, new Promise((resolve) => setTimeout(resolve, graceMs).unref?.())]);
  }

  status(): RunnerStatus {
    return {
      running: this.abort !== null,
      lastProcessingResult: this.lastResult,
      sourceError: this.sourceError,
      inFlightBatches: this.inFlight,
    };
  }

  private spawnPoller(leader: boolean): void {
    const signal = this.abort?.signal;
    if (!signal) return;
    const poller = this.poll(leader, signal).catch((error: unknown) => {
      this.ctx.log("error", `The poller stopped on an unexpected error: ${errorMessage(error)}`);
    });
    this.pollers.add(poller);
    void poller.finally(() => this.pollers.delete(poller));
  }

  private async poll(leader: boolean, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const queue = await this.resolveQueue(signal);
      if (!queue) continue;
      const batch = await this.gather(queue, signal);
      if (!batch) continue; // a failed receive: already logged and backed off
      if (signal.aborted) return this.release(queue, batch.messages);
      if (batch.messages.length === 0) {
        if (leader) continue;
        return;
      }
      if (this.pollers.size < this.concurrency) this.spawnPoller(false);
      const batches = queue.fifo ? groupByMessageGroup(batch.messages).map((messages) => ({ messages, receivedAt: batch.receivedAt })) : [batch];
      await Promise.all(batches.map((one) => this.track(this.process(queue, one, signal))));
    }
  }

  /** Finds the queue's URL and settings from its ARN, retrying with back-off while it fails. */
  private async resolveQueue(signal: AbortSignal): Promise<QueueInfo | null> {
    if (this.queue) return this.queue;
    this.resolving ??= (async () => {
      const arn = this.settings.eventSourceArn;
      const parsed = parseArn(arn);
      try {
        const { QueueUrl } = await this.client.send(
          new GetQueueUrlCommand({ QueueName: queueNameFromArn(arn), QueueOwnerAWSAccountId: parsed?.accountId }),
          { abortSignal: signal },
        );
        if (!QueueUrl) throw new Error("GetQueueUrl returned no URL.");
        const { Attributes } = await this.client.send(
          new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["VisibilityTimeout"] }),
          { abortSignal: signal },
        );
        this.queue = {
          url: QueueUrl,
          arn,
          region: parsed?.region ?? "us-east-1",
          // A FIFO queue's name ends in .fifo (asking a standard queue for FifoQueue is an error on AWS).
          fifo: arn.endsWith(".fifo"),
          visibilityTimeoutSeconds: Number(Attributes?.VisibilityTimeout ?? 30),
        };
        this.sourceRecovered();
        return this.queue;
      } catch (error) {
        if (!signal.aborted) await this.sourceFailed(error, signal);
        return null;
      }
    })().finally(() => {
      this.resolving = null;
    });
    return this.resolving;
  }

  private track(work: Promise<void>): Promise<void> {
    this.processing.add(work);
    return work.finally(() => this.processing.delete(work));
  }

  /** Receives one batch: one long poll, then (standard queues with a window) more until full. */
  private async gather(queue: QueueInfo, signal: AbortSignal): Promise<ReceivedBatch | null> {
    const { batchSize } = this.settings;
    const first = await this.receive(queue, Math.min(RECEIVE_MAX, batchSize), LONG_POLL_SECONDS, signal);
    if (!first || first.length === 0) return first ? { messages: [], receivedAt: this.ctx.clock.now() } : null;
    this.inFlight += 1;
    try {
      const messages = [...first];
      const receivedAt = this.ctx.clock.now();
      const windowMs = queue.fifo ? 0 : this.settings.maximumBatchingWindowInSeconds * 1000;
      if (windowMs > 0) {
        const deadline = receivedAt + windowMs;
        let bytes = messages.reduce((sum, m) => sum + Buffer.byteLength(m.Body ?? ""), 0);
        while (!signal.aborted && messages.length < batchSize && bytes < MAX_PAYLOAD_BYTES) {
          const remainingMs = deadline - this.ctx.clock.now();
          if (remainingMs <= 0) break;
          const wait = Math.min(LONG_POLL_SECONDS, Math.ceil(remainingMs / 1000));
          const more = await this.receive(queue, Math.min(RECEIVE_MAX, batchSize - messages.length), wait, signal);
          if (!more) break;
          messages.push(...more);
          bytes += more.reduce((sum, m) => sum + Buffer.byteLength(m.Body ?? ""), 0);
        }
      }
      return { messages, receivedAt };
    } finally {
      this.inFlight -= 1;
    }
  }

  private async receive(queue: QueueInfo, max: number, waitSeconds: number, signal: AbortSignal): Promise<Message[] | null> {
    try {
      const result = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: queue.url,
          MaxNumberOfMessages: max,
          WaitTimeSeconds: waitSeconds,
          MessageSystemAttributeNames: ["All"],
          AttributeNames: ["All"],
          MessageAttributeNames: ["All"],
        }),
      );
      this.sourceRecovered();
      return result.Messages ?? [];
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return null;
      if (errorCode(error).includes("NonExistentQueue") || errorCode(error) === "QueueDoesNotExist") this.queue = null;
      await this.sourceFailed(error, signal);
      return null;
    }
  }

  /** Invokes the function with one batch and deletes what succeeded. */
  private async process(queue: QueueInfo, batch: ReceivedBatch, signal: AbortSignal): Promise<void> {
    const got = await this.slots.acquire(signal);
    if (!got) return this.release(queue, batch.messages);
    this.inFlight += 1;
    try {
      const records = this.toRecords(queue, batch.messages);
      const ids = new Set(records.map((r) => r.messageId));
      const result = await this.invokeUnthrottled(records, queue, batch.receivedAt, signal);
      if (!result) return;
      if (result.status === "timeout") {
        this.lastResult = "PROBLEM: Function timed out";
        return;
      }
      if (result.status !== "returned") {
        this.lastResult = result.status === "throttled" ? "PROBLEM: Function throttled" : "PROBLEM: Function call failed";
        return;
      }
      const verdict = judgeBatchResponse(result.result, ids, this.settings.reportBatchItemFailures);
      if (verdict.kind === "invalid") {
        this.lastResult = "PROBLEM: Function call failed";
        return;
      }
      this.lastResult = "OK";
      const failed = new Set(verdict.kind === "partial" ? verdict.failedIds : []);
      await this.ctx.busy(() => this.deleteMessages(queue, records.filter((r) => !failed.has(r.messageId))));
    } finally {
      this.inFlight -= 1;
      this.slots.release();
    }
  }

  private toRecords(queue: QueueInfo, messages: Message[]): SQSRecord[] {
    const records: SQSRecord[] = [];
    let bytes = 0;
    for (const message of messages) {
      const record = toSqsRecord(message, { queueArn: queue.arn, region: queue.region });
      bytes += sqsRecordSize(record);
      records.push(record);
    }
    if (bytes > MAX_PAYLOAD_BYTES) this.ctx.log("warn", `A batch of ${records.length} messages is ${bytes} bytes, over Lambda's 6 MB payload limit.`);
    return records;
  }

  /**
   * Invokes; a throttled invocation is retried with back-off while the messages are still
   * invisible (as Lambda does), then left to reappear.
   */
  private async invokeUnthrottled(records: SQSRecord[], queue: QueueInfo, receivedAt: number, signal: AbortSignal): Promise<InvocationResult | null> {
    const event: SQSEvent = { Records: records };
    const ids = new Set(records.map((r) => r.messageId));
    const visibleAgainAt = receivedAt + queue.visibilityTimeoutSeconds * 1000;
    const options: InvokeOptions = {
      batchSize: records.length,
      eventSource: "aws:sqs",
      mappingId: this.ctx.mappingId,
      judge: (response) => verdictForLog(judgeBatchResponse(response, ids, this.settings.reportBatchItemFailures)),
    };
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.ctx.busy(() => this.ctx.fn.invoke(event, options));
      if (result.status !== "throttled") return result;
      const delay = backoffDelay(attempt, 200, 5_000);
      if (signal.aborted || this.ctx.clock.now() + delay >= visibleAgainAt) return result;
      await this.ctx.clock.sleep(delay, signal);
    }
  }

  private async deleteMessages(queue: QueueInfo, records: SQSRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += DELETE_BATCH_MAX) {
      const chunk = records.slice(i, i + DELETE_BATCH_MAX);
      try {
        const result = await this.client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queue.url,
            Entries: chunk.map((record, index) => ({ Id: String(index), ReceiptHandle: record.receiptHandle })),
          }),
        );
        for (const failure of result.Failed ?? []) {
          const record = chunk[Number(failure.Id)];
          this.ctx.log("warn", `Could not delete message ${record?.messageId}: ${failure.Code} ${failure.Message ?? ""}`.trim(), {
            messageId: record?.messageId,
          });
        }
      } catch (error) {
        this.ctx.log("error", `Could not delete ${chunk.length} processed messages: ${errorMessage(error)}. They will be received again.`);
      }
    }
  }

  /** Makes received messages that will not be processed visible again at once. */
  private async release(queue: QueueInfo, messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    for (let i = 0; i < messages.length; i += DELETE_BATCH_MAX) {
      const chunk = messages.slice(i, i + DELETE_BATCH_MAX);
      try {
        await this.client.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queue.url,
            Entries: chunk.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 })),
          }),
        );
      } catch {
        // They become visible after the visibility timeout instead.
      }
    }
    this.ctx.log("info", `Stopped with ${messages.length} received messages not yet sent to the function; they are visible again.`);
  }

  private async sourceFailed(error: unknown, signal: AbortSignal): Promise<void> {
    this.sourceFailures += 1;
    const message = `${errorCode(error)}: ${errorMessage(error)}`;
    if (message !== this.sourceError) this.ctx.log("error", `Cannot read the queue: ${message}`, { eventSourceArn: this.settings.eventSourceArn });
    this.sourceError = message;
    this.lastResult = `PROBLEM: ${message}`;
    await this.ctx.clock.sleep(backoffDelay(this.sourceFailures, 1_000, 30_000), signal);
  }

  private sourceRecovered(): void {
    if (this.sourceError) this.ctx.log("info", "Reading the queue again.");
    this.sourceError = undefined;
    this.sourceFailures = 0;
  }
}
