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
  /**
   * Receives as ReceiveMessage would (no wait), for Pipes reading a queue. `countEmpty: false`
   * leaves an empty result out of NumberOfEmptyReceives (a poller imitating a long poll counts
   * one per wait, not one per look).
   */
  receiveFromArn(
    arn: string,
    options: { maxMessages: number; visibilityTimeoutSeconds?: number; countEmpty?: boolean },
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
      /** "json": `message` is a JSON object of per-protocol messages with a `default` (CloudWatch alarms). */
      messageStructure?: "json";
    },
  ): { messageId: string; sequenceNumber?: string };
  exists(arn: string): boolean;
}

export interface MetricDatum {
  namespace: string;
  metricName: string;
  dimensions: Array<{ Name: string; Value: string }>;
  value: number;
  unit?: string;
  /** Epoch ms; the clock's now if omitted. A minute's emission should pass that minute's start. */
  timestamp?: number;
  /** A pre-aggregated statistic set (e.g. SNS PublishSize); when given, `value` is ignored. */
  statisticValues?: { sampleCount: number; sum: number; min: number; max: number };
  /** 1 for high resolution; 60 (the default) otherwise. */
  storageResolution?: 1 | 60;
}

export interface MetricsLink {
  /** Stores data points as PutMetricData would, in the given region. */
  put(region: string, data: MetricDatum[]): void;
}

/** A DynamoDB attribute value in the JSON wire shape (`{"S": "a"}`, `{"N": "1"}`, `{"M": {...}}`...). */
export type DynamoAttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { L: DynamoAttributeValue[] }
  | { M: Record<string, DynamoAttributeValue> };

export type DynamoItem = Record<string, DynamoAttributeValue>;

export type DynamoStreamViewType = "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";

/** One stream record exactly as DynamoDB Streams' GetRecords returns it (JSON wire shape). */
export interface DynamoStreamRecord {
  eventID: string;
  eventName: "INSERT" | "MODIFY" | "REMOVE";
  eventVersion: string;
  eventSource: "aws:dynamodb";
  awsRegion: string;
  dynamodb: {
    /** Epoch seconds (the wire's timestamp format), from the virtual clock. */
    ApproximateCreationDateTime: number;
    Keys: DynamoItem;
    NewImage?: DynamoItem;
    OldImage?: DynamoItem;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: DynamoStreamViewType;
  };
  /** Present on records of deletes made by TTL. */
  userIdentity?: { PrincipalId: string; Type: string };
}

export interface DynamoStreamShard {
  ShardId: string;
  ParentShardId?: string;
  /** EndingSequenceNumber is set once the shard is closed. */
  SequenceNumberRange: { StartingSequenceNumber?: string; EndingSequenceNumber?: string };
}

/** A stream as DescribeStream returns it (every shard, no pagination). */
export interface DynamoStreamDescription {
  StreamArn: string;
  StreamLabel: string;
  StreamStatus: "ENABLING" | "ENABLED" | "DISABLING" | "DISABLED";
  StreamViewType: DynamoStreamViewType;
  TableName: string;
  KeySchema: Array<{ AttributeName: string; KeyType: "HASH" | "RANGE" }>;
  /** Epoch seconds. */
  CreationRequestDateTime: number;
  Shards: DynamoStreamShard[];
}

/** Where a read starts, as GetShardIterator's types say. */
export type DynamoStreamPosition =
  | { type: "TRIM_HORIZON" }
  | { type: "LATEST" }
  | { type: "AT_SEQUENCE_NUMBER"; sequenceNumber: string }
  | { type: "AFTER_SEQUENCE_NUMBER"; sequenceNumber: string };

export interface DynamoStreamsLink {
  /** The table's current stream ARN, or undefined when the table has no enabled stream. */
  latestStreamArn(region: string, tableName: string): string | undefined;
  /** As DescribeStream would (ResourceNotFoundException for an unknown ARN). */
  describeStream(streamArn: string): DynamoStreamDescription;
  /**
   * Reads up to `limit` (default 1000) records of one shard from `position`, in order, as
   * GetShardIterator + GetRecords would (TrimmedDataAccessException when the position was
   * trimmed). `next` is where the following read continues: AFTER the last record returned, or
   * the position resolved now when nothing was returned (never LATEST, so no later record is
   * skipped). `shardEnded` is true when the shard is closed and every record up to its end has
   * been returned: the reader moves on to the shards whose ParentShardId is this one.
   */
  readRecords(
    streamArn: string,
    shardId: string,
    position: DynamoStreamPosition,
    limit?: number,
  ): { records: DynamoStreamRecord[]; next: DynamoStreamPosition; shardEnded: boolean };
  /** Called (synchronously, after the write) whenever records are appended to a stream. */
  onRecords(listener: (streamArn: string) => void): () => void;
}

