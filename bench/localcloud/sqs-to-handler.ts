/**
 * SQS send → handler start through an event source mapping on the embedded (in-process) local
 * cloud: a standard queue mapped to a warm function; one message at a time, the time from just
 * before SendMessage to the moment the handler starts (the handler reads the clock first thing,
 * in its worker thread, and returns it). The mapping's idle poller is in a long poll when each
 * message arrives, so the figure includes how fast a long poll wakes on a send.
 *
 *   npx tsx bench/localcloud/sqs-to-handler.ts [--messages 300] [--rounds 3]
 */
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateEventSourceMappingCommand, CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { strToU8, zipSync } from "fflate";
import { performance } from "node:perf_hooks";
import { startLocalCloud } from "../../lib/localcloud";
import { numberOption } from "../support";

const args = process.argv.slice(2);
const MESSAGES = numberOption(args, "messages", 300);
const ROUNDS = numberOption(args, "rounds", 3);

const HANDLER = `exports.handler = async () => ({ startedAt: performance.timeOrigin + performance.now() });`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const cloud = await startLocalCloud({ port: 0, dataDir: null });
  const config = { endpoint: cloud.endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  const iam = new IAMClient(config);
  const lambda = new LambdaClient(config);
  const sqs = new SQSClient(config);
  const link = cloud.links.lambda;
  if (!link) throw new Error("no Lambda service");
  let started: ((at: number) => void) | null = null;
  cloud.links.lambda = {
    ...link,
    invoke: async (...call) => {
      const result = await link.invoke(...call);
      started?.((JSON.parse(result.payload) as { startedAt: number }).startedAt);
      return result;
    },
  };
  try {
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    const role = (await iam.send(new CreateRoleCommand({ RoleName: "bench-role", AssumeRolePolicyDocument: trust }))).Role?.Arn as string;
    await lambda.send(new CreateFunctionCommand({ FunctionName: "first-touch", Runtime: "nodejs22.x", Handler: "index.handler", Role: role, Code: { ZipFile: zipSync({ "index.js": strToU8(HANDLER) }) } }));
    cloud.clock.advance(1_000);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "bench-orders" }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: "first-touch", EventSourceArn: Attributes?.QueueArn }));

    const one = async (): Promise<number> => {
      const handlerStarted = new Promise<number>((resolve) => (started = resolve));
      const sentAt = performance.timeOrigin + performance.now();
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "order" }));
      const at = await handlerStarted;
      // Let the batch's delete finish and the poller go back to its long poll.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return at - sentAt;
    };
    for (let i = 0; i < 20; i++) await one(); // warm: the environment, connections, JIT
    console.log(`SQS SendMessage → handler start, ${MESSAGES} messages one at a time per round (ms)`);
    for (let round = 1; round <= ROUNDS; round++) {
      const samples: number[] = [];
      for (let i = 0; i < MESSAGES; i++) samples.push(await one());
      samples.sort((a, b) => a - b);
      console.log(`round ${round}: p50 ${percentile(samples, 50).toFixed(2)} p90 ${percentile(samples, 90).toFixed(2)} p99 ${percentile(samples, 99).toFixed(2)} max ${samples[samples.length - 1].toFixed(2)}`);
    }
  } finally {
    for (const client of [iam, lambda, sqs]) client.destroy();
    await cloud.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
