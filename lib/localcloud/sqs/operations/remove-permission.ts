import type { RemovePermissionRequest } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import type { SqsContext } from "./context";
import { assertValidLabel, readPolicy } from "./permissions";

export function removePermission(context: SqsContext, input: RemovePermissionRequest): Record<string, never> {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  assertValidLabel(input.Label);
  const policy = readPolicy(queue);
  const remaining = policy.Statement.filter((s) => s.Sid !== input.Label);
  if (remaining.length === policy.Statement.length) {
    throw sqsErrors.invalidValue(input.Label, "Label", "can't find label on existing policy.");
  }
  context.model.setAttributes(queue, { Policy: remaining.length > 0 ? JSON.stringify({ ...policy, Statement: remaining }) : "" });
  return {};
}
