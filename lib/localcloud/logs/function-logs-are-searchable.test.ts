import { CloudWatchLogsClient, DescribeLogStreamsCommand, FilterLogEventsCommand, GetQueryResultsCommand, StartQueryCommand } from "@aws-sdk/client-cloudwatch-logs";
import { IAMClient } from "@aws-sdk/client-iam";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { expect, it } from "vitest";
import { deployFunction, handlerZip, lambdaRole } from "../lambda/test-support";
import { cloudForTests } from "../test/test-bed";

const bed = cloudForTests({ logs: CloudWatchLogsClient, lambda: LambdaClient, iam: IAMClient });

it("a function's output lands in /aws/lambda/<name>, where FilterLogEvents and Insights find its JSON lines", async () => {
  const role = await lambdaRole(bed.iam);
  const name = await deployFunction(
    bed,
    role,
    handlerZip(`
  console.log(JSON.stringify({ level: event.fail ? "ERROR" : "INFO", orderId: event.orderId }));
  console.log("plain line for", event.orderId);
  return { ok: !event.fail };`),
  );
  for (const payload of [{ orderId: "o-1" }, { orderId: "o-2", fail: true }, { orderId: "o-3" }]) {
    await bed.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(payload)) }));
  }
  const group = `/aws/lambda/${name}`;
  const streams = await bed.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
  expect(streams.logStreams?.[0].logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);

  const starts = await bed.logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: '"START RequestId"' }));
  expect(starts.events).toHaveLength(3);
  const errors = await bed.logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: '{ $.level = "ERROR" }' }));
  expect(errors.events?.map((e) => e.message)).toEqual([expect.stringContaining('"orderId":"o-2"')]);

  const now = Math.ceil(bed.cloud.clock.now() / 1000);
  const { queryId } = await bed.logs.send(new StartQueryCommand({ logGroupName: group, startTime: now - 600, endTime: now, queryString: "filter ispresent(orderId) | stats count() by level | sort level asc" }));
  const results = await bed.logs.send(new GetQueryResultsCommand({ queryId }));
  expect(results.results?.map((row) => Object.fromEntries(row.map((f) => [f.field, f.value])))).toEqual([
    { level: "ERROR", "count()": "1" },
    { level: "INFO", "count()": "2" },
  ]);
});
