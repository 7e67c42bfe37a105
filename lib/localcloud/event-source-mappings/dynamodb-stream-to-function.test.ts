/** A DynamoDB table's stream mapped to a function: each write reaches it as Lambda's stream record. */
import { CreateTableCommand, DescribeTableCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { CreateEventSourceMappingCommand } from "@aws-sdk/client-lambda";
import { expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { deployFunction, esmForTests, recordInvocations, stepClockUntil } from "./test-support";

const bed = esmForTests();

it("invokes the function with an INSERT record holding the new item", async () => {
  const seen = recordInvocations(bed.cloud);
  const fn = uniqueName("order-stream-worker");
  await deployFunction(bed, fn);
  const tableName = uniqueName("Orders");
  await bed.dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: "Id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "Id", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    }),
  );
  let streamArn = "";
  await stepClockUntil(bed.cloud, seen, async () => {
    const { Table } = await bed.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    streamArn = Table?.LatestStreamArn ?? "";
    return Table?.TableStatus === "ACTIVE" && streamArn !== "";
  });
  await bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: streamArn, FunctionName: fn, StartingPosition: "LATEST" }));
  await bed.dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { Id: { S: "o-1" }, Total: { N: "42" } } }));

  await stepClockUntil(bed.cloud, seen, () => seen.some((i) => i.functionName === fn && i.result));
  const [record] = seen.find((i) => i.functionName === fn)?.event.Records ?? [];
  expect(record).toMatchObject({
    eventName: "INSERT",
    eventSource: "aws:dynamodb",
    eventSourceARN: streamArn,
    dynamodb: { Keys: { Id: { S: "o-1" } }, NewImage: { Id: { S: "o-1" }, Total: { N: "42" } }, StreamViewType: "NEW_AND_OLD_IMAGES" },
  });
  expect(seen.find((i) => i.functionName === fn)?.result?.functionError).toBeUndefined();
});
