/**
 * The Orders table: key orderId, on-demand capacity, and a stream of new and old images (the
 * forwarder reads NewImage; OldImage shows what an update changed). Ensuring it is idempotent:
 * an existing table of this lab gets its stream turned on or corrected, never recreated.
 */
import { CreateTableCommand, DescribeTableCommand, UpdateTableCommand, type TableDescription } from "@aws-sdk/client-dynamodb";
import { PlainFailure, translateAwsError } from "@/lib/aws/errors";
import { checkOwnership } from "@/lib/lab-framework/ownership";
import { options, sleep, type StreamsContext } from "./context";

export const STREAM_VIEW_TYPE = "NEW_AND_OLD_IMAGES";

export async function describeOrdersTable(context: StreamsContext): Promise<TableDescription | null> {
  try {
    const { Table } = await context.aws.dynamodb.send(new DescribeTableCommand({ TableName: context.names.ordersTable }), options(context));
    return Table ?? null;
  } catch (error) {
    if (translateAwsError(error).family === "not-found") return null;
    throw error;
  }
}

async function waitActive(context: StreamsContext): Promise<TableDescription> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const table = await describeOrdersTable(context);
    if (table?.TableStatus === "ACTIVE") return table;
    if (Date.now() > deadline) throw new PlainFailure("TableNotActive", `${context.names.ordersTable} is still ${table?.TableStatus ?? "missing"} after three minutes.`, "Check it in the DynamoDB console, then run the step again.");
    await sleep(1000, context.signal);
  }
}

/** Creates the table with its stream, or turns the stream on; answers what it did and the stream ARN. */
export async function ensureOrdersTable(context: StreamsContext): Promise<{ message: string; streamArn: string }> {
  const name = context.names.ordersTable;
  if ((await checkOwnership(context, "dynamodb-table", name)) === "absent") {
    try {
      await context.aws.dynamodb.send(
        new CreateTableCommand({
          TableName: name,
          KeySchema: [{ AttributeName: "orderId", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "orderId", AttributeType: "S" }],
          BillingMode: "PAY_PER_REQUEST",
          StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE },
          Tags: context.tagList(),
        }),
        options(context),
      );
    } catch (error) {
      if (translateAwsError(error).family !== "already-exists") throw error;
    }
    const table = await waitActive(context);
    return { message: `Created ${name} with a stream of new and old images.`, streamArn: table.LatestStreamArn ?? "" };
  }
  let table = await waitActive(context);
  const key = table.KeySchema?.find((k) => k.KeyType === "HASH")?.AttributeName;
  if (key !== "orderId") {
    throw new PlainFailure("WrongKey", `${name} exists with the key ${key ?? "(none)"}, not orderId.`, "Delete the table (clean-up step) and create it again.");
  }
  const stream = table.StreamSpecification;
  if (stream?.StreamEnabled && stream.StreamViewType === STREAM_VIEW_TYPE) {
    return { message: `${name} already exists with its stream on; nothing to change.`, streamArn: table.LatestStreamArn ?? "" };
  }
  if (stream?.StreamEnabled) {
    // A stream's view type cannot change: turn it off, then on again with the right one.
    await context.aws.dynamodb.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: false } }), options(context));
    await waitActive(context);
  }
  await context.aws.dynamodb.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE } }), options(context));
  table = await waitActive(context);
  return { message: `${name} already existed; its stream is now on with new and old images.`, streamArn: table.LatestStreamArn ?? "" };
}
