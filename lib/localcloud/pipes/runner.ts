/**
 * Runs the pipes that are RUNNING: once a virtual second it reads each pipe's source, drops what
 * the filter rejects (an SQS message is then deleted, as on AWS), renders the input template and
 * delivers to the target. A delivery that fails leaves an SQS message in the queue (it is visible
 * again after the queue's visibility timeout, and reaches the queue's DLQ by its redrive policy);
 * on a DynamoDB stream it blocks the shard and is retried until MaximumRetryAttempts.
 *
 * Pipes reads an SQS queue with 20-second long polls; looking once a second stands in for them,
 * and an idle queue counts one empty receive per 20 s, as a long poll that found nothing would.
 */
import type { VirtualClock } from "../core/clock";
import { AwsError } from "../core/errors";
import type { Links, ReceivedMessage } from "../core/links";
import { filterPatterns, inputTemplateOf, sourceKindOf, sqsSettings, streamSettings } from "./definition";
import { matchesAnyPattern } from "./event-pattern";
import { parsedView, sqsEvent, streamEvent, type SqsEvent, type StreamEvent } from "./events";
import { renderInputTemplate } from "./input-template";
import { PipeMetrics } from "./metrics";
import type { PipesModel } from "./model";
import type { PipeRecord } from "./pipe";
import { deliver } from "./targets";

const TICK_MS = 1_000;
const LONG_POLL_MS = 20_000;

/** Messages received from an SQS source and held while a batching window fills. */
interface SqsBuffer {
  messages: ReceivedMessage[];
  since: number;
}

export class PipesRunner {
  private timer: { cancel(): void } | null = null;
  private stopMinutes: (() => void) | null = null;
  private readonly buffers = new Map<string, SqsBuffer>();
  /** Per pipe, when its current imitated long poll started finding nothing. */
  private readonly emptySince = new Map<string, number>();
  private readonly metrics = new Map<string, PipeMetrics>();

  constructor(
    private readonly model: PipesModel,
    private readonly clock: VirtualClock,
    private readonly links: Links,
  ) {}

  start(): void {
    const schedule = () => {
      this.timer = this.clock.after(TICK_MS, () => {
        this.tick();
        schedule();
      });
    };
    schedule();
    this.stopMinutes = this.clock.everyMinute((minuteStart) => this.emitMetrics(minuteStart));
  }

  stop(): void {
    this.timer?.cancel();
    this.stopMinutes?.();
  }

  /** One pass over every running pipe. */
  tick(): void {
    for (const pipe of this.model.all()) {
      if (pipe.currentState !== "RUNNING") {
        this.buffers.delete(pipe.arn);
        this.emptySince.delete(pipe.arn);
        continue;
      }
      const before = progressOf(pipe);
      try {
        if (sourceKindOf(pipe.source) === "sqs") this.runSqs(pipe);
        else this.runStream(pipe);
      } catch (error) {
        pipe.lastError = error instanceof Error ? error.message : String(error);
      }
      if (progressOf(pipe) !== before) this.model.save(pipe);
    }
  }

  private metricsOf(pipe: PipeRecord): PipeMetrics {
    let metrics = this.metrics.get(pipe.arn);
    if (!metrics) {
      metrics = new PipeMetrics();
      this.metrics.set(pipe.arn, metrics);
    }
    return metrics;
  }

  // ----- SQS sources -----

