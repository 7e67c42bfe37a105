/**
 * One pass over the account: the names of every queue, topic, table, stream, pipe, role, alarm and
 * dashboard in the class's region (read-only list calls, paginated). The inventory then reads tags
 * only of names that match a student's, instead of asking about every name of every lab.
 */
import { DescribeAlarmsCommand, ListDashboardsCommand } from "@aws-sdk/client-cloudwatch";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { ListPipesCommand } from "@aws-sdk/client-pipes";
import { ListTopicsCommand } from "@aws-sdk/client-sns";
import { ListQueuesCommand } from "@aws-sdk/client-sqs";
import type { AwsClients } from "@/lib/aws/clients";
import { translateAwsError } from "@/lib/aws/errors";
import type { ResourceKind } from "@/lib/lab-framework/types";

export const LISTED_KINDS = ["sqs-queue", "sns-topic", "dynamodb-table", "kinesis-stream", "pipe", "iam-role", "cloudwatch-alarm", "cloudwatch-dashboard"] as const;
export type ListedKind = (typeof LISTED_KINDS)[number];

export function isListedKind(kind: ResourceKind): kind is ListedKind {
  return (LISTED_KINDS as readonly string[]).includes(kind);
}

export interface AccountListing {
  /** Names per kind; a kind whose listing failed is absent (the inventory then asks name by name). */
  names: Partial<Record<ListedKind, Set<string>>>;
  problems: string[];
}

const MAX_PAGES = 200;

async function pages<T>(first: () => Promise<{ items: string[]; next?: T }>, more: (token: T) => Promise<{ items: string[]; next?: T }>): Promise<Set<string>> {
  const names = new Set<string>();
  let page = await first();
  for (let i = 0; i < MAX_PAGES; i++) {
    for (const name of page.items) names.add(name);
    if (page.next === undefined) break;
    page = await more(page.next);
  }
  return names;
}

function lister(aws: AwsClients, kind: ListedKind, signal: AbortSignal): Promise<Set<string>> {
  const options = { abortSignal: signal };
  switch (kind) {
    case "sqs-queue": {
      const call = async (NextToken?: string) => {
        const out = await aws.sqs.send(new ListQueuesCommand({ MaxResults: 1000, NextToken }), options);
        return { items: (out.QueueUrls ?? []).map((url) => url.split("/").pop() ?? ""), next: out.NextToken || undefined };
      };
      return pages(() => call(), call);
    }
    case "sns-topic": {
      const call = async (NextToken?: string) => {
        const out = await aws.sns.send(new ListTopicsCommand({ NextToken }), options);
        return { items: (out.Topics ?? []).map((t) => t.TopicArn?.split(":").pop() ?? ""), next: out.NextToken || undefined };
      };
      return pages(() => call(), call);
    }
    case "dynamodb-table": {
      const call = async (ExclusiveStartTableName?: string) => {
        const out = await aws.dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName, Limit: 100 }), options);
        return { items: out.TableNames ?? [], next: out.LastEvaluatedTableName || undefined };
      };
      return pages(() => call(), call);
    }
    case "kinesis-stream": {
      const call = async (NextToken?: string) => {
        const out = await aws.kinesis.send(new ListStreamsCommand({ NextToken, Limit: 100 }), options);
        return { items: out.StreamNames ?? [], next: out.HasMoreStreams && out.NextToken ? out.NextToken : undefined };
      };
      return pages(() => call(), call);
    }
    case "pipe": {
      const call = async (NextToken?: string) => {
        const out = await aws.pipes.send(new ListPipesCommand({ NextToken, Limit: 100 }), options);
        return { items: (out.Pipes ?? []).map((p) => p.Name ?? ""), next: out.NextToken || undefined };
      };
      return pages(() => call(), call);
    }
    case "iam-role": {
      const call = async (Marker?: string) => {
        const out = await aws.iam.send(new ListRolesCommand({ Marker, MaxItems: 1000 }), options);
        return { items: (out.Roles ?? []).map((r) => r.RoleName ?? ""), next: out.IsTruncated && out.Marker ? out.Marker : undefined };
      };
      return pages(() => call(), call);
    }
    case "cloudwatch-alarm": {
      const call = async (NextToken?: string) => {
        const out = await aws.cloudwatch.send(new DescribeAlarmsCommand({ NextToken, MaxRecords: 100 }), options);
        const names = [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])].map((a) => a.AlarmName ?? "");
        return { items: names, next: out.NextToken || undefined };
      };
      return pages(() => call(), call);
    }
    case "cloudwatch-dashboard": {
      const call = async (NextToken?: string) => {
        const out = await aws.cloudwatch.send(new ListDashboardsCommand({ NextToken }), options);
        return { items: (out.DashboardEntries ?? []).map((d) => d.DashboardName ?? ""), next: out.NextToken || undefined };
      };
      return pages(() => call(), call);
    }
  }
}

const KIND_WORDS: Record<ListedKind, string> = {
  "sqs-queue": "queues",
  "sns-topic": "topics",
  "dynamodb-table": "tables",
  "kinesis-stream": "streams",
  pipe: "pipes",
  "iam-role": "roles",
  "cloudwatch-alarm": "alarms",
  "cloudwatch-dashboard": "dashboards",
};

export async function listAccount(aws: AwsClients, kinds: readonly ListedKind[], signal: AbortSignal): Promise<AccountListing> {
  const listing: AccountListing = { names: {}, problems: [] };
  await Promise.all(
    kinds.map(async (kind) => {
      try {
        listing.names[kind] = await lister(aws, kind, signal);
      } catch (error) {
        listing.problems.push(`Could not list ${KIND_WORDS[kind]} (${translateAwsError(error, { region: aws.region }).message}); they are looked up by name instead.`);
      }
    }),
  );
  return listing;
}
