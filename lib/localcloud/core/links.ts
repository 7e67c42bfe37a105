/**
 * In-process entry points one service offers the others (SNS delivers to SQS, an alarm publishes
 * to SNS, every service emits CloudWatch metrics, Pipes read queues and streams). Services fill
 * these in when they are created; a caller finds a link missing only if that service is off.
 * Each link throws `AwsError` exactly as the matching API call would (e.g. a missing queue).
 */

/** A message attribute as SQS and SNS carry it (the JSON protocol's shape; binary as base64). */
export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface SqsLink {
  /** Enqueues as SendMessage would, addressing the queue by ARN. */
  sendToArn(
    arn: string,
    message: {
      body: string;
      attributes?: Record<string, MessageAttribute>;
      groupId?: string;
      deduplicationId?: string;
      delaySeconds?: number;
    },
  ): { messageId: string; sequenceNumber?: string };
  /** True when a queue with this ARN exists. */
  exists(arn: string): boolean;
  /** Receives as ReceiveMessage would (no wait), for Pipes reading a queue. */
  receiveFromArn(
    arn: string,
    options: { maxMessages: number; visibilityTimeoutSeconds?: number },
  ): Array<ReceivedMessage>;
  /** Deletes a received message as DeleteMessage would. */
  deleteFromArn(arn: string, receiptHandle: string): void;
  /** Makes a received message visible again after `seconds` (ChangeMessageVisibility). */
  changeVisibilityByArn(arn: string, receiptHandle: string, seconds: number): void;
}

export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  /** System attributes (ApproximateReceiveCount, SentTimestamp, MessageGroupId...). */
  attributes: Record<string, string>;
  messageAttributes: Record<string, MessageAttribute>;
  md5OfMessageAttributes?: string;
}

export interface SnsLink {
  /** Publishes as Publish would, addressing the topic by ARN. */
  publishToArn(
    arn: string,
    message: {
      message: string;
      subject?: string;
      attributes?: Record<string, MessageAttribute>;
      groupId?: string;
      deduplicationId?: string;
    },
  ): { messageId: string };
  exists(arn: string): boolean;
}

export interface MetricDatum {
  namespace: string;
  metricName: string;
  dimensions: Array<{ Name: string; Value: string }>;
  value: number;
  unit?: string;
  /** Epoch ms; the clock's now if omitted. */
  timestamp?: number;
}

export interface MetricsLink {
  /** Stores data points as PutMetricData would, in the given region. */
  put(region: string, data: MetricDatum[]): void;
}

/**
 * Each service sets its own entry when it is created. Services that other services need add
 * their link interface above and a field here (DynamoDB Streams for Pipes, for example).
 */
export interface Links {
  sqs?: SqsLink;
  sns?: SnsLink;
  metrics?: MetricsLink;
}