  private runSqs(pipe: PipeRecord): void {
    const sqs = this.links.sqs;
    if (!sqs) return;
    if (!sqs.exists(pipe.source)) {
      pipe.lastError = `The source queue ${pipe.source} does not exist.`;
      return;
    }
    const { batchSize, windowSeconds } = sqsSettings(pipe.sourceParameters);
    const now = this.clock.now();
    const buffer = this.buffers.get(pipe.arn) ?? { messages: [], since: now };
    while (buffer.messages.length < batchSize) {
      const emptySince = this.emptySince.get(pipe.arn) ?? now;
      const pollEnds = now - emptySince >= LONG_POLL_MS;
      const received = sqs.receiveFromArn(pipe.source, { maxMessages: Math.min(10, batchSize - buffer.messages.length), countEmpty: pollEnds });
      if (received.length === 0) {
        this.emptySince.set(pipe.arn, pollEnds ? now : emptySince);
        break;
      }
      this.emptySince.delete(pipe.arn);
      if (buffer.messages.length === 0) buffer.since = now;
      // A message whose visibility timeout ran out while it waited in the window comes again:
      // keep the newest receipt handle, not two copies.
      const again = new Set(received.map((m) => m.messageId));
      buffer.messages = [...buffer.messages.filter((m) => !again.has(m.messageId)), ...received];
    }
    if (buffer.messages.length === 0) {
      this.buffers.delete(pipe.arn);
      return;
    }
    const full = buffer.messages.length >= batchSize;
    if (!full && windowSeconds > 0 && now - buffer.since < windowSeconds * 1000) {
      this.buffers.set(pipe.arn, buffer);
      return;
    }
    this.buffers.delete(pipe.arn);
    const region = pipe.region;
    const events = buffer.messages.map((m) => sqsEvent(m, pipe.source, region));
    const deleteFromSource = (event: SqsEvent) => {
      try {
        sqs.deleteFromArn(pipe.source, event.receiptHandle);
      } catch (error) {
        // The receipt handle went stale (the message became visible again): it will be read again.
        pipe.lastError = error instanceof Error ? error.message : String(error);
      }
    };
    this.process(pipe, events, deleteFromSource, (event) => event.attributes.MessageGroupId);
  }

  // ----- DynamoDB stream sources -----

  private runStream(pipe: PipeRecord): void {
    const streams = this.links.dynamodbStreams;
    if (!streams) return;
    const settings = streamSettings(pipe.sourceParameters);
    let description;
    try {
      description = streams.describeStream(pipe.source);
    } catch (error) {
      pipe.lastError = error instanceof Error ? error.message : String(error);
      return;
    }
    const starting = pipe.checkpointStream !== pipe.source;
    if (starting) {
      pipe.checkpoints = {};
      pipe.checkpointStream = pipe.source;
    }
    const known = new Set(description.Shards.map((s) => s.ShardId));
    for (const shard of description.Shards) {
      if (pipe.checkpoints[shard.ShardId]) continue;
      const parent = shard.ParentShardId && known.has(shard.ParentShardId) ? shard.ParentShardId : undefined;
      if (starting && settings.startingPosition === "LATEST") {
        // LATEST: read the open shards from now on; closed ones hold only the past.
        const closed = shard.SequenceNumberRange.EndingSequenceNumber !== undefined;
        pipe.checkpoints[shard.ShardId] = { position: { type: "LATEST" }, done: closed, attempts: 0 };
        continue;
      }
      // Otherwise a shard is read from its start once its parent has been read to the end.
      if (parent && !pipe.checkpoints[parent]?.done) continue;
      pipe.checkpoints[shard.ShardId] = { position: { type: "TRIM_HORIZON" }, done: false, attempts: 0 };
    }
    for (const [shardId, checkpoint] of Object.entries(pipe.checkpoints)) {
      if (checkpoint.done) continue;
      if (!known.has(shardId)) {
        checkpoint.done = true;
        continue;
      }
      this.readShard(pipe, shardId, settings);
    }
  }

  private readShard(pipe: PipeRecord, shardId: string, settings: ReturnType<typeof streamSettings>): void {
    const streams = this.links.dynamodbStreams;
    const checkpoint = pipe.checkpoints[shardId];
    if (!streams || !checkpoint) return;
    const now = this.clock.now();
    const read = streams.readRecords(pipe.source, shardId, checkpoint.position, settings.batchSize);
    if (read.records.length === 0) {
      checkpoint.position = read.next;
      checkpoint.done = read.shardEnded;
      checkpoint.waitingSince = undefined;
      return;
    }
    if (read.records.length < settings.batchSize && settings.windowSeconds > 0 && !read.shardEnded) {
      checkpoint.waitingSince ??= now;
      if (now - checkpoint.waitingSince < settings.windowSeconds * 1000) return;
    }
    checkpoint.waitingSince = undefined;
    const maxAgeMs = settings.maximumRecordAgeSeconds >= 0 ? settings.maximumRecordAgeSeconds * 1000 : Number.POSITIVE_INFINITY;
    const events = read.records.map((r) => streamEvent(r, pipe.source));
    const fresh = events.filter((e) => now - e.dynamodb.ApproximateCreationDateTime * 1000 <= maxAgeMs);
    let lastDelivered: string | undefined;
    const outcome = this.process(
      pipe,
      fresh,
      (event) => {
        lastDelivered = event.dynamodb.SequenceNumber;
      },
      () => undefined,
      true,
    );
    if (outcome.failed === 0) {
      checkpoint.position = read.next;
      checkpoint.done = read.shardEnded;
      checkpoint.attempts = 0;
      return;
    }
    checkpoint.attempts += 1;
    const exhausted = settings.maximumRetryAttempts >= 0 && checkpoint.attempts > settings.maximumRetryAttempts;
    if (exhausted) {
      checkpoint.position = read.next;
      checkpoint.done = read.shardEnded;
      checkpoint.attempts = 0;
    } else if (lastDelivered) {
      checkpoint.position = { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: lastDelivered };
    }
  }

