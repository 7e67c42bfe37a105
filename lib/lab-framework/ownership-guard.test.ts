/**
 * The ownership guard lets an "ensure" step change only what is this lab's and this student's,
 * and refuses anything else with a sentence that says whose it is and what to do.
 */
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { CreateQueueCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translateAwsError } from "@/lib/aws/errors";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { createLabContext } from "./context";
import { defineLab, defineResources } from "./define";
import { checkOwnership } from "./ownership";
import type { LabContext } from "./types";

const resources = defineResources({
  orders: { kind: "dynamodb-table", name: "Orders", description: "" },
  queue: { kind: "sqs-queue", name: "guarded", description: "" },
});
const lab = defineLab({ id: "guard-lab", order: 97, title: "Guard", summary: "", minutes: 1, level: "beginner", services: [], resources, steps: [] });

let cloud: LocalCloud;
let context: LabContext<typeof resources>;

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "user3" }, AbortSignal.timeout(30_000));
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

async function refusal(kind: "sqs-queue" | "dynamodb-table", name: string): Promise<{ code: string; message: string; action: string }> {
  const error = await checkOwnership(context, kind, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the guard should refuse").not.toBeNull();
  const friendly = translateAwsError(error);
  return { code: friendly.code, message: friendly.message, action: friendly.action };
}

describe("ownership guard", () => {
  it("says absent for a resource that is not there", async () => {
    expect(await checkOwnership(context, "sqs-queue", context.names.queue)).toBe("absent");
    expect(await checkOwnership(context, "dynamodb-table", context.names.orders)).toBe("absent");
  });

  it("accepts what carries this lab's and this student's tags", async () => {
    await context.aws.sqs.send(new CreateQueueCommand({ QueueName: context.names.queue, tags: { ...context.tags } }));
    expect(await checkOwnership(context, "sqs-queue", context.names.queue)).toBe("ours");
  });

  it("names the other lab that owns a shared name, and says to clean it up first", async () => {
    await context.aws.dynamodb.send(
      new CreateTableCommand({
        TableName: context.names.orders,
        AttributeDefinitions: [{ AttributeName: "orderId", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "orderId", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
        Tags: [
          { Key: "Project", Value: "ServerlessLab" },
          { Key: "Lab", Value: "sns-fanout" },
          { Key: "Student", Value: "user3" },
        ],
      }),
    );
    const refused = await refusal("dynamodb-table", context.names.orders);
    expect(refused.code).toBe("ResourceOwnedByAnotherLab");
    expect(refused.message).toMatch(/^user3-Orders already exists and belongs to the ".*SNS.*" lab/);
    expect(refused.action).toMatch(/clean-up step first/);
  });

  it("refuses another student's resource and what the workbook did not create", async () => {
    await context.aws.sqs.send(new CreateQueueCommand({ QueueName: "user3-theirs", tags: { Project: "ServerlessLab", Lab: "guard-lab", Student: "someone" } }));
    expect((await refusal("sqs-queue", "user3-theirs")).code).toBe("ResourceOwnedByAnotherStudent");
    await context.aws.sqs.send(new CreateQueueCommand({ QueueName: "user3-handmade" }));
    const untagged = await refusal("sqs-queue", "user3-handmade");
    expect(untagged.code).toBe("ResourceNotCreatedByWorkbook");
    expect(untagged.message).toContain("the workbook did not create it");
  });
});
