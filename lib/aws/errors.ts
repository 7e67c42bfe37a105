/**
 * Turns whatever an AWS call threw into one plain sentence and what to do about it. The raw code,
 * the service's own message (with credentials removed) and the request id stay available for a
 * details toggle; a stack trace never leaves the server.
 */
import { ConnectionUnavailableError } from "./client-config";
import { isKnownRegion } from "./regions";
import { redactSecrets } from "./redact";

export type ErrorFamily =
  | "access-denied"
  | "expired-credentials"
  | "invalid-credentials"
  | "no-credentials"
  | "keys-forgotten"
  | "unknown-region"
  | "throttled"
  | "queue-not-found"
  | "not-found"
  | "condition-failed"
  | "already-exists"
  | "queue-deleted-recently"
  | "invalid-request"
  | "limit-exceeded"
  | "unsupported"
  | "unreachable"
  | "timeout"
  | "service-error"
  | "unknown";

export interface FriendlyError {
  family: ErrorFamily;
  /** One plain sentence: what went wrong. */
  message: string;
  /** What to do about it. */
  action: string;
  /** The raw error code (AWS's, or the network error's). */
  code: string;
  /** The service's own message, credentials removed. */
  detail?: string;
  requestId?: string;
  httpStatus?: number;
  retryable: boolean;
}

export interface TranslationContext {
  /** The region the call went to; tells an unknown region from an unreachable network. */
  region?: string;
  /** A few words for the thing the call was about: "the queue user3-CafeOrdersQueue". */
  subject?: string;
}

/**
 * A failure the workbook finds itself (a resource another lab owns, a step done out of order),
 * already in plain words with what to do: translateAwsError passes it through as it is.
 */
export class PlainFailure extends Error {
  readonly code: string;
  readonly plainAction: string;
  readonly family: ErrorFamily;

  constructor(code: string, message: string, action: string, family: ErrorFamily = "invalid-request") {
    super(message);
    this.name = "PlainFailure";
    this.code = code;
    this.plainAction = action;
    this.family = family;
  }
}

interface ErrorFacts {
  name: string;
  codes: string[];
  message: string;
  requestId?: string;
  httpStatus?: number;
  fault?: string;
  hostname?: string;
  reasons: string[];
}

