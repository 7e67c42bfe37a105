/**
 * What the DynamoDB service itself costs per PutItem, without HTTP: calls the service's
 * `handle()` in-process, 16 at a time, and reports wall and CPU time per request.
 *
 *   npx tsx bench/localcloud/dynamodb-handle.ts [--requests 20000] [--stream]
 */
import { startLocalCloud } from "../../lib/localcloud/index";
import { createDynamoDbService } from "../../lib/localcloud/dynamodb";
import { createDynamoDbStreamsService } from "../../lib/localcloud/dynamodb-streams";

const args = process.argv.slice(2);
const requestsAt = args.indexOf("--requests");
const REQUESTS = requestsAt === -1 ? 20_000 : Number(args[requestsAt + 1]);
const WITH_STREAM = args.includes("--stream");
const IN_FLIGHT = 16;

async function main() {
  const cloud = await startLocalCloud({ port: 0, dataDir: null, services: [createDynamoDbService, createDynamoDbStreamsService] });
  const service = cloud.services.find((s) => s.name === "dynamodb")!;
  const call = async (operation: string, input: unknown) => {
    const response = await service.handle({
      protocol: "json",
      operation,
      region: "us-east-1",
      accountId: "000000000000",
      requestId: "bench",
      method: "POST",
      path: "/",
      query: new URLSearchParams(),
      headers: {},
      host: "127.0.0.1",
      body: Buffer.from(JSON.stringify(input)),
      params: new URLSearchParams(),
      signal: new AbortController().signal,
    });
    if (response.status !== 200) throw new Error(String(response.body));
  };
  await call("CreateTable", {
    TableName: "bench-orders",
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
    ...(WITH_STREAM ? { StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } } : {}),
  });
  cloud.clock.advance(1000);

  console.log(`DynamoDB service handle() per PutItem, ${REQUESTS} requests, ${IN_FLIGHT} in flight${WITH_STREAM ? ", stream on" : ""}`);
  for (const conditional of [false, true, false, true]) {
    let next = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < REQUESTS) {
          const n = next++;
          await call("PutItem", {
            TableName: "bench-orders",
            Item: { pk: { S: `${conditional}-${n}-${started}` }, customer: { S: `customer-${n % 97}` }, total: { N: "12.5" }, status: { S: "NEW" } },
            ...(conditional ? { ConditionExpression: "attribute_not_exists(pk)" } : {}),
          });
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    const wall = ((performance.now() - started) * 1000) / REQUESTS;
    const cpuPer = (used.user + used.system) / REQUESTS;
    console.log(`${(conditional ? "conditional PutItem" : "PutItem").padEnd(20)} ${wall.toFixed(0)} µs wall, ${cpuPer.toFixed(0)} µs CPU per request`);
  }
  await cloud.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
