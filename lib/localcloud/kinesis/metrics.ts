/**
 * The AWS/Kinesis stream-level metrics, counted as requests arrive and emitted once per virtual
 * minute with dimension StreamName. Per-call metrics (PutRecord.Success, GetRecords.Success,
 * GetRecords.IteratorAgeMilliseconds...) are emitted as statistic sets, so Average, Sum,
 * Minimum, Maximum and SampleCount come out as on AWS.
 */
import type { MetricDatum } from "../core/links";
import { StatSet } from "../core/stat-set";

export const KINESIS_NAMESPACE = "AWS/Kinesis";

export class StreamMetrics {
  incomingRecords = 0;
  incomingBytes = 0;
  putRecordSuccess = new StatSet();
  putRecordBytes = new StatSet();
  putRecordsSuccess = new StatSet();
  putRecordsTotal = new StatSet();
  putRecordsSuccessful = new StatSet();
  putRecordsFailed = new StatSet();
  putRecordsThrottled = new StatSet();
  putRecordsBytes = new StatSet();
  writeThrottled = 0;
  writeCalls = 0;
  getRecordsSuccess = new StatSet();
  getRecordsRecords = new StatSet();
  getRecordsBytes = new StatSet();
  iteratorAge = new StatSet();
  readThrottled = 0;

  /** The minute's data points; the stream's counters start again afterwards. */
  drain(streamName: string, minuteStart: number): MetricDatum[] {
    const dimensions = [{ Name: "StreamName", Value: streamName }];
    const data: MetricDatum[] = [];
    const count = (metricName: string, value: number, unit: string) =>
      data.push({ namespace: KINESIS_NAMESPACE, metricName, dimensions, value, unit, timestamp: minuteStart });
    const stats = (metricName: string, set: StatSet, unit: string) => {
      if (set.sampleCount === 0) return;
      data.push({
        namespace: KINESIS_NAMESPACE,
        metricName,
        dimensions,
        value: set.sum,
        unit,
        timestamp: minuteStart,
        statisticValues: { sampleCount: set.sampleCount, sum: set.sum, min: set.min, max: set.max },
      });
    };

    count("IncomingRecords", this.incomingRecords, "Count");
    count("IncomingBytes", this.incomingBytes, "Bytes");
    stats("PutRecord.Success", this.putRecordSuccess, "Count");
    stats("PutRecord.Bytes", this.putRecordBytes, "Bytes");
    stats("PutRecords.Success", this.putRecordsSuccess, "Count");
    stats("PutRecords.Records", this.putRecordsSuccessful, "Count");
    stats("PutRecords.TotalRecords", this.putRecordsTotal, "Count");
    stats("PutRecords.SuccessfulRecords", this.putRecordsSuccessful, "Count");
    stats("PutRecords.FailedRecords", this.putRecordsFailed, "Count");
    stats("PutRecords.ThrottledRecords", this.putRecordsThrottled, "Count");
    stats("PutRecords.Bytes", this.putRecordsBytes, "Bytes");
    if (this.writeCalls > 0) count("WriteProvisionedThroughputExceeded", this.writeThrottled, "Count");
    stats("GetRecords.Success", this.getRecordsSuccess, "Count");
    stats("GetRecords.Records", this.getRecordsRecords, "Count");
    stats("GetRecords.Bytes", this.getRecordsBytes, "Bytes");
    stats("GetRecords.IteratorAgeMilliseconds", this.iteratorAge, "Milliseconds");
    if (this.getRecordsSuccess.sampleCount > 0) count("ReadProvisionedThroughputExceeded", this.readThrottled, "Count");
    Object.assign(this, new StreamMetrics());
    return data;
  }
}
