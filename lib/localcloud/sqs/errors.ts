/**
 * SQS's errors with AWS's codes, HTTP statuses and legacy query codes (the `x-amzn-query-error`
 * header of the JSON protocol and the `<Code>` of the query protocol), as the SDK's error schema
 * for SQS lists them.
 */
import { AwsError } from "../core/errors";

/**
 * InvalidParameterValue: over JSON AWS names it `InvalidParameterValueException` in `__type`, and
 * the legacy `InvalidParameterValue` in `x-amzn-query-error` and the query protocol's `<Code>`.
 */
function invalidParameterValueError(message: string): AwsError {
  return new AwsError("InvalidParameterValueException", message, { queryCode: "InvalidParameterValue" });
}

/** The code a batch result entry reports: the legacy one, as AWS's BatchResultErrorEntry does. */
export function batchEntryCode(error: AwsError): string {
  return error.code === "InvalidParameterValueException" ? "InvalidParameterValue" : error.code;
}

export const sqsErrors = {
  queueDoesNotExist: () =>
    new AwsError("QueueDoesNotExist", "The specified queue does not exist.", {
      queryCode: "AWS.SimpleQueueService.NonExistentQueue",
    }),
  queueNameExists: (attribute: string) =>
    new AwsError("QueueNameExists", `A queue already exists with the same name and a different value for attribute ${attribute}`, {
      queryCode: "QueueAlreadyExists",
    }),
  queueDeletedRecently: () =>
    new AwsError("QueueDeletedRecently", "You must wait 60 seconds after deleting a queue before you can create another with the same name.", {
      queryCode: "AWS.SimpleQueueService.QueueDeletedRecently",
    }),
  invalidParameterValue: (message: string) => invalidParameterValueError(message),
  invalidValue: (value: unknown, parameter: string, reason: string) =>
    invalidParameterValueError(`Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`),
  missingParameter: (name: string) => new AwsError("MissingParameter", `The request must contain the parameter ${name}.`),
  invalidAttributeName: (name: string) => new AwsError("InvalidAttributeName", `Unknown Attribute ${name}.`),
  invalidAttributeValue: (name: string, detail?: string) =>
    new AwsError("InvalidAttributeValue", `Invalid value for the parameter ${name}.${detail ? ` Reason: ${detail}` : ""}`),
  invalidMessageContents: () =>
    new AwsError(
      "InvalidMessageContents",
      "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF",
    ),
  receiptHandleIsInvalid: (handle: string) =>
    new AwsError("ReceiptHandleIsInvalid", `The input receipt handle "${handle}" is not a valid receipt handle.`, {
      status: 404,
      queryCode: "ReceiptHandleIsInvalid",
    }),
  receiptHandleExpired: (handle: string) =>
    invalidParameterValueError(`Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`),
  messageNotInflight: () =>
    new AwsError("MessageNotInflight", "The message referred to isn't in flight.", {
      queryCode: "AWS.SimpleQueueService.MessageNotInflight",
    }),
  purgeQueueInProgress: (queueName: string) =>
    new AwsError("PurgeQueueInProgress", `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`, {
      status: 403,
      queryCode: "AWS.SimpleQueueService.PurgeQueueInProgress",
    }),
  emptyBatchRequest: (entryName: string) =>
    new AwsError("EmptyBatchRequest", `There should be at least one ${entryName} in the request.`, {
      queryCode: "AWS.SimpleQueueService.EmptyBatchRequest",
    }),
  tooManyEntriesInBatchRequest: (count: number) =>
    new AwsError("TooManyEntriesInBatchRequest", `Maximum number of entries per request are 10. You have sent ${count}.`, {
      queryCode: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
    }),
  batchEntryIdsNotDistinct: (id: string) =>
    new AwsError("BatchEntryIdsNotDistinct", `Id ${id} repeated.`, {
      queryCode: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
    }),
  invalidBatchEntryId: () =>
    new AwsError(
      "InvalidBatchEntryId",
      "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
      { queryCode: "AWS.SimpleQueueService.InvalidBatchEntryId" },
    ),
  batchRequestTooLong: (limit: number, size: number) =>
    new AwsError("BatchRequestTooLong", `Batch requests cannot be longer than ${limit} bytes. You have sent ${size} bytes.`, {
      queryCode: "AWS.SimpleQueueService.BatchRequestTooLong",
    }),
  invalidAddress: (address: string) =>
    new AwsError("InvalidAddress", `The address ${address} is not valid for this endpoint.`, { status: 404, queryCode: "InvalidAddress" }),
  resourceNotFound: (message: string) => new AwsError("ResourceNotFoundException", message, { status: 404, queryCode: "ResourceNotFoundException" }),
  overLimit: (message: string) => new AwsError("OverLimit", message, { status: 403, queryCode: "OverLimit" }),
  invalidAction: (operation: string) =>
    new AwsError("InvalidAction", `The action ${operation} is not valid for this endpoint.`),
};
