/**
 * Running statistics of one metric within a minute (sample count, sum, minimum, maximum), which
 * services emit as a PutMetricData statistic set so Average, Sum, Minimum, Maximum and SampleCount
 * come out as on AWS.
 */
export class StatSet {
  sampleCount = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  add(value: number): void {
    this.sampleCount += 1;
    this.sum += value;
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);
  }
}
