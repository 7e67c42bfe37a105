/**
 * The stream route takes a lab resource key (never a name or ARN), refuses what is not a stream,
 * bad limits and over-long keys with a 400 that says why, and answers where a key would go.
 */
import { CreateStreamCommand, KinesisClient, waitUntilStreamExists } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineLab, defineResources } from "@/lib/lab-framework/define";
import type { Settings } from "@/lib/aws/connection";
import type { LocalCloud } from "@/lib/localcloud/index";
import { clientConfig, startTestCloud } from "@/lib/localcloud/test/harness";
import { answerStreamRequest, type StreamRouteAnswer } from "./stream-route";

const resources = defineResources({
  events: { kind: "kinesis-stream", name: "events", description: "" },
  orders: { kind: "dynamodb-table", name: "orders", description: "" },
  queue: { kind: "sqs-queue", name: "queue", description: "" },
});
const lab = defineLab({ id: "stream-route-test", order: 99, title: "Route test", summary: "", minutes: 1, level: "beginner", services: [], resources, steps: [] });

let cloud: LocalCloud;
let settings: Settings;
beforeAll(async () => {
  cloud = await startTestCloud();
  settings = { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "user7" };
  const kinesis = new KinesisClient(clientConfig(cloud));
  await kinesis.send(new CreateStreamCommand({ StreamName: "user7-events", ShardCount: 2 }));
  cloud.clock.advance(5_000);
  await waitUntilStreamExists({ client: kinesis, maxWaitTime: 20, minDelay: 0.05 }, { StreamName: "user7-events" });
  kinesis.destroy();
});
afterAll(async () => {
  await cloud?.close();
});

function get(key: string, query = "") {
  return answerStreamRequest(new Request(`http://127.0.0.1/api/labs/${lab.id}/streams/${key}${query}`), lab, key, settings);
}

describe("GET /api/labs/<lab>/streams/<resourceKey>", () => {
  it("answers the stream under the student's prefix, with where a probed key goes", async () => {
    const response = await get("events", "?limit=5&key=abc");
    expect(response.status).toBe(200);
    const body = (await response.json()) as StreamRouteAnswer;
    expect(body).toMatchObject({ kind: "kinesis", streamName: "user7-events", status: "ACTIVE" });
    expect(body.probe).toEqual({
      partitionKey: "abc",
      md5: "900150983cd24fb0d6963f7d28e17f72",
      hashKey: BigInt("0x900150983cd24fb0d6963f7d28e17f72").toString(),
      shardId: "shardId-000000000001",
    });
  });

  it("answers a table that does not exist yet as MISSING", async () => {
    const body = (await (await get("orders")).json()) as StreamRouteAnswer;
    expect(body).toMatchObject({ kind: "dynamodb", tableName: "user7-orders", status: "MISSING" });
  });

  it("refuses resources that are not streams, unknown keys and inherited names", async () => {
    for (const key of ["queue", "nothing", "constructor", "__proto__"]) {
      const response = await get(key);
      expect(response.status, key).toBe(404);
    }
  });

  it("refuses a bad limit or partition key with a 400 naming the field", async () => {
    for (const query of ["?limit=0", "?limit=501", "?limit=2.5", "?limit=abc", `?key=${"k".repeat(257)}`, "?key="]) {
      const response = await get("events", query);
      expect(response.status, query).toBe(400);
      const { error } = (await response.json()) as { error: { field: string; message: string } };
      expect(["limit", "key"]).toContain(error.field);
    }
    const onTable = await get("orders", "?key=abc");
    expect(onTable.status).toBe(400);
  });
});
