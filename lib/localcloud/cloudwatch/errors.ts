/**
 * CloudWatch's errors. The JSON protocol names the Smithy shape (`InvalidParameterValueException`)
 * and sends the legacy query code (`InvalidParameterValue`) in `x-amzn-query-error`; the query
 * protocol sends only the legacy code. Both come from one AwsError.
 */
import { AwsError } from "../core/errors";

export const cloudWatchErrors = {
  internal: () =>
    new AwsError("InternalServiceFault", "The local cloud failed to process the request.", {
      status: 500,
      queryCode: "InternalServiceError",
    }),
  invalidParameterValue: (message: string) =>
    new AwsError("InvalidParameterValueException", message, { queryCode: "InvalidParameterValue" }),
  invalidParameterCombination: (message: string) =>
    new AwsError("InvalidParameterCombinationException", message, { queryCode: "InvalidParameterCombination" }),
  missingParameter: (message: string) =>
    new AwsError("MissingRequiredParameterException", message, { queryCode: "MissingParameter" }),
  /** A required parameter, named as the query protocol names it (`MetricData.member.1.MetricName`). */
  required: (path: string) =>
    new AwsError("MissingRequiredParameterException", `The parameter ${path} is required.`, { queryCode: "MissingParameter" }),
  validation: (message: string) => new AwsError("ValidationException", message, { queryCode: "ValidationError" }),
  invalidFormat: (message: string) => new AwsError("InvalidFormatFault", message, { queryCode: "InvalidFormat" }),
  invalidNextToken: (message = "The service cannot complete the request. The NextToken is not valid.") =>
    new AwsError("InvalidNextToken", message, { queryCode: "InvalidNextToken" }),
  limitExceeded: (message: string) => new AwsError("LimitExceededFault", message, { queryCode: "LimitExceeded" }),
  resourceNotFound: (message: string) =>
    new AwsError("ResourceNotFound", message, { status: 404, queryCode: "ResourceNotFound" }),
  resourceNotFoundException: (message: string, resourceType: string, resourceId: string) =>
    new AwsError("ResourceNotFoundException", message, {
      status: 404,
      queryCode: "ResourceNotFoundException",
      extra: { ResourceType: resourceType, ResourceId: resourceId },
    }),
  dashboardNotFound: (message: string) =>
    new AwsError("DashboardNotFoundError", message, { status: 404, queryCode: "ResourceNotFound" }),
  dashboardInvalidInput: (message: string, validation: Array<{ DataPath: string; Message: string }>) =>
    new AwsError("DashboardInvalidInputError", message, {
      queryCode: "InvalidParameterInput",
      extra: { dashboardValidationMessages: validation },
    }),
};
