/**
 * public/iam-policy.json, the least-privilege policy for real AWS: valid, scoped to the student's
 * names wherever AWS allows it, and covering every call the workbook's shared code makes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

interface Statement {
  Sid: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const policy = JSON.parse(readFileSync(path.resolve(__dirname, "../../public/iam-policy.json"), "utf8")) as { Version: string; Statement: Statement[] };
const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

function allows(action: string, resource: string): boolean {
  return policy.Statement.some((s) => {
    if (s.Effect !== "Allow" || !list(s.Action).includes(action)) return false;
    return list(s.Resource).some((pattern) => {
      const regex = new RegExp(`^${pattern.replace(/[.+?^()|[\]\\]/g, "\\$&").replace(/\$\{aws:username\}/g, "user3").replace(/\*/g, ".*")}$`);
      return regex.test(resource);
    });
  });
}

describe("the IAM policy file", () => {
  it("is a 2012-10-17 policy of Allow statements with unique ids", () => {
    expect(policy.Version).toBe("2012-10-17");
    expect(new Set(policy.Statement.map((s) => s.Sid)).size).toBe(policy.Statement.length);
    expect(policy.Statement.every((s) => s.Effect === "Allow")).toBe(true);
  });

  it("grants '*' only to actions AWS cannot scope, and never a wildcard action", () => {
    for (const statement of policy.Statement) {
      for (const action of list(statement.Action)) expect(action).not.toMatch(/\*/);
      if (list(statement.Resource).includes("*")) {
        const scopable = list(statement.Action).filter((a) => !/^(sqs:ListQueues|sns:List|dynamodb:List|kinesis:ListStreams|cloudwatch:(GetMetric|ListMetrics|DescribeAlarms$|ListDashboards|PutMetricData)|pipes:ListPipes|tag:GetResources)/.test(a));
        expect(scopable, statement.Sid).toEqual([]);
      }
    }
  });

  it("passes the pipe's role to EventBridge Pipes only", () => {
    const pass = policy.Statement.find((s) => list(s.Action).includes("iam:PassRole"));
    expect(pass?.Condition).toEqual({ StringEquals: { "iam:PassedToService": "pipes.amazonaws.com" } });
  });

  it.each([
    ["sqs:GetQueueUrl", "arn:aws:sqs:us-east-1:123456789012:user3-CafeOrdersQueue"],
    ["sqs:GetQueueAttributes", "arn:aws:sqs:eu-west-1:123456789012:user3-orders.fifo"],
    ["dynamodb:DescribeTable", "arn:aws:dynamodb:us-east-1:123456789012:table/user3-Orders"],
    ["dynamodb:Scan", "arn:aws:dynamodb:us-east-1:123456789012:table/user3-Orders"],
    ["dynamodb:GetRecords", "arn:aws:dynamodb:us-east-1:123456789012:table/user3-Orders/stream/2026-01-01T00:00:00.000"],
    ["dynamodb:CreateTable", "arn:aws:dynamodb:us-east-1:123456789012:table/messaging-labs-progress"],
    ["dynamodb:UpdateItem", "arn:aws:dynamodb:us-east-1:123456789012:table/messaging-labs-progress"],
    ["dynamodb:Query", "arn:aws:dynamodb:us-east-1:123456789012:table/messaging-labs-progress"],
    ["kinesis:DescribeStreamSummary", "arn:aws:kinesis:us-east-1:123456789012:stream/user3-analytics-stream"],
    ["sns:GetTopicAttributes", "arn:aws:sns:us-east-1:123456789012:user3-OrderTopic"],
    ["sns:Unsubscribe", "arn:aws:sns:us-east-1:123456789012:user3-OrderTopic:0b6941c3-f04d-4d3e-a66d-b1df00e1e381"],
    ["pipes:DescribePipe", "arn:aws:pipes:us-east-1:123456789012:pipe/user3-HighValueOrderPipe"],
    ["iam:GetRole", "arn:aws:iam::123456789012:role/user3-HighValueOrderPipeRole"],
    ["iam:ListRoleTags", "arn:aws:iam::123456789012:role/user3-HighValueOrderPipeRole"],
    ["iam:PutRolePolicy", "arn:aws:iam::123456789012:role/user3-HighValueOrderPipeRole"],
    ["iam:DeleteRole", "arn:aws:iam::123456789012:role/user3-HighValueOrderPipeRole"],
    ["pipes:CreatePipe", "arn:aws:pipes:us-east-1:123456789012:pipe/user3-HighValueOrderStreamPipe"],
    ["sqs:PurgeQueue", "arn:aws:sqs:us-east-1:123456789012:user3-order-processing-dlq"],
    ["cloudwatch:DescribeAlarmHistory", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:user3-order-processing-alarm"],
    ["cloudwatch:PutMetricAlarm", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:user3-order-processing-alarm"],
    ["cloudwatch:GetDashboard", "arn:aws:cloudwatch::123456789012:dashboard/user3-messaging-dashboard"],
    ["cloudwatch:DescribeAlarms", "*"],
  ])("allows %s on %s", (action, resource) => {
    expect(allows(action, resource)).toBe(true);
  });

  it.each([
    ["sqs:DeleteQueue", "arn:aws:sqs:us-east-1:123456789012:user4-CafeOrdersQueue"],
    ["dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:123456789012:table/messaging-labs-progress"],
    ["iam:CreateRole", "arn:aws:iam::123456789012:role/Admin"],
    ["kinesis:DeleteStream", "arn:aws:kinesis:us-east-1:123456789012:stream/analytics-stream"],
  ])("does not allow %s on %s", (action, resource) => {
    expect(allows(action, resource)).toBe(false);
  });
});
