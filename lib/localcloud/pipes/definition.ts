/**
 * Checks a pipe's definition as CreatePipe / UpdatePipe do: names, ARNs, the role, the source and
 * target kinds the local cloud runs, filter patterns and input templates.
 */
import { EventPatternError, parseEventPattern, type EventPattern } from "./event-pattern";
import { InputTemplateError, validateInputTemplate } from "./input-template";
import { pipesErrors } from "./errors";
import type { JsonObject } from "./pipe";

export const NAME_PATTERN = /^[.\-_A-Za-z0-9]{1,64}$/;
const ROLE_ARN = /^arn:(aws[a-zA-Z0-9-]*):iam::\d{12}:role\/?[a-zA-Z0-9+=,.@\-_/]+$/;
export const SQS_ARN = /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):(.+)$/;
export const DYNAMODB_STREAM_ARN = /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\d{12}):table\/[^/]+\/stream\/.+$/;
const SNS_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):(.+)$/;

export type SourceKind = "sqs" | "dynamodb-stream";
export type TargetKind = "sqs" | "sns";

export function sourceKindOf(arn: string): SourceKind {
  if (SQS_ARN.test(arn)) return "sqs";
  if (DYNAMODB_STREAM_ARN.test(arn)) return "dynamodb-stream";
  throw pipesErrors.validation(
    `Source ${arn} is not supported by the local cloud: it runs pipes from SQS queues and DynamoDB streams.`,
    "source",
  );
}

export function targetKindOf(arn: string): TargetKind {
  if (SQS_ARN.test(arn)) return "sqs";
  if (SNS_ARN.test(arn)) return "sns";
  throw pipesErrors.validation(`Target ${arn} is not supported by the local cloud: it delivers to SQS queues and SNS topics.`, "target");
}

export function checkName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw pipesErrors.validation(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
      "name",
    );
  }
}

export function checkRoleArn(roleArn: unknown): string {
  if (typeof roleArn !== "string" || roleArn.length === 0) throw pipesErrors.validation("RoleArn is required.", "roleArn");
  if (!ROLE_ARN.test(roleArn)) {
    throw pipesErrors.validation(
      `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:(aws[a-zA-Z0-9-]*):iam::\\d{12}:role/?[a-zA-Z0-9+=,.@\\-_/]+$`,
      "roleArn",
    );
  }
  return roleArn;
}

export function objectOrEmpty(value: unknown, field: string): JsonObject {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw pipesErrors.validation(`${field} must be an object.`, field);
  return value as JsonObject;
}

/** The parsed filter patterns of SourceParameters.FilterCriteria (none: everything passes). */
export function filterPatterns(sourceParameters: JsonObject): EventPattern[] {
  const criteria = sourceParameters.FilterCriteria as { Filters?: Array<{ Pattern?: unknown }> } | undefined;
  const filters = criteria?.Filters ?? [];
  if (!Array.isArray(filters)) throw pipesErrors.validation("FilterCriteria.Filters must be a list.", "sourceParameters.filterCriteria.filters");
  if (filters.length > 5) throw pipesErrors.validation("FilterCriteria can hold at most 5 filters.", "sourceParameters.filterCriteria.filters");
  return filters
    .filter((f) => typeof f?.Pattern === "string" && f.Pattern.length > 0)
    .map((f) => {
      try {
        return parseEventPattern(f.Pattern as string);
      } catch (error) {
        if (error instanceof EventPatternError) {
          throw pipesErrors.validation(`Invalid filter pattern definition: ${error.message}`, "sourceParameters.filterCriteria.filters.pattern");
        }
        throw error;
      }
    });
}

export function inputTemplateOf(targetParameters: JsonObject): string | undefined {
  const template = targetParameters.InputTemplate;
  if (template === undefined || template === null) return undefined;
  if (typeof template !== "string" || template.length > 8192) {
    throw pipesErrors.validation("InputTemplate must be a string of at most 8192 characters.", "targetParameters.inputTemplate");
  }
  try {
    validateInputTemplate(template);
  } catch (error) {
    if (error instanceof InputTemplateError) throw pipesErrors.validation(error.message, "targetParameters.inputTemplate");
    throw error;
  }
  return template;
}

function integerIn(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw pipesErrors.validation(`${field} must be an integer from ${min} to ${max}.`, field);
  }
  return value;
}

export interface SqsSourceSettings {
  batchSize: number;
  windowSeconds: number;
}

export interface StreamSourceSettings {
  batchSize: number;
  windowSeconds: number;
  startingPosition: "TRIM_HORIZON" | "LATEST";
  maximumRetryAttempts: number;
  maximumRecordAgeSeconds: number;
}

export function sqsSettings(sourceParameters: JsonObject): SqsSourceSettings {
  const params = objectOrEmpty(sourceParameters.SqsQueueParameters, "sourceParameters.sqsQueueParameters");
  const batchSize = integerIn(params.BatchSize, "sourceParameters.sqsQueueParameters.batchSize", 1, 10000) ?? 10;
  const windowSeconds = integerIn(params.MaximumBatchingWindowInSeconds, "sourceParameters.sqsQueueParameters.maximumBatchingWindowInSeconds", 0, 300) ?? 0;
  if (batchSize > 10 && windowSeconds < 1) {
    throw pipesErrors.validation("MaximumBatchingWindowInSeconds must be at least 1 when BatchSize is more than 10.", "sourceParameters.sqsQueueParameters");
  }
  return { batchSize, windowSeconds };
}

export function streamSettings(sourceParameters: JsonObject): StreamSourceSettings {
  const params = objectOrEmpty(sourceParameters.DynamoDBStreamParameters, "sourceParameters.dynamoDBStreamParameters");
  const startingPosition = params.StartingPosition;
  if (startingPosition !== "TRIM_HORIZON" && startingPosition !== "LATEST") {
    throw pipesErrors.validation(
      "DynamoDBStreamParameters.StartingPosition is required and must be TRIM_HORIZON or LATEST.",
      "sourceParameters.dynamoDBStreamParameters.startingPosition",
    );
  }
  const field = "sourceParameters.dynamoDBStreamParameters";
  return {
    startingPosition,
    batchSize: integerIn(params.BatchSize, `${field}.batchSize`, 1, 10000) ?? 100,
    windowSeconds: integerIn(params.MaximumBatchingWindowInSeconds, `${field}.maximumBatchingWindowInSeconds`, 0, 300) ?? 0,
    maximumRetryAttempts: integerIn(params.MaximumRetryAttempts, `${field}.maximumRetryAttempts`, -1, 10000) ?? -1,
    maximumRecordAgeSeconds: integerIn(params.MaximumRecordAgeInSeconds, `${field}.maximumRecordAgeInSeconds`, -1, 604800) ?? -1,
  };
}

/** Validates a whole definition; throws the ValidationException AWS would. */
export function checkDefinition(source: string, sourceParameters: JsonObject, target: string, targetParameters: JsonObject): void {
  const kind = sourceKindOf(source);
  targetKindOf(target);
  if (kind === "sqs") sqsSettings(sourceParameters);
  else streamSettings(sourceParameters);
  filterPatterns(sourceParameters);
  inputTemplateOf(targetParameters);
}
