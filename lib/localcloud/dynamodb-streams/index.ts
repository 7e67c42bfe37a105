/**
 * DynamoDB Streams (AWS JSON 1.0, `DynamoDBStreams_20120810.*`, signed as `dynamodb` like the
 * table API; the router tells them apart by the target prefix): ListStreams, DescribeStream,
 * GetShardIterator, GetRecords over the shared TableStreams model.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule, ServiceRequest } from "../core/service";
import { parseJsonInput } from "../protocol/aws-json";
import { dynamoErrorResponse, dynamoJsonResponse } from "../dynamodb/wire";
import { MAX_GET_RECORDS, streamsFor, type TableStreams } from "./model";
import { streamsLink } from "./link";

type Input = Record<string, unknown>;
type Operation = (input: Input, request: ServiceRequest) => unknown;

export function createDynamoDbStreamsService(context: ServiceContext): ServiceModule {
  const streams = streamsFor(context);
  context.links.dynamodbStreams = streamsLink(streams);
  const operations = streamOperations(streams);

  return {
    name: "dynamodbstreams",
    match: { signingNames: ["dynamodb"], jsonTargetPrefixes: ["DynamoDBStreams_20120810"] },
    async handle(request) {
      try {
        const operation = operations[request.operation];
        if (!operation) throw new AwsError("UnknownOperationException", `Unknown operation ${request.operation}`);
        return dynamoJsonResponse(operation(parseJsonInput(request.body), request));
      } catch (error) {
        if (error instanceof AwsError) return dynamoErrorResponse(error);
        throw error;
      }
    },
  };
}

function streamOperations(streams: TableStreams): Record<string, Operation> {
  return {
    ListStreams(input, request) {
      const limit = optionalInteger(input.Limit, "limit", 1, 100) ?? 100;
      const tableName = optionalString(input.TableName);
      const all = streams.list(request.region, tableName);
      const start = optionalString(input.ExclusiveStartStreamArn);
      const from = start ? all.findIndex((s) => s.StreamArn === start) + 1 : 0;
      const page = all.slice(from, from + limit);
      const output: Record<string, unknown> = { Streams: page };
      if (from + limit < all.length) output.LastEvaluatedStreamArn = page[page.length - 1].StreamArn;
      return output;
    },
    DescribeStream(input) {
      const arn = requiredString(input.StreamArn, "streamArn");
      const limit = optionalInteger(input.Limit, "limit", 1, 100) ?? 100;
      const description = streams.describe(arn);
      const start = optionalString(input.ExclusiveStartShardId);
      const from = start ? description.Shards.findIndex((s) => s.ShardId === start) + 1 : 0;
      const shards = description.Shards.slice(from, from + limit);
      const output: Record<string, unknown> = { ...description, Shards: shards };
      if (from + limit < description.Shards.length) output.LastEvaluatedShardId = shards[shards.length - 1].ShardId;
      return { StreamDescription: output };
    },
    GetShardIterator(input) {
      const arn = requiredString(input.StreamArn, "streamArn");
      const shardId = requiredString(input.ShardId, "shardId");
      const type = requiredString(input.ShardIteratorType, "shardIteratorType");
      const sequenceNumber = optionalString(input.SequenceNumber);
      return { ShardIterator: streams.getShardIterator(arn, shardId, type, sequenceNumber) };
    },
    GetRecords(input) {
      const iterator = requiredString(input.ShardIterator, "shardIterator");
      const limit = optionalInteger(input.Limit, "limit", 1, MAX_GET_RECORDS);
      return streams.getRecords(iterator, limit);
    },
  };
}

function requiredString(value: unknown, member: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new AwsError(
      "ValidationException",
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function optionalInteger(value: unknown, member: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const bound = typeof value === "number" && value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`;
    throw new AwsError(
      "ValidationException",
      `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must have value ${bound}`,
    );
  }
  return value;
}
