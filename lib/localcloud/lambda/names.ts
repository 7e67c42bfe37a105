/**
 * The forms a function may be named by (name, `name:qualifier`, partial ARN `123456789012:function:name`,
 * full ARN), as every Lambda operation accepts them.
 */
import { lambdaErrors } from "./errors";

export interface FunctionRef {
  name: string;
  qualifier?: string;
  /** Set when a full ARN named the region. */
  region?: string;
  /** Set when an ARN named the account. */
  accountId?: string;
}

const NAME = /^[a-zA-Z0-9-_]{1,64}$/;
const FULL_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-[a-z]+)+-\d{1}):(\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/;
const NAME_WITH_QUALIFIER = /^([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/;

const PATTERN =
  "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

export function parseFunctionRef(identifier: string, member = "functionName"): FunctionRef {
  const full = FULL_ARN.exec(identifier);
  if (full) return { region: full[1], accountId: full[2], name: full[3], qualifier: full[4] };
  const partial = PARTIAL_ARN.exec(identifier);
  if (partial) return { accountId: partial[1], name: partial[2], qualifier: partial[3] };
  const plain = NAME_WITH_QUALIFIER.exec(identifier);
  if (plain && plain[1].length <= 64) return { name: plain[1], qualifier: plain[2] };
  throw lambdaErrors.constraint(identifier, member, `Member must satisfy regular expression pattern: ${PATTERN}`);
}

/** A name CreateFunction accepts (a bare name; ARNs naming this account and region are accepted too). */
export function checkNewName(identifier: string): FunctionRef {
  const ref = parseFunctionRef(identifier);
  if (!NAME.test(ref.name)) throw lambdaErrors.constraint(identifier, "functionName", "Member must have length less than or equal to 64");
  if (ref.qualifier !== undefined) throw lambdaErrors.invalidParameter("Unsupported FunctionName: a qualifier is not allowed when creating a function.");
  return ref;
}

export function functionArnOf(region: string, accountId: string, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}${qualifier ? `:${qualifier}` : ""}`;
}
