import { defineAction, defineStep } from "@/lib/lab-framework/define";
import type { StreamsResources } from "../resources";
import { describeOrdersTable, ensureOrdersTable, STREAM_VIEW_TYPE } from "../provision/table";

export const ordersTableStep = defineStep<StreamsResources>({
  id: "orders-table",
  title: "The Orders table and its stream",
  explanation: [
    "Everything in this lab starts with a write to one DynamoDB table. Its key is `orderId`, and it is billed per request, so an idle lab costs nothing.",
    "The interesting part is the **stream**. With streams on, DynamoDB records every change to an item (an `INSERT`, a `MODIFY`, a `REMOVE`) in order, per item, and keeps those records for 24 hours. Code can read them later instead of the writer having to call it: the API only writes the order, and everything else reacts to the stream.",
    "The view type decides what each record carries. `NEW_AND_OLD_IMAGES` gives the whole item after the change and before it, so a reader can see a new order in full and, for an update, what changed. The stream has its own ARN, which the consumer and the pipe will read from.",
  ].join("\n\n"),
  actions: [
    defineAction<StreamsResources>({
      id: "create-table",
      label: "Create the table with its stream",
      async run(context) {
        const { message, streamArn } = await ensureOrdersTable(context);
        return { message, data: { streamArn } };
      },
    }),
  ],
  async check(context) {
    const table = await describeOrdersTable(context);
    const name = context.names.ordersTable;
    if (!table) return { passed: false, reason: `${name} does not exist yet: create it with the button above.` };
    if (table.TableStatus !== "ACTIVE") return { passed: false, reason: `${name} is ${table.TableStatus?.toLowerCase()}; check again in a few seconds.` };
    const stream = table.StreamSpecification;
    if (!stream?.StreamEnabled || !table.LatestStreamArn) return { passed: false, reason: `${name} has no stream: run the step again to turn it on.` };
    if (stream.StreamViewType !== STREAM_VIEW_TYPE) {
      return { passed: false, reason: `The stream records ${stream.StreamViewType}; the lab needs ${STREAM_VIEW_TYPE} (the forwarder reads the new image). Run the step again to change it.` };
    }
    return { passed: true, reason: `${name} is active and streams new and old images.`, details: [`Stream ARN: ${table.LatestStreamArn}`] };
  },
  cli: (c) =>
    [
      `aws dynamodb create-table --table-name ${c.names.ordersTable} \\`,
      "  --attribute-definitions AttributeName=orderId,AttributeType=S \\",
      "  --key-schema AttributeName=orderId,KeyType=HASH \\",
      "  --billing-mode PAY_PER_REQUEST \\",
      `  --stream-specification StreamEnabled=true,StreamViewType=${STREAM_VIEW_TYPE} \\`,
      `  --tags Key=Project,Value=ServerlessLab Key=Lab,Value=${c.labId} Key=Student,Value=${c.prefix}`,
      `aws dynamodb wait table-exists --table-name ${c.names.ordersTable}`,
      `aws dynamodb describe-table --table-name ${c.names.ordersTable} --query Table.LatestStreamArn --output text`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { DynamoDBClient, CreateTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb";',
      "",
      `const dynamodb = new DynamoDBClient({ region: "${c.region}" });`,
      "await dynamodb.send(new CreateTableCommand({",
      `  TableName: "${c.names.ordersTable}",`,
      '  AttributeDefinitions: [{ AttributeName: "orderId", AttributeType: "S" }],',
      '  KeySchema: [{ AttributeName: "orderId", KeyType: "HASH" }],',
      '  BillingMode: "PAY_PER_REQUEST",',
      `  StreamSpecification: { StreamEnabled: true, StreamViewType: "${STREAM_VIEW_TYPE}" },`,
      `  Tags: [{ Key: "Project", Value: "ServerlessLab" }, { Key: "Lab", Value: "${c.labId}" }, { Key: "Student", Value: "${c.prefix}" }],`,
      "}));",
      `const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: "${c.names.ordersTable}" }));`,
      "console.log(Table.LatestStreamArn);",
    ].join("\n"),
});
