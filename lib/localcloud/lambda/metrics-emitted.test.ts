import { CloudWatchClient, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { IAMClient } from "@aws-sdk/client-iam";
import { InvokeCommand, LambdaClient, PutFunctionConcurrencyCommand } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";
import { deployFunction, handlerZip, lambdaRole } from "./test-support";

const bed = cloudForTests({ lambda: LambdaClient, iam: IAMClient, cloudwatch: CloudWatchClient }, { clients: { maxAttempts: 1 } });

describe("AWS/Lambda metrics", () => {
  it("emits Invocations, Errors, Duration, ConcurrentExecutions and Throttles per function each minute", async () => {
    const role = await lambdaRole(bed.iam);
    const name = await deployFunction(bed, role, handlerZip("if (event.fail) throw new Error('x'); return 1;"));
    const startedAt = bed.cloud.clock.now();
    await bed.lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode("{}") }));
    await bed.lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode('{"fail":true}') }));
    await bed.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 0 }));
    await expect(bed.lambda.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({ name: "TooManyRequestsException" });
    bed.cloud.clock.advance(120_000);

    const statistic = async (metricName: string, stat: "Sum" | "Maximum" | "SampleCount") => {
      const { Datapoints } = await bed.cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: "AWS/Lambda",
          MetricName: metricName,
          Dimensions: [{ Name: "FunctionName", Value: name }],
          StartTime: new Date(startedAt - 120_000),
          EndTime: new Date(bed.cloud.clock.now()),
          Period: 3600,
          Statistics: [stat],
        }),
      );
      return Datapoints?.[0]?.[stat];
    };
    expect(await statistic("Invocations", "Sum")).toBe(2);
    expect(await statistic("Errors", "Sum")).toBe(1);
    expect(await statistic("Throttles", "Sum")).toBe(1);
    expect(await statistic("Duration", "SampleCount")).toBe(2);
    expect(await statistic("ConcurrentExecutions", "Maximum")).toBe(1);
  });
});
