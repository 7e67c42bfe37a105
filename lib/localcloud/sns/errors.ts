/**
 * SNS's errors. SNS speaks only the query protocol, so each error carries the query code AWS
 * sends (`NotFound`, `InvalidParameter`...), from which the SDK names its exception
 * (`NotFoundException`, `InvalidParameterException`...).
 */
import { AwsError } from "../core/errors";

export const snsErrors = {
  /** AWS prefixes most parameter errors with "Invalid parameter: ". */
  invalidParameter: (detail: string) => new AwsError("InvalidParameter", `Invalid parameter: ${detail}`),
  invalidParameterRaw: (message: string) => new AwsError("InvalidParameter", message),
  /** e.g. a message attribute of an unknown type (the SDK names it InvalidParameterValueException). */
  parameterValueInvalid: (message: string) => new AwsError("ParameterValueInvalid", message),
  notFound: (message: string) => new AwsError("NotFound", message, { status: 404 }),
  topicNotFound: () => new AwsError("NotFound", "Topic does not exist", { status: 404 }),
  subscriptionNotFound: () => new AwsError("NotFound", "Subscription does not exist", { status: 404 }),
  resourceNotFound: () => new AwsError("ResourceNotFound", "Resource does not exist", { status: 404 }),
  tagLimitExceeded: () =>
    new AwsError("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded"),
  tagPolicy: (message: string) => new AwsError("TagPolicy", message),
  tooManyEntries: () =>
    new AwsError("TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible."),
  emptyBatch: () => new AwsError("EmptyBatchRequest", "The batch request doesn't contain any entries."),
  batchIdsNotDistinct: () =>
    new AwsError("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id."),
  invalidBatchEntryId: () =>
    new AwsError(
      "InvalidBatchEntryId",
      "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
    ),
  batchTooLong: () =>
    new AwsError("BatchRequestTooLong", "The length of all the messages put together is more than the limit."),
  invalidAction: (operation: string) =>
    new AwsError("InvalidAction", `Could not find operation ${operation} for version 2010-03-31`),
  internal: () => new AwsError("InternalError", "The local cloud failed to process the request.", { status: 500 }),
};