const ACCESS_DENIED = ["AccessDenied", "AccessDeniedException", "AuthorizationError", "AuthorizationErrorException", "NotAuthorized", "UnauthorizedOperation", "AuthFailure", "KMSAccessDeniedException"];
const EXPIRED = ["ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired", "InvalidGrantException"];
const INVALID_CREDENTIALS = ["InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature", "IncompleteSignatureException", "InvalidAccessKeyId", "MissingAuthenticationToken", "MissingAuthenticationTokenException", "InvalidToken"];
const THROTTLED = ["Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException", "RequestLimitExceeded", "ProvisionedThroughputExceededException", "RequestThrottled", "RequestThrottledException", "SlowDown", "BandwidthLimitExceeded", "KMSThrottlingException", "TransactionInProgressException"];
const QUEUE_NOT_FOUND = ["QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "NonExistentQueue"];
const NOT_FOUND = ["ResourceNotFoundException", "ResourceNotFound", "NotFound", "NotFoundException", "NoSuchEntity", "NoSuchEntityException", "TableNotFoundException", "ResourceNotFoundFault", "TopicNotFound"];
const CONDITION_FAILED = ["ConditionalCheckFailedException", "ConditionalCheckFailed"];
const ALREADY_EXISTS = ["ResourceInUseException", "QueueAlreadyExists", "QueueNameExists", "AWS.SimpleQueueService.QueueNameExists", "EntityAlreadyExists", "EntityAlreadyExistsException", "ConflictException", "ResourceAlreadyExistsException", "TableAlreadyExistsException"];
const DELETED_RECENTLY = ["QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently"];
const INVALID_REQUEST = ["ValidationException", "ValidationError", "InvalidParameterValue", "InvalidParameterValueException", "InvalidParameter", "InvalidParameterException", "InvalidParameterCombination", "MissingParameter", "InvalidAttributeName", "InvalidAttributeValue", "InvalidArgumentException", "SerializationException", "InvalidInput", "MalformedPolicyDocument", "MalformedPolicyDocumentException", "InvalidBatchEntryId", "BatchEntryIdsNotDistinct", "EmptyBatchRequest", "TooManyEntriesInBatchRequest", "InvalidMessageContents", "MessageTooLong", "BatchRequestTooLong", "InvalidIdFormat", "ReceiptHandleIsInvalid", "InvalidReceiptHandle", "ExpiredIteratorException", "TrimmedDataAccessException", "ItemCollectionSizeLimitExceededException", "TransactionCanceledException", "IdempotentParameterMismatch"];
const LIMIT_EXCEEDED = ["LimitExceededException", "LimitExceeded", "OverLimit", "ServiceQuotaExceededException", "TopicLimitExceeded", "SubscriptionLimitExceeded", "TagLimitExceeded"];
const UNSUPPORTED = ["UnknownOperationException", "InvalidAction", "UnsupportedOperation", "UnsupportedOperationException", "NotImplemented", "OptInRequired", "SubscriptionRequiredException", "InvalidAddress"];
const SERVICE_ERROR = ["InternalFailure", "InternalError", "InternalServerError", "InternalServerErrorException", "InternalErrorException", "ServiceUnavailable", "ServiceUnavailableException", "ServiceFailure", "KMSInternalException", "InternalFailureException"];
const UNREACHABLE = ["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** Reads what every error shape we meet carries: SDK service exceptions, Node network errors, plain Errors. */
function factsOf(error: unknown): ErrorFacts {
  if (!isRecord(error)) return { name: "Error", codes: [], message: String(error ?? "Unknown error"), reasons: [] };
  const metadata = isRecord(error.$metadata) ? error.$metadata : {};
  const codes = new Set<string>();
  for (const candidate of [error.name, error.Code, error.code, isRecord(error.Error) ? error.Error.Code : undefined, error.errno]) {
    const value = str(candidate);
    if (value && value !== "Error") codes.add(value);
  }
  // Node 20 reports a refused dual-stack connection as an AggregateError of per-address errors.
  if (Array.isArray(error.errors)) {
    for (const inner of error.errors) if (isRecord(inner) && str(inner.code)) codes.add(inner.code as string);
  }
  if (isRecord(error.cause)) {
    const cause = error.cause;
    if (str(cause.code)) codes.add(cause.code as string);
  }
  const reasons: string[] = [];
  if (Array.isArray(error.CancellationReasons)) {
    for (const reason of error.CancellationReasons) if (isRecord(reason) && str(reason.Code)) reasons.push(reason.Code as string);
  }
  const message =
    str(error.message) ?? str(error.Message) ?? (isRecord(error.Error) ? str(error.Error.Message) : undefined) ?? "";
  return {
    name: str(error.name) ?? "Error",
    codes: [...codes],
    message,
    requestId: str(metadata.requestId) ?? str(error.RequestId),
    httpStatus: typeof metadata.httpStatusCode === "number" ? metadata.httpStatusCode : undefined,
    fault: str(error.$fault),
    hostname: str(error.hostname),
    reasons,
  };
}

function has(facts: ErrorFacts, list: string[]): string | undefined {
  return facts.codes.find((code) => list.includes(code));
}

function deniedAction(message: string): string | undefined {
  return /not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1] ?? /no identity-based policy allows the ([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1];
}

function the(subject: string | undefined, fallback: string): string {
  return subject ?? fallback;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Translation = Omit<FriendlyError, "code" | "detail" | "requestId" | "httpStatus">;

function classify(facts: ErrorFacts, error: unknown, context: TranslationContext): Translation & { code?: string } {
  const subject = context.subject;
  const message = facts.message;

  // Matched by shape, not instanceof: the runtime's shared registry may come from another bundle.
  if (isRecord(error) && error.name === "PlainFailure" && typeof error.plainAction === "string") {
    return {
      family: (error.family as ErrorFamily | undefined) ?? "invalid-request",
      code: str(error.code) ?? "PlainFailure",
      message: str(error.message) ?? "The step could not run.",
      action: error.plainAction,
      retryable: false,
    };
  }

  if (error instanceof ConnectionUnavailableError) {
    return {
      family: "keys-forgotten",
      code: error.code,
      message: error.message,
      action: "Open Settings and paste your temporary keys again, or choose another way to connect.",
      retryable: false,
    };
  }
  if (facts.name === "CredentialsProviderError" || /Could not load credentials|could not be found or parsed in shared credentials|profile .* could not be found/i.test(message)) {
    if (/expired|refresh/i.test(message)) {
      return {
        family: "expired-credentials",
        code: "ExpiredSsoSession",
        message: "Your AWS sign-in session has expired.",
        action: "Sign in again (for SSO: aws sso login --profile <name>), then test the connection.",
        retryable: false,
      };
    }
    return {
      family: "no-credentials",
      code: "CredentialsNotFound",
      message: /profile/i.test(message)
        ? "The AWS profile you picked has no usable credentials in ~/.aws/config or ~/.aws/credentials."
        : "No AWS credentials were found on this machine (environment, ~/.aws files, SSO or instance role).",
      action: "Run aws configure or aws sso login, pick another profile, or paste temporary keys in Settings.",
      retryable: false,
    };
  }
  if (/Invalid region in client config|Region is missing|Region not accepted|not a valid hostname component/i.test(message)) {
    return {
      family: "unknown-region",
      code: "InvalidRegion",
      message: `The region ${context.region ?? ""} is not one AWS knows.`.replace("  ", " "),
      action: "Pick a region from the list in Settings, for example us-east-1.",
      retryable: false,
    };
  }
  const denied = has(facts, ACCESS_DENIED);
  if (denied) {
    const action = deniedAction(message);
    return {
      family: "access-denied",
      message: action
        ? `AWS refused the call: your credentials are not allowed to use ${action}.`
        : "AWS refused the call: your credentials are not allowed to do this.",
      action: "Attach the workbook's IAM policy (iam-policy.json, linked from Settings) to your user or role, or ask your administrator to.",
      retryable: false,
    };
  }
  if (has(facts, EXPIRED) || /security token included in the request is expired/i.test(message)) {
    return {
      family: "expired-credentials",
      message: "Your temporary AWS credentials have expired.",
      action: "Get fresh credentials (sign in again, or paste new temporary keys in Settings) and retry.",
      retryable: false,
    };
  }
  const invalid = has(facts, INVALID_CREDENTIALS);
  if (invalid) {
    const optIn = context.region && !["us-east-1", "us-east-2", "us-west-1", "us-west-2"].includes(context.region);
    return {
      family: "invalid-credentials",
      message:
        invalid === "SignatureDoesNotMatch" || invalid === "InvalidSignatureException"
          ? "AWS could not verify the request's signature: the secret access key does not match the access key ID."
          : "AWS does not recognise these credentials.",
      action: optIn
        ? `Check that the keys are complete and current (a session token goes with ASIA… keys), and that ${context.region} is enabled for your account.`
        : "Check that the keys are complete and current (a session token goes with ASIA… keys), or connect another way.",
      retryable: false,
    };
  }
  const network = has(facts, UNREACHABLE);
  if (network || facts.name === "TimeoutError" || /socket hang up|connect ETIMEDOUT/i.test(message)) {
    const unresolved = network === "ENOTFOUND" || network === "EAI_AGAIN";
    if (unresolved && context.region && !isKnownRegion(context.region)) {
      return {
        family: "unknown-region",
        code: network,
        message: `The region ${context.region} is not one AWS knows, so its endpoints do not exist.`,
        action: "Pick a region from the list in Settings, for example us-east-1.",
        retryable: false,
      };
    }
    if (facts.name === "TimeoutError" || /ETIMEDOUT/.test(message)) {
      return {
        family: "timeout",
        code: facts.name === "TimeoutError" ? "TimeoutError" : "ETIMEDOUT",
        message: "The endpoint did not answer in time.",
        action: "Check that the endpoint is running and reachable from this machine, then retry.",
        retryable: true,
      };
    }
    return {
      family: "unreachable",
      code: network,
      message: unresolved
        ? "The workbook could not look up the AWS endpoint's address: this machine seems to be offline."
        : "Nothing answered at the endpoint: the connection was refused or dropped.",
      action: unresolved
        ? "Check this machine's internet connection, or use the local cloud, which needs none."
        : "Start the endpoint (npm run localcloud, LocalStack, moto_server) or fix its URL in Settings, then retry.",
      retryable: true,
    };
  }
  if (has(facts, THROTTLED)) {
    return {
      family: "throttled",
      message: "AWS is limiting how fast you call it right now (throttling).",
      action: "Wait a few seconds and retry; the workbook already retried with back-off.",
      retryable: true,
    };
  }
  if (has(facts, DELETED_RECENTLY)) {
    return {
      family: "queue-deleted-recently",
      message: `${capitalise(the(subject, "this queue"))} was deleted less than 60 seconds ago, and SQS does not allow reusing the name yet.`,
      action: "Wait a minute, then retry.",
      retryable: true,
    };
  }
  if (has(facts, QUEUE_NOT_FOUND)) {
    return {
      family: "queue-not-found",
      message: `${capitalise(the(subject, "the queue"))} does not exist (in this region, for this prefix).`,
      action: "Run the step that creates it, or check the region and prefix in Settings.",
      retryable: false,
    };
  }
  if (has(facts, CONDITION_FAILED) || facts.reasons.includes("ConditionalCheckFailed")) {
    return {
      family: "condition-failed",
      message: "DynamoDB did not write the item because its condition was not met (for example, the item already exists).",
      action: "This is often the point: a conditional write refusing a duplicate. Check the item, then decide whether to retry.",
      retryable: false,
    };
  }
  if (has(facts, NOT_FOUND)) {
    return {
      family: "not-found",
      message: `${capitalise(the(subject, "the resource"))} does not exist (in this region, for this prefix).`,
      action: "Run the step that creates it, or check the region and prefix in Settings.",
      retryable: false,
    };
  }
  if (has(facts, ALREADY_EXISTS)) {
    return {
      family: "already-exists",
      message: `${capitalise(the(subject, "the resource"))} already exists with other settings, or is still being created or deleted.`,
      action: "Wait until it is ready and retry; if its settings differ, delete it in the clean-up step and create it again.",
      retryable: true,
    };
  }
  if (has(facts, LIMIT_EXCEEDED)) {
    return {
      family: "limit-exceeded",
      message: "The call would go past an AWS limit or quota for this account.",
      action: "Delete resources you no longer need (the clean-up step), or ask for a higher quota.",
      retryable: false,
    };
  }
  if (has(facts, UNSUPPORTED)) {
    return {
      family: "unsupported",
      message: "The endpoint does not offer this operation.",
      action: "Use the local cloud or real AWS for this step, or check that the emulator supports this service.",
      retryable: false,
    };
  }
  if (has(facts, INVALID_REQUEST)) {
    return {
      family: "invalid-request",
      message: "AWS rejected the request's parameters.",
      action: "Read the details below for the parameter AWS named, correct it and retry.",
      retryable: false,
    };
  }
  if (has(facts, SERVICE_ERROR) || facts.fault === "server" || (facts.httpStatus ?? 0) >= 500) {
    return {
      family: "service-error",
      message: "The service had an internal error; this is not something you did.",
      action: "Retry in a moment.",
      retryable: true,
    };
  }
  return {
    family: "unknown",
    message: "The call failed for a reason the workbook does not recognise.",
    action: "Read the details below; if they do not help, retry or check Settings.",
    retryable: false,
  };
}

export function translateAwsError(error: unknown, context: TranslationContext = {}): FriendlyError {
  const facts = factsOf(error);
  const translation = classify(facts, error, context);
  const { code: classifiedCode, ...rest } = translation;
  const detail = facts.message ? redactSecrets(facts.message).slice(0, 600) : undefined;
  return {
    ...rest,
    code: classifiedCode ?? facts.codes[0] ?? facts.name,
    detail,
    requestId: facts.requestId,
    httpStatus: facts.httpStatus,
  };
}

/** One line for the server log: code, family and the redacted message, never a stack. */
export function describeForLog(error: unknown, context: TranslationContext = {}): string {
  const friendly = translateAwsError(error, context);
  return `${friendly.code} (${friendly.family})${friendly.detail ? `: ${friendly.detail}` : ""}${friendly.requestId ? ` [request ${friendly.requestId}]` : ""}`;
}
