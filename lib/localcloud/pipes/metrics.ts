/**
 * The AWS/EventBridge/Pipes metrics of one pipe (dimension PipeName), counted as the pipe runs and
 * emitted once per virtual minute in which it did something.
 */
import type { MetricDatum } from "../core/links";
import { StatSet } from "../core/stat-set";

export const PIPES_NAMESPACE = "AWS/EventBridge/Pipes";

export class PipeMetrics {
  invocations = 0;
  eventCount = 0;
  eventSizes = new StatSet();
  executionFailed = 0;
  executionPartiallyFailed = 0;
  targetStageFailed = 0;
  targetStagePartiallyFailed = 0;
  durations = new StatSet();

  get active(): boolean {
    return this.invocations > 0;
  }

  drain(pipeName: string, minuteStart: number): MetricDatum[] {
    const dimensions = [{ Name: "PipeName", Value: pipeName }];
    const count = (metricName: string, value: number, unit = "None"): MetricDatum => ({
      namespace: PIPES_NAMESPACE,
      metricName,
      dimensions,
      value,
      unit,
      timestamp: minuteStart,
    });
    const stats = (metricName: string, values: StatSet, unit: string): MetricDatum => ({
      ...count(metricName, values.sum, unit),
      statisticValues: { sampleCount: values.sampleCount, sum: values.sum, min: values.min, max: values.max },
    });
    const data = [
      count("Invocations", this.invocations),
      count("EventCount", this.eventCount),
      count("ExecutionFailed", this.executionFailed),
      count("ExecutionPartiallyFailed", this.executionPartiallyFailed),
      count("TargetStageFailed", this.targetStageFailed),
      count("TargetStagePartiallyFailed", this.targetStagePartiallyFailed),
    ];
    if (this.eventSizes.sampleCount > 0) data.push(stats("EventSize", this.eventSizes, "Bytes"));
    if (this.durations.sampleCount > 0) data.push(stats("Duration", this.durations, "Milliseconds"));
    Object.assign(this, new PipeMetrics());
    return data;
  }
}

