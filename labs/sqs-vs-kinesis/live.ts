/**
 * The lab's own live state (`lab.live`), computed from the runtime's log and mappings at each
 * refresh: the triggers, the SQS batches and retries, the Kinesis batches, retries, skips and
 * running analytics, and the comparison run. Panels read it as `useLabLive().data?.lab`.
 */
import type { JsonValue } from "@/lib/lab-framework/types";
import type { MappingView } from "@/lib/runtime";
import { sqsBatches, streamActivity, type SqsBatchView, type StreamBatchView, type SkippedBatch } from "./activity";
import { analyticsFigures, type AnalyticsFigures } from "./analytics";
import { measureComparison, type ComparisonView } from "./comparison";
import { latestComparisonRun } from "./comparison-runs";
import { describeMapping } from "./functions";
import { timeScaleOf } from "./handlers/sqs-processor";
import { queueOutcome, type QueueOutcome } from "./queue-retries";
import type { KinesisLabContext } from "./resources";

export interface TriggerView {
  summary: string;
  state: "Enabled" | "Disabled";
  running: boolean;
  problem?: string;
  lastProcessingResult: string;
}

export interface KinesisLabLive {
  triggers: { queue: TriggerView | null; stream: TriggerView | null };
  sqs: QueueOutcome & { batches: SqsBatchView[] };
  stream: {
    batches: StreamBatchView[];
    failedInvocations: number;
    skipped: SkippedBatch[];
    waitingShards: string[];
    analytics: AnalyticsFigures;
  };
  comparison: ComparisonView | null;
  /** The queue processor's PROCESSING_TIME_SCALE (1: the write-up's full work time). */
  queueTimeScale: number;
  /** Labels for the live diagram (see diagram.ts). */
  diagram: { nodes: Record<string, string>; edges: Record<string, string>; active: string[] };
}

function trigger(view: MappingView | undefined): TriggerView | null {
  if (!view) return null;
  return {
    summary: describeMapping(view),
    state: view.state,
    running: view.running,
    ...(view.problem ? { problem: view.problem } : {}),
    lastProcessingResult: view.lastProcessingResult,
  };
}

export async function kinesisLabLive(context: KinesisLabContext): Promise<KinesisLabLive> {
  const [lines, queueMapping, streamMapping, queueVariables] = await Promise.all([
    context.runtime.logs(),
    context.runtime.findMapping("queueProcessor", "orderQueue"),
    context.runtime.findMapping("streamProcessor", "analyticsStream"),
    context.runtime.environment("queueProcessor"),
  ]);
  const batches = sqsBatches(lines, context.names.queueProcessor, 500);
  const activity = streamActivity(lines, context.names.streamProcessor, 500);
  const run = latestComparisonRun(context);
  const triggerNote = (view: MappingView | undefined) => (!view ? "no trigger" : view.state === "Enabled" ? (view.running ? "trigger on" : "trigger not running") : "trigger off");
  const processedOrders = queueOutcome(batches).succeeded;
  const processedEvents = activity.analytics.records;
  const diagram = {
    nodes: { queueProcessor: triggerNote(queueMapping), streamProcessor: triggerNote(streamMapping) },
    edges: {
      ...(batches.length ? { toQueueProcessor: `${batches.length} batches · ${processedOrders} done` } : {}),
      ...(activity.batches.length ? { toStreamProcessor: `${activity.batches.filter((b) => b.outcome === "success").length} batches · ${processedEvents} read` } : {}),
      ...(activity.waitingShards.length ? { toStreamProcessor: `retrying · ${activity.waitingShards.length} shard waiting` } : {}),
    },
    active: [...((queueMapping?.working ?? 0) > 0 ? ["toQueueProcessor"] : []), ...((streamMapping?.working ?? 0) > 0 ? ["toStreamProcessor"] : [])],
  };
  return {
    triggers: { queue: trigger(queueMapping), stream: trigger(streamMapping) },
    sqs: { ...queueOutcome(batches), batches: batches.slice(0, 12) },
    stream: {
      batches: activity.batches.slice(0, 16),
      failedInvocations: activity.failedInvocations,
      skipped: activity.skipped.slice(0, 10),
      waitingShards: activity.waitingShards,
      analytics: analyticsFigures(activity.analytics),
    },
    comparison: run ? measureComparison(run, batches, activity.batches, activity.skipped) : null,
    queueTimeScale: timeScaleOf(queueVariables.PROCESSING_TIME_SCALE),
    diagram,
  };
}

export async function liveState(context: KinesisLabContext): Promise<Record<string, JsonValue>> {
  return JSON.parse(JSON.stringify(await kinesisLabLive(context))) as Record<string, JsonValue>;
}
