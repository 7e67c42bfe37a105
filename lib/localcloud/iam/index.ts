/**
 * IAM on the local cloud (query protocol, signing name `iam`, global): roles, their inline and
 * attached policies and tags. See README.md.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule } from "../core/service";
import { queryErrorResponse, queryResponse } from "../protocol/query";
import { IamModel } from "./model";
import { decodeForm, operations } from "./operations";

const XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";

export function createIamService(context: ServiceContext): ServiceModule {
  const model = new IamModel(context.clock, context.store, context.accountId);
  context.links.iam = { getRole: (roleArn) => model.list("/").find((role) => role.arn === roleArn) };
  return {
    name: "iam",
    match: { signingNames: ["iam"], queryVersions: ["2010-05-08"] },
    async handle(request) {
      try {
        const operation = operations[request.operation];
        if (!operation) {
          throw new AwsError("InvalidAction", `Could not find operation ${request.operation} for version 2010-05-08.`);
        }
        const result = operation(model, decodeForm(request.params));
        return queryResponse(request.operation, result, { xmlns: XMLNS, requestId: request.requestId });
      } catch (error) {
        if (error instanceof AwsError) return queryErrorResponse(error, { xmlns: XMLNS, requestId: request.requestId });
        throw error;
      }
    },
    async inspect(request) {
      if (request.method === "GET" && request.subpath === "roles") {
        return {
          roles: model.list("/").map((r) => ({
            name: r.name,
            arn: r.arn,
            createdAt: new Date(r.createdAt).toISOString(),
            assumeRolePolicyDocument: r.assumeRolePolicyDocument,
            inlinePolicies: r.inlinePolicies,
            attachedPolicyArns: r.attachedPolicyArns,
            tags: r.tags,
          })),
        };
      }
      throw new AwsError("NotFound", `No inspection route ${request.method} /_localcloud/iam/${request.subpath}.`, { status: 404 });
    },
  };
}