/** What one Lambda invocation produced, as Invoke reports it. */
export interface LambdaInvocationResult {
  /** 200 for RequestResponse, 202 for Event. */
  statusCode: number;
  /** Set when the function failed (`Unhandled`: it threw, timed out, exited or returned what cannot be serialized). */
  functionError?: "Unhandled";
  /**
   * The response as JSON text: what the handler returned, or on an error Lambda's error object
   * (`{"errorType":"Error","errorMessage":"…","trace":[…]}`, or for a timeout
   * `{"errorType":"Sandbox.Timedout","errorMessage":"… Task timed out after 3.00 seconds"}`). Empty for Event.
   */
  payload: string;
  /** The request id, also on the START/END/REPORT log lines. */
  requestId: string;
  /** The last 4 KB of the invocation's log output (what `LogType: Tail` returns, before base64). */
  logTail: string;
  /** Billed-style duration of the handler run, ms. */
  durationMs: number;
  executedVersion: string;
}

export interface LambdaFunctionSettings {
  arn: string;
  /** Invoke fails with ResourceConflictException while the function is Pending (about a second after CreateFunction). */
  state: "Pending" | "Active";
  timeoutSeconds: number;
  memorySizeMB: number;
  /** PutFunctionConcurrency's value; undefined when none is reserved. */
  reservedConcurrency?: number;
}

export interface LambdaLink {
  /**
   * Runs the function as Invoke would. `functionName` is a name, a partial or a full ARN. Throws
   * AwsError as Invoke does (`ResourceNotFoundException`; `TooManyRequestsException` when the
   * function's reserved concurrency is used up, which an event source mapping treats as throttling).
   * `invocationType: "Event"` resolves once the event is queued (202) and runs it in the background.
   * A function is Pending for about a second after CreateFunction: Invoke then fails with
   * ResourceConflictException, as on AWS (advance the clock, or wait for State Active).
   */
  invoke(
    region: string,
    functionName: string,
    payload: string,
    options?: { invocationType?: "RequestResponse" | "Event" },
  ): Promise<LambdaInvocationResult>;
  /** The function's ARN when it exists, else undefined. */
  functionArn(region: string, functionName: string): string | undefined;
  /** The settings a caller plans with (an event source mapping's visibility timeout, its concurrency), or undefined when the function does not exist. */
  functionSettings(region: string, functionName: string): LambdaFunctionSettings | undefined;
  /**
   * True when the function's resource policy (AddPermission) lets `principal` (e.g.
   * `apigateway.amazonaws.com`) invoke it for `sourceArn` (statements' `SourceArn` may use `*` wildcards).
   */
  allowsInvoke(region: string, functionName: string, principal: string, sourceArn: string): boolean;
}

/** A role as the local IAM holds it, for services that check a role they are given (Lambda). */
export interface IamRoleView {
  arn: string;
  /** The trust policy as JSON text. */
  assumeRolePolicyDocument: string;
}

export interface IamLink {
  /** The role with exactly this ARN, or undefined when there is none. */
  getRole(roleArn: string): IamRoleView | undefined;
}

/** One log event as PutLogEvents takes it. */
export interface LogEventInput {
  /** Epoch ms, from the local cloud's clock. */
  timestamp: number;
  message: string;
}

export interface LogsLink {
  /** Appends events to a group's stream as PutLogEvents would, creating the group and stream when missing (as Lambda does). */
  put(region: string, logGroupName: string, logStreamName: string, events: LogEventInput[]): void;
}

/**
 * Each service sets its own entry when it is created. Services that other services need add
 * their link interface above and a field here (DynamoDB Streams for Pipes, for example).
 */
export interface Links {
  sqs?: SqsLink;
  sns?: SnsLink;
  metrics?: MetricsLink;
  dynamodbStreams?: DynamoStreamsLink;
  lambda?: LambdaLink;
  logs?: LogsLink;
  iam?: IamLink;
}
