/** API Gateway v2's errors (REST-JSON): AWS's codes, statuses and messages. */
import { AwsError } from "../core/errors";

export const apiGatewayErrors = {
  apiNotFound: (accountId: string, apiId: string) =>
    new AwsError("NotFoundException", `Invalid API identifier specified ${accountId}:${apiId}`, { status: 404 }),
  integrationNotFound: (integrationId: string) =>
    new AwsError("NotFoundException", `Invalid Integration identifier specified ${integrationId}`, { status: 404 }),
  routeNotFound: (routeId: string) => new AwsError("NotFoundException", `Invalid Route identifier specified ${routeId}`, { status: 404 }),
  stageNotFound: () => new AwsError("NotFoundException", "Invalid stage identifier specified", { status: 404 }),
  deploymentNotFound: (deploymentId: string) =>
    new AwsError("NotFoundException", `Invalid Deployment identifier specified ${deploymentId}`, { status: 404 }),
  resourceNotFound: (arn: string) => new AwsError("NotFoundException", `Invalid resource identifier specified ${arn}`, { status: 404 }),
  routeExists: (routeKey: string) => new AwsError("ConflictException", `Route with key ${routeKey} already exists for this API`, { status: 409 }),
  conflictingVariable: (routeKey: string, other: string) =>
    new AwsError("ConflictException", `The provided route key "${routeKey}" has a conflicting variable on the same hierarchical level as "${other}"`, {
      status: 409,
    }),
  stageExists: () => new AwsError("ConflictException", "Stage already exists", { status: 409 }),
  badRequest: (message: string) => new AwsError("BadRequestException", message),
  unknownOperation: (method: string, path: string) =>
    new AwsError("NotFoundException", `No API Gateway v2 operation is ${method} ${path}.`, { status: 404 }),
};
