/**
 * STS, as much as the workbook needs: GetCallerIdentity, so "Test connection" answers the same
 * way on the local cloud as on AWS.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule, ServiceRequest } from "../core/service";
import { queryErrorResponse, queryResponse } from "../protocol/query";

const XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

export function createStsService(context: ServiceContext): ServiceModule {
  const operations: Record<string, (request: ServiceRequest) => unknown> = {
    GetCallerIdentity: () => ({
      Arn: `arn:aws:iam::${context.accountId}:root`,
      UserId: context.accountId,
      Account: context.accountId,
    }),
  };

  return {
    name: "sts",
    match: { signingNames: ["sts"], queryVersions: ["2011-06-15"] },
    async handle(request) {
      try {
        const operation = operations[request.operation];
        if (!operation) {
          throw new AwsError("InvalidAction", `Could not find operation ${request.operation} for version 2011-06-15.`);
        }
        return queryResponse(request.operation, operation(request), { xmlns: XMLNS, requestId: request.requestId });
      } catch (error) {
        if (error instanceof AwsError) return queryErrorResponse(error, { xmlns: XMLNS, requestId: request.requestId });
        throw error;
      }
    },
  };
}
