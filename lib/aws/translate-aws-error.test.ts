/**
 * Every error family the workbook explains, produced by the real SDK v3 clients: from the local
 * cloud, from moto_server with IAM enforcement, from a closed port, from an unknown region, and
 * (for an expired session and throttling) from AWS's documented responses replayed on loopback.
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { CreateUserCommand, CreateAccessKeyCommand, IAMClient } from "@aws-sdk/client-iam";
import { KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { GetQueueUrlCommand, CreateQueueCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromIni } from "@aws-sdk/credential-providers";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { mkdtemp, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStsService } from "@/lib/localcloud/sts";
import { clientConfig, startTestCloud, uniqueName } from "@/lib/localcloud/test/harness";
import type { LocalCloud } from "@/lib/localcloud/index";
import { resolveConnection } from "./client-config";
import { translateAwsError, type FriendlyError } from "./errors";
import { motoAvailable, motoForTests, motoSkipReason } from "../localcloud/test/moto";
import { RECORDED, replay } from "./test/recorded-responses";
import { fakeAccessKeyId } from "./test/fake-credentials";

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

function expectPlain(friendly: FriendlyError) {
  expect(friendly.message.length).toBeGreaterThan(10);
  expect(friendly.action.length).toBeGreaterThan(10);
  expect(JSON.stringify(friendly)).not.toMatch(/\n\s+at /);
}

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.close();
});

describe("errors from the local cloud", () => {
  it("a missing queue is queue-not-found, naming the queue", async () => {
    const sqs = new SQSClient({ ...clientConfig(cloud), maxAttempts: 1 });
    const error = await failure(sqs.send(new GetQueueUrlCommand({ QueueName: "user3-CafeOrdersQueue" })));
    const friendly = translateAwsError(error, { subject: "the queue user3-CafeOrdersQueue" });
    expect(friendly.family).toBe("queue-not-found");
    expect(friendly.code).toMatch(/QueueDoesNotExist|NonExistentQueue/);
    expect(friendly.message).toContain("user3-CafeOrdersQueue");
    expect(friendly.requestId).toBeTruthy();
    expectPlain(friendly);
  });

  it("a missing table is not-found", async () => {
    const dynamodb = new DynamoDBClient({ ...clientConfig(cloud), maxAttempts: 1 });
    const error = await failure(dynamodb.send(new DescribeTableCommand({ TableName: "user3-Orders" })));
    const friendly = translateAwsError(error);
    expect(friendly.family).toBe("not-found");
    expect(friendly.code).toBe("ResourceNotFoundException");
    expectPlain(friendly);
  });

  it("a refused conditional write is condition-failed, and a second CreateTable already-exists", async () => {
    const dynamodb = new DynamoDBClient({ ...clientConfig(cloud), maxAttempts: 1 });
    const table = uniqueName("processed");
    const create = new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: "message_id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "message_id", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    });
    await dynamodb.send(create);
    await waitUntilTableExists({ client: dynamodb, maxWaitTime: 20, minDelay: 0.05 }, { TableName: table });
    const put = new PutItemCommand({ TableName: table, Item: { message_id: { S: "m-1" } }, ConditionExpression: "attribute_not_exists(message_id)" });
    await dynamodb.send(put);
    const conditional = translateAwsError(await failure(dynamodb.send(put)));
    expect(conditional.family).toBe("condition-failed");
    expect(conditional.code).toBe("ConditionalCheckFailedException");
    expectPlain(conditional);

    const again = translateAwsError(await failure(dynamodb.send(create)), { subject: `the table ${table}` });
    expect(again.family).toBe("already-exists");
    expect(again.code).toBe("ResourceInUseException");
    expect(again.message).toContain(table);
  });

  it("a parameter AWS rejects is invalid-request with AWS's message in the details", async () => {
    const sqs = new SQSClient({ ...clientConfig(cloud), maxAttempts: 1 });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName("orders") }));
    const error = await failure(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "x", DelaySeconds: 901 })));
    const friendly = translateAwsError(error);
    expect(friendly.family).toBe("invalid-request");
    expect(friendly.detail).toMatch(/DelaySeconds|delay/i);
  });

  it("a service the endpoint does not offer is unsupported", async () => {
    const stsOnly = await startTestCloud({ services: [createStsService] });
    try {
      const sqs = new SQSClient({ ...clientConfig(stsOnly), maxAttempts: 1 });
      const friendly = translateAwsError(await failure(sqs.send(new GetQueueUrlCommand({ QueueName: "q" }))));
      expect(friendly.family).toBe("unsupported");
      expectPlain(friendly);
    } finally {
      await stsOnly.close();
    }
  });
});

describe("errors from the network and the configuration", () => {
  it("nothing listening at the endpoint is unreachable", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const sts = new STSClient({ endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" }, maxAttempts: 1 });
    const friendly = translateAwsError(await failure(sts.send(new GetCallerIdentityCommand({}))));
    expect(friendly.family).toBe("unreachable");
    expect(friendly.code).toBe("ECONNREFUSED");
    expect(friendly.retryable).toBe(true);
    expectPlain(friendly);
  });

  it("a region AWS does not have is unknown-region", async () => {
    const sqs = new SQSClient({ region: "moon-1", credentials: { accessKeyId: "a", secretAccessKey: "b" }, maxAttempts: 1 });
    const error = await failure(sqs.send(new GetQueueUrlCommand({ QueueName: "q" })));
    const friendly = translateAwsError(error, { region: "moon-1" });
    expect(friendly.family).toBe("unknown-region");
    expect(friendly.message).toContain("moon-1");
  });

  it("a malformed region is unknown-region", async () => {
    const sqs = new SQSClient({ region: "moon 1!", credentials: { accessKeyId: "a", secretAccessKey: "b" }, maxAttempts: 1 });
    const friendly = translateAwsError(await failure(sqs.send(new GetQueueUrlCommand({ QueueName: "q" }))), { region: "moon 1!" });
    expect(friendly.family).toBe("unknown-region");
  });

  it("a profile with no credentials is no-credentials", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "aws-"));
    await writeFile(path.join(dir, "config"), "[profile other]\nregion = us-east-1\n");
    await writeFile(path.join(dir, "credentials"), "");
    const sts = new STSClient({
      region: "us-east-1",
      maxAttempts: 1,
      credentials: fromIni({ profile: "missing", filepath: path.join(dir, "credentials"), configFilepath: path.join(dir, "config") }),
    });
    const friendly = translateAwsError(await failure(sts.send(new GetCallerIdentityCommand({}))));
    expect(friendly.family).toBe("no-credentials");
    expectPlain(friendly);
  });

  it("pasted keys the server no longer holds are keys-forgotten", () => {
    let error: unknown;
    try {
      resolveConnection({ mode: "aws", source: "keys", keysId: "forgotten-keys-id-0000" }, "us-east-1");
    } catch (caught) {
      error = caught;
    }
    const friendly = translateAwsError(error);
    expect(friendly.family).toBe("keys-forgotten");
    expect(friendly.action).toMatch(/paste/i);
  });
});

describe("errors AWS sends as documented (replayed)", () => {
  it("an expired session token is expired-credentials", async () => {
    const server = await replay(RECORDED.stsExpiredToken);
    try {
      const sts = new STSClient({ endpoint: server.endpoint, region: "us-east-1", credentials: { accessKeyId: "ASIA", secretAccessKey: "s", sessionToken: "t" }, maxAttempts: 1 });
      const friendly = translateAwsError(await failure(sts.send(new GetCallerIdentityCommand({}))));
      expect(friendly.family).toBe("expired-credentials");
      expect(friendly.code).toBe("ExpiredToken");
      expect(friendly.httpStatus).toBe(403);
      expect(friendly.requestId).toBe("4d6c2b3e-2a36-4fd1-9a0e-7c3b0e1c9a10");
    } finally {
      await server.close();
    }
  });

  it("DynamoDB and Kinesis throttling are throttled and retryable", async () => {
    const dynamo = await replay(RECORDED.dynamodbThrottling);
    const kinesis = await replay(RECORDED.kinesisThroughputExceeded);
    try {
      const credentials = { accessKeyId: "a", secretAccessKey: "b" };
      const ddb = new DynamoDBClient({ endpoint: dynamo.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
      const first = translateAwsError(await failure(ddb.send(new DescribeTableCommand({ TableName: "t" }))));
      expect(first.family).toBe("throttled");
      expect(first.code).toBe("ThrottlingException");
      expect(first.retryable).toBe(true);

      // The replay server speaks HTTP/1.1; the Kinesis client defaults to HTTP/2.
      const kin = new KinesisClient({ endpoint: kinesis.endpoint, region: "us-east-1", credentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
      const second = translateAwsError(
        await failure(kin.send(new PutRecordCommand({ StreamName: "s", PartitionKey: "k", Data: new Uint8Array([1]) }))),
      );
      expect(second.family).toBe("throttled");
      expect(second.code).toBe("ProvisionedThroughputExceededException");
    } finally {
      await dynamo.close();
      await kinesis.close();
    }
  });
});

describe.skipIf(!motoAvailable)(`errors from IAM enforcement (moto_server)${motoSkipReason}`, () => {
  // Two unauthenticated calls to create a user with no policy, then every call is checked.
  const moto = motoForTests({ env: { INITIAL_NO_AUTH_ACTION_COUNT: "2" } });
  let student: { accessKeyId: string; secretAccessKey: string };
  beforeAll(async () => {
    const iam = new IAMClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
    await iam.send(new CreateUserCommand({ UserName: "student" }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "student" }));
    student = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  }, 30_000);

  it("a call the policy does not allow is access-denied, naming the action", async () => {
    const sns = new SNSClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: student, maxAttempts: 1 });
    const friendly = translateAwsError(await failure(sns.send(new CreateTopicCommand({ Name: "user3-OrderTopic" }))));
    expect(friendly.family).toBe("access-denied");
    expect(friendly.message).toContain("sns:CreateTopic");
    expect(friendly.action).toMatch(/iam-policy\.json/);
  });

  it("an unknown access key and a wrong secret are invalid-credentials", async () => {
    const strangerKeyId = fakeAccessKeyId("long-term", "stranger");
    const stranger = new STSClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: strangerKeyId, secretAccessKey: "x" }, maxAttempts: 1 });
    const unknown = translateAwsError(await failure(stranger.send(new GetCallerIdentityCommand({}))));
    expect(unknown.family).toBe("invalid-credentials");
    expect(unknown.code).toBe("InvalidClientTokenId");
    expect(unknown.detail).not.toContain(strangerKeyId);

    const wrongSecret = new SNSClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: { ...student, secretAccessKey: "wrong" }, maxAttempts: 1 });
    const signature = translateAwsError(await failure(wrongSecret.send(new CreateTopicCommand({ Name: "t" }))));
    expect(signature.family).toBe("invalid-credentials");
    expect(signature.message).toMatch(/signature/i);
  });
});
