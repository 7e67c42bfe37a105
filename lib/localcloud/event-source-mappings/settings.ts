/**
 * CreateEventSourceMapping's and UpdateEventSourceMapping's request members (Lambda's names) as
 * the runtime's mapping settings. The runtime validates ranges and the rules between settings
 * (its MappingError carries Lambda's codes); this file checks what only the API has: member
 * types, members that do not apply to the source, and the features the engine does not have.
 */
import type { MappingConfig, MappingInput } from "../../runtime";
import { eventSourceKind } from "../../runtime/arn";
import { lambdaErrors } from "../lambda/errors";

export type JsonObject = Record<string, unknown>;

/** Members that only stream sources take. */
const STREAM_MEMBERS = [
  "StartingPosition",
  "StartingPositionTimestamp",
  "MaximumRetryAttempts",
  "MaximumRecordAgeInSeconds",
  "BisectBatchOnFunctionError",
  "DestinationConfig",
  "ParallelizationFactor",
  "TumblingWindowInSeconds",
] as const;

function integer(body: JsonObject, member: string): number | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw lambdaErrors.invalidParameter(`${member} must be an integer.`);
  return value;
}

function boolean(body: JsonObject, member: string): boolean | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw lambdaErrors.invalidParameter(`${member} must be a boolean.`);
  return value;
}

export function stringMember(body: JsonObject, member: string): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw lambdaErrors.invalidParameter(`${member} must be a string.`);
  return value;
}

function object(body: JsonObject, member: string): JsonObject | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw lambdaErrors.invalidParameter(`${member} must be an object.`);
  return value as JsonObject;
}

/** The members both Create and Update take, as the runtime's partial settings. */
function commonSettings(body: JsonObject, kind: MappingConfig["kind"]): Partial<MappingInput> {
  const settings: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined) settings[key] = value;
  };
  put("enabled", boolean(body, "Enabled"));
  put("batchSize", integer(body, "BatchSize"));
  put("maximumBatchingWindowInSeconds", integer(body, "MaximumBatchingWindowInSeconds"));
  const types = body.FunctionResponseTypes;
  if (types !== undefined && types !== null) {
    if (!Array.isArray(types) || types.some((t) => t !== "ReportBatchItemFailures")) {
      throw lambdaErrors.constraint(JSON.stringify(types), "functionResponseTypes", "Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]");
    }
    put("functionResponseTypes", types.length > 0 ? ["ReportBatchItemFailures"] : []);
  }
  const filter = object(body, "FilterCriteria");
  if (filter && Array.isArray(filter.Filters) && filter.Filters.length > 0) {
    throw lambdaErrors.invalidParameter("FilterCriteria is not supported by the local cloud's event source mappings.");
  }

  if (kind === "sqs") {
    for (const member of STREAM_MEMBERS) {
      if (body[member] !== undefined && body[member] !== null) {
        throw lambdaErrors.invalidParameter(`Unsupported ${member} parameter for given event source mapping type.`);
      }
    }
    const scaling = object(body, "ScalingConfig");
    if (scaling) put("maximumConcurrency", integer(scaling, "MaximumConcurrency"));
    return settings as Partial<MappingInput>;
  }

  if (object(body, "ScalingConfig")) throw lambdaErrors.invalidParameter("Unsupported ScalingConfig parameter for given event source mapping type.");
  put("maximumRetryAttempts", integer(body, "MaximumRetryAttempts"));
  put("maximumRecordAgeInSeconds", integer(body, "MaximumRecordAgeInSeconds"));
  put("bisectBatchOnFunctionError", boolean(body, "BisectBatchOnFunctionError"));
  const parallelization = integer(body, "ParallelizationFactor");
  if (parallelization !== undefined && parallelization !== 1) {
    if (parallelization < 1 || parallelization > 10) {
      throw lambdaErrors.constraint(parallelization, "parallelizationFactor", "Member must have value less than or equal to 10");
    }
    throw lambdaErrors.invalidParameter("ParallelizationFactor above 1 is not supported by the local cloud's event source mappings.");
  }
  const tumbling = integer(body, "TumblingWindowInSeconds");
  if (tumbling) throw lambdaErrors.invalidParameter("TumblingWindowInSeconds is not supported by the local cloud's event source mappings.");
  const destinations = object(body, "DestinationConfig");
  if (destinations) {
    const onFailure = object(destinations, "OnFailure");
    const destination = onFailure ? stringMember(onFailure, "Destination") : undefined;
    // An empty OnFailure (or Destination "") removes the destination, as on Lambda.
    settings.onFailureDestination = destination ? destination : undefined;
    const onSuccess = object(destinations, "OnSuccess");
    if (onSuccess && stringMember(onSuccess, "Destination")) {
      throw lambdaErrors.invalidParameter("OnSuccess destinations are not supported by the local cloud's event source mappings.");
    }
  }
  return settings as Partial<MappingInput>;
}

/** CreateEventSourceMapping's members as the runtime's settings for a new mapping. */
export function createSettings(body: JsonObject, functionName: string): MappingInput {
  const eventSourceArn = stringMember(body, "EventSourceArn");
  if (!eventSourceArn) throw lambdaErrors.invalidParameter("Unrecognized event source, must be kinesis, dynamodb stream or sqs.");
  const kind = eventSourceKind(eventSourceArn);
  if (!kind) throw lambdaErrors.invalidParameter("Unrecognized event source, must be kinesis, dynamodb stream or sqs.");
  const settings: Record<string, unknown> = { eventSourceArn, functionName, handler: functionName, ...commonSettings(body, kind) };
  if (kind !== "sqs") {
    const position = stringMember(body, "StartingPosition");
    if (!position) throw lambdaErrors.invalidParameter("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null");
    const allowed = kind === "kinesis" ? ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"] : ["TRIM_HORIZON", "LATEST"];
    if (!allowed.includes(position)) {
      throw lambdaErrors.invalidParameter(`Unsupported starting position for ${kind === "kinesis" ? "Kinesis" : "DynamoDB Streams"}: ${position}. It must be one of ${allowed.join(", ")}.`);
    }
    settings.startingPosition = position;
    const timestamp = body.StartingPositionTimestamp;
    if (timestamp !== undefined && timestamp !== null) {
      if (typeof timestamp !== "number") throw lambdaErrors.invalidParameter("StartingPositionTimestamp must be a timestamp.");
      if (position !== "AT_TIMESTAMP") throw lambdaErrors.invalidParameter("StartingPositionTimestamp is only valid with the AT_TIMESTAMP starting position.");
      settings.startingPositionTimestamp = Math.round(timestamp * 1000);
    }
  }
  return settings as MappingInput;
}

/** UpdateEventSourceMapping's members as a patch of the mapping's settings. */
export function updateSettings(body: JsonObject, current: MappingConfig, functionName?: string): Partial<MappingInput> {
  for (const member of ["EventSourceArn", "StartingPosition", "StartingPositionTimestamp"]) {
    if (body[member] !== undefined && body[member] !== null) {
      throw lambdaErrors.invalidParameter(`${member} cannot be changed; delete the mapping and create another.`);
    }
  }
  const patch: Record<string, unknown> = { ...commonSettings(body, current.kind) };
  if (functionName) {
    patch.functionName = functionName;
    patch.handler = functionName;
  }
  // Lambda clears the SQS concurrency limit when ScalingConfig comes without MaximumConcurrency.
  if (current.kind === "sqs" && body.ScalingConfig !== undefined && !("maximumConcurrency" in patch)) patch.maximumConcurrency = undefined;
  return patch as Partial<MappingInput>;
}
