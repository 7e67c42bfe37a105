/**
 * Class resources: per student, what exists under the names the labs derive from their prefix
 * (and anything else starting with it), whose it is by its tags, the runtime's triggers, and what
 * it all costs per hour on real AWS. Read-only. The account is listed once; tags are read only for
 * names that exist, the same way clean-up and the ownership guard read them.
 */
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { awsClients } from "@/lib/aws/clients";
import { translateAwsError } from "@/lib/aws/errors";
import { createLabContext } from "@/lib/lab-framework/context";
import { readResourceTags, taggedForLab } from "@/lib/lab-framework/resource-tags";
import { labRegistry } from "@/lib/lab-framework/runtime/lab-runtime";
import type { AnyLab, LabContext } from "@/lib/lab-framework/types";
import { isListedKind, listAccount, LISTED_KINDS, type AccountListing, type ListedKind } from "./account-listing";
import { mapBounded } from "./bounded";
import type { ClassRecord } from "./class-record";
import { studentSettings } from "./class-settings";
import type { ClassInventory, InventoryItem, InventoryMapping, StudentInventory } from "./inventory-view";
import { HOURLY, PRICE_NOTES, PRICE_REGION, PRICES_AS_OF } from "./prices";
import { rosterUsernames } from "./roster";

export const INVENTORY_CONCURRENCY = 6;

async function hourlyCost(context: LabContext, kind: string, name: string): Promise<{ cost: number; note?: string }> {
  const options = { abortSignal: context.signal };
  try {
    switch (kind) {
      case "kinesis-stream": {
        const { StreamDescriptionSummary: s } = await context.aws.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }), options);
        if (s?.StreamModeDetails?.StreamMode === "ON_DEMAND") return { cost: HOURLY.kinesisOnDemandStream, note: `on-demand stream × $${HOURLY.kinesisOnDemandStream}` };
        const shards = s?.OpenShardCount ?? 1;
        return { cost: shards * HOURLY.kinesisShard, note: `${shards} shard${shards === 1 ? "" : "s"} × $${HOURLY.kinesisShard}` };
      }
      case "dynamodb-table": {
        const { Table } = await context.aws.dynamodb.send(new DescribeTableCommand({ TableName: name }), options);
        const rcu = Table?.ProvisionedThroughput?.ReadCapacityUnits ?? 0;
        const wcu = Table?.ProvisionedThroughput?.WriteCapacityUnits ?? 0;
        if (Table?.BillingModeSummary?.BillingMode === "PAY_PER_REQUEST" || (rcu === 0 && wcu === 0)) return { cost: 0, note: "on demand: nothing while idle" };
        return { cost: rcu * HOURLY.dynamoRcu + wcu * HOURLY.dynamoWcu, note: `${rcu} RCU, ${wcu} WCU provisioned` };
      }
      case "cloudwatch-alarm":
        return { cost: HOURLY.alarm, note: "$0.10 per alarm-month" };
      case "cloudwatch-dashboard":
        return { cost: HOURLY.dashboard, note: "$3 per dashboard-month" };
      default:
        return { cost: 0 };
    }
  } catch {
    return { cost: 0, note: "could not read its size" };
  }
}

function exists(listing: AccountListing, kind: ListedKind, name: string): boolean | "unknown" {
  const names = listing.names[kind];
  return names ? names.has(name) : "unknown";
}

async function studentInventory(record: ClassRecord, username: string, listing: AccountListing, labList: readonly AnyLab[], signal: AbortSignal): Promise<StudentInventory> {
  const settings = studentSettings(record, username);
  const inventory: StudentInventory = { student: username, items: [], mappings: [], costPerHour: 0, problems: [] };
  const seen = new Set<string>();
  const registry = await labRegistry();
  for (const lab of labList) {
    let context: LabContext | undefined;
    for (const [, spec] of Object.entries(lab.resources)) {
      if (!isListedKind(spec.kind)) continue;
      const name = `${username}-${spec.name}`;
      const id = `${spec.kind}|${name}`;
      if (seen.has(id) || exists(listing, spec.kind, name) === false) continue;
      context ??= await createLabContext(lab, settings, signal);
      try {
        const reading = await readResourceTags(context, spec.kind, name);
        if (!reading.exists) continue;
        const tags = reading.tags;
        // A name two labs share belongs to the lab its tags name; the other lab's pass finds it.
        if (tags && tags.Project === "ServerlessLab" && tags.Student === username && tags.Lab !== lab.id && labList.some((l) => l.id === tags.Lab)) continue;
        seen.add(id);
        const { cost, note } = await hourlyCost(context, spec.kind, name);
        const item: InventoryItem = {
          labId: lab.id,
          labTitle: lab.title,
          kind: spec.kind,
          name,
          ownership: tags === null || taggedForLab(context, tags) ? "workbook" : "untagged",
          costPerHour: cost,
          costNote: note,
        };
        inventory.items.push(item);
      } catch (error) {
        inventory.problems.push(`${name}: ${translateAwsError(error, { region: record.region }).message}`);
      }
    }
    for (const mapping of registry.list({ prefix: username, labId: lab.id })) {
      const sqs = mapping.config.eventSourceArn.split(":")[2] === "sqs";
      const view: InventoryMapping = {
        labId: lab.id,
        name: `${mapping.config.functionName} ← ${mapping.config.eventSourceArn.split(":").slice(5).join(":")}`,
        state: mapping.state,
        costPerHour: sqs && mapping.state === "Enabled" && record.connection.mode === "aws" ? HOURLY.sqsPoller : 0,
      };
      inventory.mappings.push(view);
    }
  }
  const context = await createLabContext(labList[0], settings, signal);
  // A class kept from before rosters refused "ann" beside "ann-b": ann-b-… names are ann-b's, not ann's.
  const longer = rosterUsernames(record.roster).filter((other) => other.startsWith(`${username}-`));
  for (const kind of LISTED_KINDS) {
    for (const name of listing.names[kind] ?? []) {
      if (!name.startsWith(`${username}-`) || seen.has(`${kind}|${name}`)) continue;
      if (longer.some((other) => name.startsWith(`${other}-`))) continue;
      const { cost, note } = await hourlyCost(context, kind, name);
      inventory.items.push({ kind, name, ownership: "other-name", costPerHour: cost, costNote: note });
    }
  }
  inventory.costPerHour = [...inventory.items, ...inventory.mappings].reduce((sum, i) => sum + i.costPerHour, 0);
  return inventory;
}

function kindsOf(all: readonly AnyLab[]): ListedKind[] {
  const kinds = new Set<ListedKind>();
  for (const lab of all) for (const spec of Object.values(lab.resources)) if (isListedKind(spec.kind)) kinds.add(spec.kind);
  return [...kinds];
}

/** The resources of the students given, across the labs given: the route passes every lab of the catalogue (a class may have used any). */
export async function classInventory(record: ClassRecord, students: string[], signal: AbortSignal, labList: readonly AnyLab[]): Promise<ClassInventory> {
  const aws = awsClients(record.connection, record.region);
  const listing = await listAccount(aws, kindsOf(labList), signal);
  const perStudent = await mapBounded(students, INVENTORY_CONCURRENCY, (username) => studentInventory(record, username, listing, labList, signal), signal);
  return {
    generatedAt: new Date().toISOString(),
    pricesAsOf: PRICES_AS_OF,
    priceRegion: PRICE_REGION,
    priceNotes: PRICE_NOTES,
    students: perStudent.filter(Boolean),
    costPerHour: perStudent.reduce((sum, s) => sum + (s?.costPerHour ?? 0), 0),
    problems: listing.problems,
  };
}
