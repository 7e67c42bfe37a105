/**
 * Helpers shared by the event source mapping tests: a cloud with the clients they use, a real
 * function deployed from a zip, sources, and a record of the invocations the mappings made
 * (read at the boundary between the mappings and the Lambda service, which still runs them).
 */
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateFunctionCommand, GetEventSourceMappingCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { zipSync, strToU8 } from "fflate";
import { AwsError } from "../core/errors";
import type { LambdaInvocationResult } from "../core/links";
import type { LocalCloud } from "../index";
import { cloudForTests, type TestCloudOptions } from "../test/test-bed";
import { SQSClient as SqsClientClass } from "@aws-sdk/client-sqs";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";

/**
 * One function for every source: it fails the whole batch when a record's body says "throw",
 * reports a record as failed when it says "partial", and succeeds otherwise.
 */
export const BATCH_FUNCTION_SOURCE = `
function bodyOf(record) {
  if (record.body !== undefined) return record.body;
  if (record.kinesis) return Buffer.from(record.kinesis.data, "base64").toString("utf8");
  return JSON.stringify(record.dynamodb || {});
}
function idOf(record) {
  return record.messageId || (record.kinesis && record.kinesis.sequenceNumber) || (record.dynamodb && record.dynamodb.SequenceNumber);
}
exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const body = bodyOf(record);
    if (body.includes("throw")) throw new Error("asked to fail: " + body);
    if (body.includes("partial")) batchItemFailures.push({ itemIdentifier: idOf(record) });
  }
  return { batchItemFailures };
};
`;

export function esmForTests(options: TestCloudOptions = {}) {
  return cloudForTests({ lambda: LambdaClient, sqs: SqsClientClass, kinesis: KinesisClient, dynamodb: DynamoDBClient, iam: IAMClient, cloudwatch: CloudWatchClient }, options);
}

let roleCounter = 0;

/** Creates a role Lambda can assume and a Node.js function from `source` (index.js), and waits until it is Active. */
export async function deployFunction(
  bed: { cloud: LocalCloud; lambda: LambdaClient; iam: IAMClient },
  name: string,
  source = BATCH_FUNCTION_SOURCE,
  environment: Record<string, string> = {},
): Promise<string> {
  roleCounter += 1;
  const { Role } = await bed.iam.send(
    new CreateRoleCommand({
      RoleName: `${name}-role-${roleCounter}`,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    }),
  );
  const created = await bed.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Role: Role?.Arn,
      Code: { ZipFile: zipSync({ "index.js": strToU8(source) }) },
      Environment: { Variables: environment },
      // Long enough that a cold start never times out while a test moves the clock.
      Timeout: 60,
    }),
  );
  bed.cloud.clock.advance(2_000); // Pending → Active
  return created.FunctionArn as string;
}

/** Creates a queue and returns its URL and ARN. */
export async function createQueue(sqs: SQSClient, name: string, attributes: Record<string, string> = {}) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl as string, arn: Attributes?.QueueArn as string };
}

export interface RecordedInvocation {
  functionName: string;
  event: { Records: Array<Record<string, unknown>> };
  result?: LambdaInvocationResult;
  error?: string;
}

/** Records every invocation the Lambda service runs through its in-process link (what the mappings call). */
export function recordInvocations(cloud: LocalCloud): RecordedInvocation[] {
  const lambda = cloud.links.lambda;
  if (!lambda) throw new Error("The cloud runs no Lambda service.");
  const seen: RecordedInvocation[] = [];
  cloud.links.lambda = {
    ...lambda,
    functionArn: (region, name) => lambda.functionArn(region, name),
    allowsInvoke: (...args) => lambda.allowsInvoke(...args),
    invoke: async (region, functionName, payload, options) => {
      const entry: RecordedInvocation = { functionName, event: JSON.parse(payload) as RecordedInvocation["event"] };
      seen.push(entry);
      try {
        entry.result = await lambda.invoke(region, functionName, payload, options);
        return entry.result;
      } catch (error) {
        entry.error = error instanceof AwsError ? `${error.code}: ${error.message}` : String(error);
        throw error;
      }
    },
  };
  return seen;
}

/** Polls (every few real milliseconds, up to `limitMs`) until `done` holds: for work that takes real time, such as a function running. */
export async function eventually(done: () => boolean | Promise<boolean>, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Not done after ${limitMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The mapping's State as GetEventSourceMapping answers it. */
export async function mappingState(lambda: LambdaClient, uuid: string): Promise<string | undefined> {
  return (await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State;
}

/**
 * Moves the clock `stepMs` at a time, each time once no recorded invocation is still running
 * (time never jumps in the middle of one), until `done` holds.
 */
export async function stepClockUntil(
  cloud: LocalCloud,
  seen: RecordedInvocation[],
  done: () => boolean | Promise<boolean>,
  options: { stepMs?: number; maxSteps?: number } = {},
): Promise<void> {
  const stepMs = options.stepMs ?? 1_000;
  for (let step = 0; step < (options.maxSteps ?? 300); step += 1) {
    if (await done()) return;
    await eventually(() => seen.every((i) => i.result !== undefined || i.error !== undefined));
    cloud.clock.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Not done after ${options.maxSteps ?? 300} steps of ${stepMs} ms.`);
}
