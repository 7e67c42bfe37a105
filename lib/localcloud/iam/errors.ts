/** IAM's errors, with AWS's codes, statuses and messages. */
import { AwsError } from "../core/errors";

export const iamErrors = {
  noSuchRole: (name: string) => new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, { status: 404 }),
  noSuchRolePolicy: (policy: string) =>
    new AwsError("NoSuchEntity", `The role policy with name ${policy} cannot be found.`, { status: 404 }),
  noSuchAttachedPolicy: (arn: string) => new AwsError("NoSuchEntity", `Policy ${arn} was not found.`, { status: 404 }),
  roleExists: (name: string) => new AwsError("EntityAlreadyExists", `Role with name ${name} already exists.`, { status: 409 }),
  deleteConflictInline: () => new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.", { status: 409 }),
  deleteConflictAttached: () => new AwsError("DeleteConflict", "Cannot delete entity, must detach all policies first.", { status: 409 }),
  malformedPolicy: (message: string) => new AwsError("MalformedPolicyDocument", message),
  limitExceeded: (message: string) => new AwsError("LimitExceeded", message, { status: 409 }),
  validation: (field: string, value: string | undefined, constraint: string) =>
    new AwsError(
      "ValidationError",
      `1 validation error detected: Value ${value === undefined ? "null" : `'${value}'`} at '${field}' failed to satisfy constraint: ${constraint}`,
    ),
  invalidInput: (message: string) => new AwsError("InvalidInput", message),
};
