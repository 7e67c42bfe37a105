/**
 * Step: the Orders table the processor writes to, keyed by orderId.
 */
import { ListTagsOfResourceCommand } from "@aws-sdk/client-dynamodb";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { taggedForLab } from "@/lib/lab-framework/resource-tags";
import { ensureOrdersTable, hasOrdersKey, ordersTable, ORDERS_KEY } from "../provision";
import type { Resources } from "../resources";

export const ordersTableStep = defineStep<Resources>({
  id: "orders-table",
  title: "The Orders table",
  explanation: [
    "At the end of the pipeline the order processor writes every order it accepts to a DynamoDB table. Build that end first, so there is somewhere for orders to land.",
    "The table has one key, `orderId` (a string), and nothing else is declared up front: DynamoDB stores whatever other attributes an item brings. Writing the same `orderId` again overwrites the item, which matters here because SNS and SQS deliver **at least once**: a duplicate delivery just rewrites the same order.",
    "It is on-demand (pay per request), so an idle lab table costs nothing.",
  ].join("\n\n"),
  actions: [
    defineAction<Resources>({
      id: "create-table",
      label: "Create the Orders table",
      async run(context) {
        const { created, table } = await ensureOrdersTable(context);
        const name = context.names.ordersTable;
        return {
          message: created ? `Created ${name}; it is ${table.TableStatus}.` : `${name} was already there (${table.TableStatus}); nothing changed.`,
          data: { table: name, status: table.TableStatus ?? "", key: ORDERS_KEY },
        };
      },
    }),
  ],
  async check(context) {
    const table = await ordersTable(context);
    const name = context.names.ordersTable;
    if (!table) return { passed: false, reason: `There is no table ${name} yet: create it with the button above.` };
    if (table.TableStatus !== "ACTIVE") return { passed: false, reason: `${name} is ${table.TableStatus}; check again in a few seconds.` };
    if (!hasOrdersKey(table)) return { passed: false, reason: `${name} is keyed on something other than ${ORDERS_KEY} (String); delete it and create it again.` };
    const { Tags = [] } = await context.aws.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: table.TableArn }), { abortSignal: context.signal });
    const tags = Object.fromEntries(Tags.map((t) => [t.Key ?? "", t.Value]));
    if (!taggedForLab(context, tags)) {
      return { passed: false, reason: `${name} exists but is not tagged for this lab and prefix (Lab=${tags.Lab ?? "none"}); another lab may own it. Clean that lab up first.` };
    }
    return { passed: true, reason: `${name} is ACTIVE, keyed on ${ORDERS_KEY}, and tagged for this lab.` };
  },
  cli: (c) =>
    [
      "aws dynamodb create-table \\",
      `  --table-name ${c.names.ordersTable} \\`,
      `  --attribute-definitions AttributeName=${ORDERS_KEY},AttributeType=S \\`,
      `  --key-schema AttributeName=${ORDERS_KEY},KeyType=HASH \\`,
      "  --billing-mode PAY_PER_REQUEST \\",
      `  --tags Key=Project,Value=${c.tags.Project} Key=Lab,Value=${c.tags.Lab} Key=Student,Value=${c.tags.Student}`,
      "",
      `aws dynamodb wait table-exists --table-name ${c.names.ordersTable}`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { DynamoDBClient, CreateTableCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";',
      "",
      `const dynamodb = new DynamoDBClient({ region: "${c.region}" });`,
      "await dynamodb.send(new CreateTableCommand({",
      `  TableName: "${c.names.ordersTable}",`,
      `  AttributeDefinitions: [{ AttributeName: "${ORDERS_KEY}", AttributeType: "S" }],`,
      `  KeySchema: [{ AttributeName: "${ORDERS_KEY}", KeyType: "HASH" }],`,
      '  BillingMode: "PAY_PER_REQUEST",',
      `  Tags: [{ Key: "Project", Value: "${c.tags.Project}" }, { Key: "Lab", Value: "${c.tags.Lab}" }, { Key: "Student", Value: "${c.tags.Student}" }],`,
      "}));",
      `await waitUntilTableExists({ client: dynamodb, maxWaitTime: 120 }, { TableName: "${c.names.ordersTable}" });`,
    ].join("\n"),
});
