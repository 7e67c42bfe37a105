/**
 * Progress in the connected account's DynamoDB table, through the real SDK against the local
 * cloud: the table appears on first use, checks accumulate per student and step, and "start over"
 * removes one lab's records of one student only.
 */
import { DescribeTableCommand, ListTagsOfResourceCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { awsClients, type AwsClients } from "@/lib/aws/clients";
import { DynamoProgressStore, PROGRESS_TABLE } from "./dynamodb-store";
import { progressStoreFor } from "./progress-store";

let cloud: LocalCloud;
let clients: AwsClients;

beforeAll(async () => {
  cloud = await startTestCloud();
  clients = awsClients({ mode: "endpoint", endpoint: cloud.endpoint }, "us-east-1");
});
afterAll(async () => {
  await cloud?.close();
});

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

describe("progress in DynamoDB", () => {
  it("creates messaging-labs-progress on first use, on demand, tagged", async () => {
    await expect(clients.dynamodb.send(new DescribeTableCommand({ TableName: PROGRESS_TABLE }))).rejects.toThrow();
    const store = progressStoreFor(clients);
    expect(await store.forStudent("user3")).toEqual([]);
    expect(store.kind).toBe("dynamodb");
    const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: PROGRESS_TABLE }));
    expect(Table?.TableStatus).toBe("ACTIVE");
    expect(Table?.KeySchema).toEqual([
      { AttributeName: "student", KeyType: "HASH" },
      { AttributeName: "labStep", KeyType: "RANGE" },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    const { Tags } = await clients.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: Table!.TableArn! }));
    expect(Tags).toContainEqual({ Key: "Project", Value: "ServerlessLab" });
  });

  it("records when a step first passed, how often it failed, and the latest reason", async () => {
    const store = progressStoreFor(clients);
    const first = await store.recordCheck({ student: "user3", labId: "cafe-sqs", stepId: "create-queue", passed: false, reason: "no queue yet", at: at(1) });
    expect(first).toMatchObject({ status: "failed", failures: 1, firstSeenAt: at(1).toISOString(), lastReason: "no queue yet" });
    expect(first.completedAt).toBeUndefined();

    const passed = await store.recordCheck({ student: "user3", labId: "cafe-sqs", stepId: "create-queue", passed: true, reason: "queue ok", at: at(4) });
    expect(passed).toMatchObject({ status: "passed", failures: 1, firstSeenAt: at(1).toISOString(), completedAt: at(4).toISOString() });

    const later = await store.recordCheck({ student: "user3", labId: "cafe-sqs", stepId: "create-queue", passed: false, reason: "queue deleted", at: at(9) });
    expect(later).toMatchObject({ status: "failed", failures: 2, completedAt: at(4).toISOString(), lastReason: "queue deleted", lastCheckedAt: at(9).toISOString() });
  });

  it("lists per student and lab, across students for the instructor, and resets one lab of one student", async () => {
    const store = new DynamoProgressStore(clients.dynamodb, clients.documents, { tableName: "progress-listing-test", pollMs: 20 });
    const record = (student: string, labId: string, stepId: string) =>
      store.recordCheck({ student, labId, stepId, passed: true, reason: "ok", at: at(2) });
    await record("user1", "cafe-sqs", "connect");
    await record("user1", "cafe-sqs", "create-queue");
    await record("user1", "sns-fanout", "connect");
    await record("user2", "cafe-sqs", "connect");

    expect((await store.forStudent("user1", "cafe-sqs")).map((r) => r.stepId).sort()).toEqual(["connect", "create-queue"]);
    expect(await store.forStudent("user1")).toHaveLength(3);
    expect((await store.all("cafe-sqs")).map((r) => r.student).sort()).toEqual(["user1", "user1", "user2"]);

    await store.resetLab("user1", "cafe-sqs");
    expect(await store.forStudent("user1", "cafe-sqs")).toEqual([]);
    expect(await store.forStudent("user1", "sns-fanout")).toHaveLength(1);
    expect(await store.forStudent("user2", "cafe-sqs")).toHaveLength(1);
  });
});
