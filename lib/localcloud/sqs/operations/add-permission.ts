import type { AddPermissionRequest } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import type { SqsContext } from "./context";
import { assertValidLabel, readPolicy } from "./permissions";

const MAX_ACTIONS = 7;

export function addPermission(context: SqsContext, input: AddPermissionRequest): Record<string, never> {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  assertValidLabel(input.Label);
  if (!input.AWSAccountIds || input.AWSAccountIds.length === 0) throw sqsErrors.missingParameter("AWSAccountIds");
  if (!input.Actions || input.Actions.length === 0) throw sqsErrors.missingParameter("Actions");
  if (input.Actions.length > MAX_ACTIONS) throw sqsErrors.overLimit(`${input.Actions.length} Actions were found, maximum allowed is ${MAX_ACTIONS}.`);
  const policy = readPolicy(queue);
  if (policy.Statement.some((s) => s.Sid === input.Label)) throw sqsErrors.invalidValue(input.Label, "Label", "Already exists.");
  const principals = input.AWSAccountIds.map((id) => `arn:aws:iam::${id}:root`);
  const actions = input.Actions.map((a) => `SQS:${a}`);
  policy.Statement.push({
    Sid: input.Label,
    Effect: "Allow",
    Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: actions.length === 1 ? actions[0] : actions,
    Resource: queue.arn,
  });
  context.model.setAttributes(queue, { Policy: JSON.stringify(policy) });
  return {};
}
