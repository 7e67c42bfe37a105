/** Pipes' errors (REST-JSON): AWS's codes, statuses and messages. */
import { AwsError } from "../core/errors";

export const pipesErrors = {
  notFound: (name: string) => new AwsError("NotFoundException", `Pipe ${name} does not exist.`, { status: 404 }),
  resourceNotFound: (arn: string) => new AwsError("NotFoundException", `Resource ${arn} does not exist.`, { status: 404 }),
  exists: (name: string, arn: string) =>
    new AwsError("ConflictException", `Pipe ${name} already exists.`, { status: 409, extra: { resourceId: arn, resourceType: "pipe" } }),
  conflict: (name: string, arn: string, state: string) =>
    new AwsError("ConflictException", `Pipe ${name} is in state ${state} and cannot be changed until it leaves it.`, {
      status: 409,
      extra: { resourceId: arn, resourceType: "pipe" },
    }),
  validation: (message: string, field?: string) =>
    new AwsError("ValidationException", message, { extra: field ? { fieldList: [{ name: field, message }] } : undefined }),
};
