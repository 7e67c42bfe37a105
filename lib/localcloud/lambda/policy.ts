/**
 * A function's resource-based policy (AddPermission / RemovePermission / GetPolicy) and the check
 * other services make before invoking (API Gateway: `allowsInvoke`).
 */
import { lambdaErrors } from "./errors";

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal: { Service: string } | { AWS: string } | "*";
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface PermissionInput {
  statementId: string;
  action: string;
  principal: string;
  sourceArn?: string;
  sourceAccount?: string;
  principalOrgId?: string;
  functionUrlAuthType?: string;
}

const STATEMENT_ID = /^([a-zA-Z0-9-_.]+)$/;
const ACTION = /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/;

export function statementFor(functionArn: string, input: PermissionInput): PolicyStatement {
  if (!STATEMENT_ID.test(input.statementId) || input.statementId.length > 100) {
    throw lambdaErrors.constraint(input.statementId, "statementId", "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)");
  }
  if (!ACTION.test(input.action)) {
    throw lambdaErrors.constraint(input.action, "action", "Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
  }
  const principal: PolicyStatement["Principal"] =
    input.principal === "*"
      ? "*"
      : /^\d{12}$/.test(input.principal)
        ? { AWS: `arn:aws:iam::${input.principal}:root` }
        : input.principal.startsWith("arn:")
          ? { AWS: input.principal }
          : { Service: input.principal };
  const condition: Record<string, Record<string, string>> = {};
  if (input.sourceAccount) condition.StringEquals = { "AWS:SourceAccount": input.sourceAccount };
  if (input.principalOrgId) condition.StringEquals = { ...condition.StringEquals, "aws:PrincipalOrgID": input.principalOrgId };
  if (input.functionUrlAuthType) condition.StringEquals = { ...condition.StringEquals, "lambda:FunctionUrlAuthType": input.functionUrlAuthType };
  if (input.sourceArn) condition.ArnLike = { "AWS:SourceArn": input.sourceArn };
  return {
    Sid: input.statementId,
    Effect: "Allow",
    Principal: principal,
    Action: input.action,
    Resource: functionArn,
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

export function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: statements });
}

/** `*` matches any run of characters and `?` one, as ArnLike does. */
function arnLike(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return regex.test(value);
}

function actionAllowsInvoke(action: string): boolean {
  return action === "*" || action === "lambda:*" || action === "lambda:InvokeFunction";
}

/** True when some statement lets the service `principal` invoke the function for `sourceArn`. */
export function allowsInvoke(statements: PolicyStatement[], principal: string, sourceArn: string): boolean {
  return statements.some((statement) => {
    if (!actionAllowsInvoke(statement.Action)) return false;
    const who = statement.Principal;
    if (who !== "*" && !("Service" in who && who.Service === principal)) return false;
    const pattern = statement.Condition?.ArnLike?.["AWS:SourceArn"];
    if (pattern !== undefined && !arnLike(pattern, sourceArn)) return false;
    const account = statement.Condition?.StringEquals?.["AWS:SourceAccount"];
    if (account !== undefined && sourceArn.split(":")[4] !== account) return false;
    return true;
  });
}
