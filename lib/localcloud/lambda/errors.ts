/** Lambda's errors, with the codes, statuses and messages AWS answers with. */
import { AwsError } from "../core/errors";

/** Lambda's error bodies carry `Type` (User or Service) next to the message. */
function lambdaError(code: string, message: string, status = 400, extra: Record<string, unknown> = {}): AwsError {
  return new AwsError(code, message, { status, extra: { Type: status >= 500 ? "Service" : "User", ...extra } });
}

export const lambdaErrors = {
  functionNotFound: (arn: string) => lambdaError("ResourceNotFoundException", `Function not found: ${arn}`, 404),
  resourceNotFound: (message = "The resource you requested does not exist.") => lambdaError("ResourceNotFoundException", message, 404),
  functionExists: (name: string) => lambdaError("ResourceConflictException", `Function already exist: ${name}`, 409),
  conflict: (message: string) => lambdaError("ResourceConflictException", message, 409),
  pending: () =>
    lambdaError("ResourceConflictException", "The operation cannot be performed at this time. The function is currently in the following state: Pending", 409),
  updateInProgress: (arn: string) =>
    lambdaError("ResourceConflictException", `The operation cannot be performed at this time. An update is in progress for resource: ${arn}`, 409),
  invalidParameter: (message: string) => lambdaError("InvalidParameterValueException", message),
  validation: (message: string) => new AwsError("ValidationException", message),
  /** AWS's one-constraint validation message: `1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: …`. */
  constraint: (value: unknown, member: string, constraint: string) =>
    new AwsError(
      "ValidationException",
      `1 validation error detected: Value ${value === null ? "null" : `'${String(value)}'`} at '${member}' failed to satisfy constraint: ${constraint}`,
    ),
  roleNotAssumable: () => lambdaError("InvalidParameterValueException", "The role defined for the function cannot be assumed by Lambda."),
  preconditionFailed: () =>
    lambdaError("PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id", 412),
  throttled: () =>
    lambdaError("TooManyRequestsException", "Rate Exceeded.", 429, { Reason: "ReservedFunctionConcurrentInvocationLimitExceeded", retryAfterSeconds: "" }),
  tooLarge: (limit: number, operation: string) =>
    lambdaError("RequestEntityTooLargeException", `Request must be smaller than ${limit} bytes for the ${operation} operation`, 413),
  invalidContent: (detail: string) => lambdaError("InvalidRequestContentException", `Could not parse request body into json: ${detail}`),
  unknownOperation: (method: string, path: string) => new AwsError("UnknownOperationException", `No Lambda operation is ${method} ${path}.`, { status: 404 }),
};
