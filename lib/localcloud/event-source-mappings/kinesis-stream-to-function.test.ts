/**
 * A Kinesis stream mapped to a real function: TRIM_HORIZON reads what the stream already holds,
 * LATEST only what arrives after the mapping; a failing batch is bisected until the bad record is
 * alone, and a record out of retries is described to the on-failure destination.
 */
import { GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { CreateEventSourceMappingCommand } from "@aws-sdk/client-lambda";
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createQueue, deployFunction, esmForTests, recordInvocations, stepClockUntil, type RecordedInvocation } from "./test-support";

const bed = esmForTests();

async function createStream(seen: RecordedInvocation[]): Promise<{ name: string; arn: string }> {
  const name = uniqueName("clicks");
  await bed.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
  let arn = "";
  await stepClockUntil(bed.cloud, seen, async () => {
    const { StreamDescriptionSummary } = await bed.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    arn = StreamDescriptionSummary?.StreamARN ?? "";
    return StreamDescriptionSummary?.StreamStatus === "ACTIVE";
  });
  return { name, arn };
}

async function put(stream: { name: string }, data: string): Promise<void> {
  await bed.kinesis.send(new PutRecordCommand({ StreamName: stream.name, Data: Buffer.from(data), PartitionKey: "pk" }));
}

function dataOf(seen: RecordedInvocation[], functionName: string): string[][] {
  return seen
    .filter((i) => i.functionName === functionName)
    .map((i) => i.event.Records.map((r) => Buffer.from(String((r.kinesis as { data: string }).data), "base64").toString("utf8")));
}

describe("a Kinesis stream mapped to a function", () => {
  it("from TRIM_HORIZON reads the records already in the stream; from LATEST only the ones put after; IteratorAge goes to AWS/Lambda", async () => {
    const seen = recordInvocations(bed.cloud);
    const stream = await createStream(seen);
    const fromStart = uniqueName("from-start");
    const fromNow = uniqueName("from-now");
    await deployFunction(bed, fromStart);
    await deployFunction(bed, fromNow);
    await put(stream, "before");
    await bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: stream.arn, FunctionName: fromStart, StartingPosition: "TRIM_HORIZON" }));
    await bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: stream.arn, FunctionName: fromNow, StartingPosition: "LATEST" }));
    await put(stream, "after");

    await stepClockUntil(bed.cloud, seen, () => dataOf(seen, fromStart).flat().length === 2 && dataOf(seen, fromNow).flat().length === 1);
    expect(dataOf(seen, fromStart).flat()).toEqual(["before", "after"]);
    expect(dataOf(seen, fromNow).flat()).toEqual(["after"]);
    const record = seen.find((i) => i.functionName === fromNow)?.event.Records[0];
    expect(record).toMatchObject({ eventSource: "aws:kinesis", eventSourceARN: stream.arn, eventName: "aws:kinesis:record" });

    const iteratorAge = () =>
      bed.cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: "AWS/Lambda",
          MetricName: "IteratorAge",
          Dimensions: [{ Name: "FunctionName", Value: fromStart }],
          StartTime: new Date(bed.cloud.clock.now() - 3_600_000),
          EndTime: new Date(bed.cloud.clock.now() + 60_000),
          Period: 60,
          Statistics: ["SampleCount", "Maximum"],
        }),
      );
    await stepClockUntil(bed.cloud, seen, async () => ((await iteratorAge()).Datapoints ?? []).length > 0, { stepMs: 5_000 });
    const [point] = (await iteratorAge()).Datapoints ?? [];
    expect(point.SampleCount).toBeGreaterThanOrEqual(1);
    expect(point.Maximum).toBeGreaterThan(0);
  });

  it("bisects a failing batch to the bad record and sends it, out of retries, to the on-failure queue", async () => {
    const seen = recordInvocations(bed.cloud);
    const stream = await createStream(seen);
    const fn = uniqueName("click-processor");
    await deployFunction(bed, fn);
    const destination = await createQueue(bed.sqs, uniqueName("clicks-failed"));
    for (const data of ["r1", "r2", "throw r3", "r4"]) await put(stream, data);
    await bed.lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: stream.arn,
        FunctionName: fn,
        StartingPosition: "TRIM_HORIZON",
        BatchSize: 4,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: destination.arn } },
      }),
    );

    let described: Record<string, unknown> | undefined;
    await stepClockUntil(bed.cloud, seen, async () => {
      const { Messages } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: destination.url }));
      if (Messages?.[0]?.Body) described = JSON.parse(Messages[0].Body) as Record<string, unknown>;
      return described !== undefined;
    });
    expect(dataOf(seen, fn)).toEqual([["r1", "r2", "throw r3", "r4"], ["r1", "r2"], ["throw r3", "r4"], ["throw r3"], ["r4"]]);
    expect(described).toMatchObject({
      requestContext: { condition: "RetryAttemptsExhausted", functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${fn}` },
      KinesisBatchInfo: { batchSize: 1, streamArn: stream.arn },
    });
  });
});
