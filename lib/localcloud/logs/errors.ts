/** CloudWatch Logs' errors, with AWS's codes and messages. */
import { AwsError } from "../core/errors";

export const logsErrors = {
  groupNotFound: () => new AwsError("ResourceNotFoundException", "The specified log group does not exist."),
  streamNotFound: () => new AwsError("ResourceNotFoundException", "The specified log stream does not exist."),
  groupExists: () => new AwsError("ResourceAlreadyExistsException", "The specified log group already exists"),
  streamExists: () => new AwsError("ResourceAlreadyExistsException", "The specified log stream already exists"),
  queryNotFound: (queryId: string) => new AwsError("ResourceNotFoundException", `Query does not exist: ${queryId}`),
  invalidParameter: (message: string) => new AwsError("InvalidParameterException", message),
  /** One constraint violation, in AWS's "1 validation error detected" wording (Logs sends it as InvalidParameterException). */
  constraint: (field: string, value: unknown, constraint: string) =>
    new AwsError(
      "InvalidParameterException",
      `1 validation error detected: Value ${value === undefined ? "null" : `'${String(value)}'`} at '${field}' failed to satisfy constraint: ${constraint}`,
    ),
  malformedQuery: (message: string) => new AwsError("MalformedQueryException", message),
  invalidToken: () => new AwsError("InvalidParameterException", "The specified nextToken is invalid."),
};
