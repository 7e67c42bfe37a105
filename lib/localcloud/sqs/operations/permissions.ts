/**
 * AddPermission / RemovePermission edit the queue's Policy: one statement per label, as AWS does.
 */
import { sqsErrors } from "../errors";
import type { Queue } from "../model/queue";

interface PolicyDocument {
  Version: string;
  Id: string;
  Statement: Array<{ Sid?: string; [key: string]: unknown }>;
}

export function readPolicy(queue: Queue): PolicyDocument {
  if (!queue.attributes.Policy) return { Version: "2012-10-17", Id: `${queue.arn}/SQSDefaultPolicy`, Statement: [] };
  const parsed = JSON.parse(queue.attributes.Policy) as Partial<PolicyDocument>;
  return {
    Version: parsed.Version ?? "2012-10-17",
    Id: parsed.Id ?? `${queue.arn}/SQSDefaultPolicy`,
    Statement: Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [],
  };
}

export function assertValidLabel(label: string | undefined): asserts label is string {
  if (!label) throw sqsErrors.missingParameter("Label");
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(label)) {
    throw sqsErrors.invalidValue(label, "Label", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
  }
}
