/**
 * The settings of an event source mapping, validated the way Lambda's CreateEventSourceMapping
 * validates them (ranges, defaults, the rules between settings), with the function settings the
 * runtime keeps beside them (handler, timeout, memory, reserved concurrency).
 *
 * Names follow Lambda's API in camelCase: batchSize, maximumBatchingWindowInSeconds,
 * scaling maximumConcurrency, functionResponseTypes, startingPosition, maximumRetryAttempts...
 */
import { z } from "zod";
import { eventSourceKind, parseArn, type EventSourceKind } from "../arn";
import { REPORT_BATCH_ITEM_FAILURES } from "../events/batch-response";
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from "../function/function-config";

/** A 400 with Lambda's error code, for the routes to show as AWS would. */
export class MappingError extends Error {
  constructor(
    readonly code: "InvalidParameterValueException" | "ResourceNotFoundException" | "ResourceConflictException" | "ResourceInUseException",
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

const functionSettings = {
  functionName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "functionName must be 1 to 64 letters, digits, hyphens or underscores"),
  /** The handler's name in the lab (e.g. `orderWorker`). */
  handler: z.string().min(1).max(128),
  enabled: z.boolean().default(true),
  timeoutSeconds: z.number().int().min(1).max(900).default(DEFAULT_TIMEOUT_SECONDS),
  memorySizeMB: z.number().int().min(128).max(10240).default(DEFAULT_MEMORY_MB),
  reservedConcurrency: z.number().int().min(0).max(1000).optional(),
  roleArn: z.string().startsWith("arn:").optional(),
};

const functionResponseTypes = z.array(z.literal(REPORT_BATCH_ITEM_FAILURES)).max(1).default([]);
const batchingWindow = z.number().int().min(0).max(300).default(0);

export const sqsSettingsSchema = z
  .object({
    ...functionSettings,
    eventSourceArn: z.string(),
    batchSize: z.number().int().min(1).max(10_000).default(10),
    maximumBatchingWindowInSeconds: batchingWindow,
    maximumConcurrency: z.number().int().min(2).max(1000).optional(),
    functionResponseTypes,
  })
  .strict()
  .superRefine((value, issues) => {
    const fifo = value.eventSourceArn.endsWith(".fifo");
    if (fifo && value.batchSize > 10) {
      issues.addIssue({ code: "custom", path: ["batchSize"], message: "Batch size for FIFO queues must be at most 10" });
    }
    if (fifo && value.maximumBatchingWindowInSeconds > 0) {
      issues.addIssue({ code: "custom", path: ["maximumBatchingWindowInSeconds"], message: "Batching window is not supported for FIFO queues" });
    }
    if (!fifo && value.batchSize > 10 && value.maximumBatchingWindowInSeconds < 1) {
      issues.addIssue({
        code: "custom",
        path: ["maximumBatchingWindowInSeconds"],
        message: "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
      });
    }
  });

const streamSettings = {
  ...functionSettings,
  eventSourceArn: z.string(),
  batchSize: z.number().int().min(1).max(10_000).default(100),
  maximumBatchingWindowInSeconds: batchingWindow,
  maximumRetryAttempts: z.number().int().min(-1).max(10_000).default(-1),
  maximumRecordAgeInSeconds: z
    .number()
    .int()
    .refine((v) => v === -1 || (v >= 60 && v <= 604_800), "maximumRecordAgeInSeconds must be -1 or from 60 to 604800")
    .default(-1),
  bisectBatchOnFunctionError: z.boolean().default(false),
  functionResponseTypes,
  /** Where discarded batches are described: an SQS queue or SNS topic ARN. */
  onFailureDestination: z
    .string()
    .refine((arn) => ["sqs", "sns"].includes(parseArn(arn)?.service ?? ""), "onFailureDestination must be an SQS queue or SNS topic ARN")
    .optional(),
};

export const kinesisSettingsSchema = z
  .object({
    ...streamSettings,
    startingPosition: z.enum(["LATEST", "TRIM_HORIZON", "AT_TIMESTAMP"]),
    /** Epoch milliseconds, for AT_TIMESTAMP. */
    startingPositionTimestamp: z.number().int().min(0).optional(),
  })
  .strict()
  .superRefine((value, issues) => {
    if (value.startingPosition === "AT_TIMESTAMP" && value.startingPositionTimestamp === undefined) {
      issues.addIssue({ code: "custom", path: ["startingPositionTimestamp"], message: "StartingPositionTimestamp is required with AT_TIMESTAMP" });
    }
  });

export const dynamodbSettingsSchema = z
  .object({
    ...streamSettings,
    startingPosition: z.enum(["LATEST", "TRIM_HORIZON"]),
  })
  .strict();

export type SqsMappingConfig = z.output<typeof sqsSettingsSchema>;
export type KinesisMappingConfig = z.output<typeof kinesisSettingsSchema>;
export type DynamoDBMappingConfig = z.output<typeof dynamodbSettingsSchema>;

export type MappingConfig =
  | ({ kind: "sqs" } & SqsMappingConfig)
  | ({ kind: "kinesis" } & KinesisMappingConfig)
  | ({ kind: "dynamodb" } & DynamoDBMappingConfig);

export type MappingInput =
  | z.input<typeof sqsSettingsSchema>
  | z.input<typeof kinesisSettingsSchema>
  | z.input<typeof dynamodbSettingsSchema>;

const schemas = { sqs: sqsSettingsSchema, kinesis: kinesisSettingsSchema, dynamodb: dynamodbSettingsSchema } as const;

/** Validates mapping settings; the event source ARN decides which kind of mapping it is. */
export function parseMappingConfig(input: unknown): MappingConfig {
  const arn = typeof input === "object" && input !== null ? (input as { eventSourceArn?: unknown }).eventSourceArn : undefined;
  const kind: EventSourceKind | null = typeof arn === "string" ? eventSourceKind(arn) : null;
  if (!kind) {
    throw new MappingError(
      "InvalidParameterValueException",
      "eventSourceArn must be the ARN of an SQS queue, a Kinesis stream or a DynamoDB table's stream.",
    );
  }
  const result = schemas[kind].safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new MappingError("InvalidParameterValueException", `${where}${issue.message}`);
  }
  return { kind, ...result.data } as MappingConfig;
}
