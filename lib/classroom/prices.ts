/**
 * What the class's resources cost per hour while they exist on real AWS, from list prices in
 * us-east-1 (other regions differ by a few percent; free tiers are ignored, so these are upper
 * bounds for a small class). Request-priced services (SQS, SNS, DynamoDB on demand, EventBridge
 * Pipes) cost nothing while idle; what runs up a bill is what is priced per hour.
 */
export const PRICES_AS_OF = "2026-11-22";
export const PRICE_REGION = "us-east-1";

const HOURS_PER_MONTH = 730;

export const HOURLY = {
  /** Kinesis Data Streams, provisioned: per shard-hour. */
  kinesisShard: 0.015,
  /** Kinesis Data Streams, on-demand: per stream-hour (plus data, not counted). */
  kinesisOnDemandStream: 0.04,
  /** CloudWatch standard-resolution alarm: $0.10 per alarm-month. */
  alarm: 0.1 / HOURS_PER_MONTH,
  /** CloudWatch dashboard beyond the three free: $3.00 per dashboard-month. */
  dashboard: 3 / HOURS_PER_MONTH,
  /** DynamoDB provisioned capacity: per RCU-hour and WCU-hour (on-demand tables: nothing while idle). */
  dynamoRcu: 0.00013,
  dynamoWcu: 0.00065,
  /** A workbook trigger on an SQS queue long-polls (20 s): about 180 ReceiveMessage calls an hour at $0.40 per million. */
  sqsPoller: (180 * 0.4) / 1_000_000,
} as const;

export const PRICE_NOTES = [
  `Kinesis Data Streams: $${HOURLY.kinesisShard} per shard-hour (provisioned), $${HOURLY.kinesisOnDemandStream} per stream-hour (on-demand).`,
  "CloudWatch: $0.10 per alarm-month, $3.00 per dashboard-month (the first three dashboards are free).",
  "DynamoDB: nothing while idle on demand; provisioned capacity $0.00013 per RCU-hour and $0.00065 per WCU-hour.",
  "SQS, SNS, EventBridge Pipes, IAM: nothing while idle (priced per request, or free). A running trigger's long polls add about $0.0001 an hour.",
];

export function formatDollars(value: number): string {
  if (value === 0) return "$0";
  if (value < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(value < 1 ? 3 : 2)}`;
}
