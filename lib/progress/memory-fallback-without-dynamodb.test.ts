/**
 * An endpoint without DynamoDB (moto without it, a local cloud with only some services) still
 * keeps progress, in the server's memory, and says why; once DynamoDB answers, what memory held
 * moves into the table.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { createStsService } from "@/lib/localcloud/sts";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { createAwsClients } from "@/lib/aws/clients";
import { resolveConnection } from "@/lib/aws/client-config";
import { DynamoProgressStore } from "./dynamodb-store";
import { ConnectionProgressStore } from "./progress-store";

const clouds: LocalCloud[] = [];
afterEach(async () => {
  for (const cloud of clouds.splice(0)) await cloud.close();
});

describe("progress where DynamoDB is missing", () => {
  it("falls back to memory with a notice, then moves into the table once DynamoDB answers", async () => {
    const stsOnly = await startTestCloud({ services: [createStsService] });
    clouds.push(stsOnly);
    const port = stsOnly.port;
    const clients = createAwsClients(resolveConnection({ mode: "endpoint", endpoint: stsOnly.endpoint }, "us-east-1"));
    const dynamo = new DynamoProgressStore(clients.dynamodb, clients.documents, { pollMs: 20 });
    const retryAfterMs = 300;
    const store = new ConnectionProgressStore(dynamo, retryAfterMs);

    const record = await store.recordCheck({ student: "user3", labId: "cafe-sqs", stepId: "connect", passed: true, reason: "ok", at: new Date() });
    expect(record.completedAt).toBeTruthy();
    expect(store.kind).toBe("memory");
    expect(store.notice).toMatch(/memory.*messaging-labs-progress/);
    expect(await store.forStudent("user3")).toHaveLength(1);

    // The same endpoint comes back with every service; after the retry interval the store moves over.
    await stsOnly.close();
    clouds.pop();
    clouds.push(await startTestCloud({ port }));
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
    const moved = await store.forStudent("user3");
    expect(store.kind).toBe("dynamodb");
    expect(moved).toHaveLength(1);
    expect(await dynamo.forStudent("user3")).toHaveLength(1);
  });
});