  // ----- filter, template, target -----

  /**
   * Filters and delivers a batch in order. `onHandled` runs for every event that is done with
   * (filtered out or delivered). With `stopAtFailure`, the first failed delivery ends the batch;
   * otherwise a failure holds back only the later events of the same message group.
   */
  private process<E extends SqsEvent | StreamEvent>(
    pipe: PipeRecord,
    events: E[],
    onHandled: (event: E) => void,
    groupOf: (event: E) => string | undefined,
    stopAtFailure = false,
  ): { delivered: number; failed: number } {
    const filters = filterPatterns(pipe.sourceParameters);
    const template = inputTemplateOf(pipe.targetParameters);
    const metrics = this.metricsOf(pipe);
    pipe.counters.received += events.length;
    const kept: Array<{ event: E; view: unknown }> = [];
    for (const event of events) {
      const view = parsedView(event);
      if (matchesAnyPattern(filters, view)) kept.push({ event, view });
      else {
        pipe.counters.filteredOut += 1;
        onHandled(event);
      }
    }
    if (kept.length === 0) return { delivered: 0, failed: 0 };

    const started = Date.now();
    metrics.invocations += 1;
    metrics.eventCount += kept.length;
    const blockedGroups = new Set<string>();
    let delivered = 0;
    let failed = 0;
    for (const { event, view } of kept) {
      const group = groupOf(event);
      if (group !== undefined && blockedGroups.has(group)) continue;
      const payload = template !== undefined ? renderInputTemplate(template, view, this.variables(pipe)) : JSON.stringify(event);
      metrics.eventSizes.add(Buffer.byteLength(payload));
      try {
        deliver(this.links, pipe.target, pipe.targetParameters, payload, view);
        delivered += 1;
        pipe.counters.delivered += 1;
        onHandled(event);
      } catch (error) {
        failed += 1;
        pipe.counters.failed += 1;
        pipe.lastError = error instanceof AwsError ? `${error.code}: ${error.message}` : String(error);
        if (stopAtFailure) break;
        if (group !== undefined) blockedGroups.add(group);
      }
    }
    metrics.durations.add(Date.now() - started);
    if (failed > 0) {
      if (delivered > 0) {
        metrics.executionPartiallyFailed += 1;
        metrics.targetStagePartiallyFailed += 1;
      } else {
        metrics.executionFailed += 1;
        metrics.targetStageFailed += 1;
      }
    }
    return { delivered, failed };
  }

  private variables(pipe: PipeRecord) {
    return {
      pipeArn: pipe.arn,
      pipeName: pipe.name,
      sourceArn: pipe.source,
      targetArn: pipe.target,
      ingestionTime: this.clock.nowDate().toISOString(),
    };
  }

  private emitMetrics(minuteStart: number): void {
    const put = this.links.metrics;
    for (const pipe of this.model.all()) {
      const metrics = this.metrics.get(pipe.arn);
      if (!metrics?.active) continue;
      const data = metrics.drain(pipe.name, minuteStart);
      put?.put(pipe.region, data);
    }
  }
}

/** What a tick may change in a pipe's saved state, to save it only when it did change. */
function progressOf(pipe: PipeRecord): string {
  return JSON.stringify([pipe.counters, pipe.checkpoints, pipe.checkpointStream, pipe.lastError]);
}
