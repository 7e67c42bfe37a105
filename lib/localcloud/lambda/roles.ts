/**
 * CreateFunction's role check: the role must exist in the local IAM and its trust policy must let
 * `lambda.amazonaws.com` assume it, or Lambda answers "The role defined for the function cannot be
 * assumed by Lambda." With IAM off, any well-formed role ARN is accepted.
 */
import type { Links } from "../core/links";
import { lambdaErrors } from "./errors";

const LAMBDA_PRINCIPAL = "lambda.amazonaws.com";

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function trusts(statement: Record<string, unknown>): boolean {
  if (statement.Effect !== "Allow") return false;
  const actions = asList(statement.Action);
  if (!actions.some((a) => a === "sts:AssumeRole" || a === "sts:*" || a === "*")) return false;
  const principal = statement.Principal;
  if (principal === "*") return true;
  if (!principal || typeof principal !== "object") return false;
  const { Service, AWS } = principal as Record<string, unknown>;
  return asList(Service).includes(LAMBDA_PRINCIPAL) || asList(AWS).includes("*");
}

/** True when the trust policy (JSON text, possibly URL-encoded as IAM returns it) lets Lambda assume the role. */
export function trustsLambda(document: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document.trimStart().startsWith("%7B") ? decodeURIComponent(document) : document);
  } catch {
    return false;
  }
  const statements = asList((parsed as { Statement?: unknown } | null)?.Statement);
  return statements.some((s) => s !== null && typeof s === "object" && trusts(s as Record<string, unknown>));
}

export function checkRole(links: Links, roleArn: string): void {
  if (!links.iam) return;
  const role = links.iam.getRole(roleArn);
  if (!role || !trustsLambda(role.assumeRolePolicyDocument)) throw lambdaErrors.roleNotAssumable();
}
