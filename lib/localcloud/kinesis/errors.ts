/** Kinesis's errors, with AWS's codes and messages. */
import { AwsError } from "../core/errors";

export const kinesisErrors = {
  streamNotFound: (name: string, accountId: string) =>
    new AwsError("ResourceNotFoundException", `Stream ${name} under account ${accountId} not found.`),
  streamExists: (name: string, accountId: string) =>
    new AwsError("ResourceInUseException", `Stream ${name} under account ${accountId} already exists.`),
  streamNotActive: (name: string, accountId: string, status: string) =>
    new AwsError("ResourceInUseException", `Stream ${name} under account ${accountId} not ACTIVE, instead in state ${status}`),
  shardNotFound: (shardId: string, name: string, accountId: string) =>
    new AwsError("ResourceNotFoundException", `Could not find shard ${shardId} in stream ${name} under account ${accountId}.`),
  invalidArgument: (message: string) => new AwsError("InvalidArgumentException", message),
  validation: (message: string) => new AwsError("ValidationException", message),
  /** One constraint violation, in AWS's "1 validation error detected" wording. */
  constraint: (field: string, value: unknown, constraint: string) =>
    new AwsError(
      "ValidationException",
      `1 validation error detected: Value ${value === undefined ? "null" : `'${String(value)}'`} at '${field}' failed to satisfy constraint: ${constraint}`,
    ),
  writeThrottled: (shardId: string, name: string, accountId: string) =>
    new AwsError("ProvisionedThroughputExceededException", `Rate exceeded for shard ${shardId} in stream ${name} under account ${accountId}.`),
  readThrottled: (shardId: string, name: string, accountId: string) =>
    new AwsError("ProvisionedThroughputExceededException", `Rate exceeded for Shard - ${shardId} in stream ${name} under account ${accountId}.`),
  expiredIterator: (createdAt: number, now: number) =>
    new AwsError(
      "ExpiredIteratorException",
      `Iterator expired. The iterator was created at time ${new Date(createdAt).toUTCString()} while right now it is ${new Date(now).toUTCString()} which is further in the future than the tolerated delay of 300000 milliseconds.`,
    ),
  invalidIterator: () => new AwsError("InvalidArgumentException", "Invalid ShardIterator."),
  limitExceeded: (message: string) => new AwsError("LimitExceededException", message),
};
