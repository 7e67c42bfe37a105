/**
 * The one error type every local cloud service throws. It knows the AWS error code, the HTTP
 * status AWS answers with, and (for services that also speak the query protocol) the legacy
 * query error code, so each protocol can render it the way AWS does.
 */
export type ErrorFault = "Sender" | "Receiver";

export interface AwsErrorOptions {
  /** HTTP status; 400 unless AWS uses another for this code. */
  status?: number;
  /** Who is at fault, as the query protocol's `<Type>` says. */
  fault?: ErrorFault;
  /**
   * For awsQueryCompatible JSON services (SQS, CloudWatch): the legacy query code AWS puts in the
   * `x-amzn-query-error` header, e.g. `AWS.SimpleQueueService.NonExistentQueue`.
   */
  queryCode?: string;
  /** Extra members AWS includes in the error body (e.g. CancellationReasons). */
  extra?: Record<string, unknown>;
}

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: ErrorFault;
  readonly queryCode?: string;
  readonly extra?: Record<string, unknown>;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(message);
    this.name = "AwsError";
    this.code = code;
    this.status = options.status ?? 400;
    this.fault = options.fault ?? (this.status >= 500 ? "Receiver" : "Sender");
    this.queryCode = options.queryCode;
    this.extra = options.extra;
  }
}

/** The common generic errors, with AWS's codes and statuses. */
export const commonErrors = {
  validation: (message: string) => new AwsError("ValidationException", message),
  invalidParameterValue: (message: string) => new AwsError("InvalidParameterValue", message),
  missingParameter: (name: string) =>
    new AwsError("MissingParameter", `The request must contain the parameter ${name}.`),
  unknownOperation: (operation: string) =>
    new AwsError("InvalidAction", `The action ${operation} is not valid for this endpoint.`),
  internal: (message = "The local cloud failed to process the request.") =>
    new AwsError("InternalFailure", message, { status: 500 }),
};

export function isAwsError(value: unknown): value is AwsError {
  return value instanceof AwsError;
}
