/**
 * The AWS/Kinesis stream-level metrics, counted as requests arrive and emitted once per virtual
 * minute with dimension StreamName. Metrics AWS reports as an average of per-call outcomes
 * (PutRecord.Success, GetRecords.Success) are emitted as one data point per call, so Average,
 * Sum and SampleCount all come out as on AWS.
 */
import type { MetricDatum } from "../core/links";

export const KINESIS_NAMESPACE = "AWS/Kinesis";
/** At most this many per-call data points per metric per minute; beyond it they are folded. */
const MAX_PER_CALL_POINTS = 5_000;

export class StreamMetrics {
  incomingRecords = 0;
  incomingBytes = 0;
  putRecordOutcomes: number[] = [];
  putRecordBytes = 0;
  putRecordsCalls = 0;
  putRecordsOutcomes: number[] = [];
  putRecordsTotal = 0;
  putRecordsSuccessful = 0;
  putRecordsFailed = 0;
  putRecordsThrottled = 0;
  putRecordsBytes = 0;
  writeThrottled = 0;
  getRecordsOutcomes: number[] = [];
  getRecordsRecords = 0;
  getRecordsBytes = 0;
  iteratorAgeMax: number | null = null;
  readThrottled = 0;

  noteOutcome(list: number[], success: boolean): void {
    if (list.length < MAX_PER_CALL_POINTS) list.push(success ? 1 : 0);
  }

  noteIteratorAge(ageMs: number): void {
    this.iteratorAgeMax = this.iteratorAgeMax === null ? ageMs : Math.max(this.iteratorAgeMax, ageMs);
  }

  /** The minute's data points; the stream's counters start again afterwards. */
  drain(streamName: string, minuteStart: number): MetricDatum[] {
    const dimensions = [{ Name: "StreamName", Value: streamName }];
    const data: MetricDatum[] = [];
    const point = (metricName: string, value: number, unit: string) =>
      data.push({ namespace: KINESIS_NAMESPACE, metricName, dimensions, value, unit, timestamp: minuteStart });

    point("IncomingRecords", this.incomingRecords, "Count");
    point("IncomingBytes", this.incomingBytes, "Bytes");
    if (this.putRecordOutcomes.length > 0) {
      for (const outcome of this.putRecordOutcomes) point("PutRecord.Success", outcome, "Count");
      point("PutRecord.Bytes", this.putRecordBytes, "Bytes");
    }
    if (this.putRecordsCalls > 0) {
      for (const outcome of this.putRecordsOutcomes) point("PutRecords.Success", outcome, "Count");
      point("PutRecords.Records", this.putRecordsSuccessful, "Count");
      point("PutRecords.TotalRecords", this.putRecordsTotal, "Count");
      point("PutRecords.SuccessfulRecords", this.putRecordsSuccessful, "Count");
      point("PutRecords.FailedRecords", this.putRecordsFailed, "Count");
      point("PutRecords.ThrottledRecords", this.putRecordsThrottled, "Count");
      point("PutRecords.Bytes", this.putRecordsBytes, "Bytes");
    }
    if (this.writeThrottled > 0 || this.putRecordOutcomes.length > 0 || this.putRecordsCalls > 0) {
      point("WriteProvisionedThroughputExceeded", this.writeThrottled, "Count");
    }
    if (this.getRecordsOutcomes.length > 0) {
      for (const outcome of this.getRecordsOutcomes) point("GetRecords.Success", outcome, "Count");
      point("GetRecords.Records", this.getRecordsRecords, "Count");
      point("GetRecords.Bytes", this.getRecordsBytes, "Bytes");
      point("ReadProvisionedThroughputExceeded", this.readThrottled, "Count");
      if (this.iteratorAgeMax !== null) point("GetRecords.IteratorAgeMilliseconds", this.iteratorAgeMax, "Milliseconds");
    }
    Object.assign(this, new StreamMetrics());
    return data;
  }
}
