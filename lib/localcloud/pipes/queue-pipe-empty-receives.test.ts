import { CloudWatchClient, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { CreatePipeCommand, PipesClient } from "@aws-sdk/client-pipes";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { clientConfig, startTestCloud, uniqueName } from "../test/harness";
import { advanceSeconds, createQueue, PIPE_ROLE_ARN } from "./test-support";

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

it("an idle pipe's source counts one empty receive per 20 s long poll, not one per look", async () => {
  const config = clientConfig(cloud);
  const sqs = new SQSClient(config);
  const pipes = new PipesClient(config);
  const cloudwatch = new CloudWatchClient(config);
  const sourceName = uniqueName("idle-source");
  const source = await createQueue(sqs, sourceName);
  const target = await createQueue(sqs, uniqueName("idle-target"));
  await pipes.send(new CreatePipeCommand({ Name: uniqueName("idle"), RoleArn: PIPE_ROLE_ARN, Source: source.arn, Target: target.arn }));
  const start = cloud.clock.now();
  advanceSeconds(cloud, 600);
  // A message still goes through at once, and the pipe goes back to waiting.
  await sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: "hello" }));
  advanceSeconds(cloud, 62);

  const sum = async (metricName: string) => {
    const { Datapoints = [] } = await cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: "AWS/SQS",
        MetricName: metricName,
        Dimensions: [{ Name: "QueueName", Value: sourceName }],
        StartTime: new Date(start - 60_000),
        EndTime: new Date(cloud.clock.now()),
        Period: 60,
        Statistics: ["Sum"],
      }),
    );
    return Datapoints.reduce((total, point) => total + (point.Sum ?? 0), 0);
  };
  // About 660 s of polling, less the minute not yet reported: some 30 long polls, where one look
  // a second would count over 600.
  const empty = await sum("NumberOfEmptyReceives");
  expect(empty).toBeGreaterThanOrEqual(25);
  expect(empty).toBeLessThanOrEqual(34);
  expect(await sum("NumberOfMessagesReceived")).toBe(1);
  expect(await sum("NumberOfMessagesDeleted")).toBe(1);
  for (const client of [sqs, pipes, cloudwatch]) client.destroy();
});
