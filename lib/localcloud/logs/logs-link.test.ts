import { CloudWatchLogsClient, DescribeLogStreamsCommand, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";

const bed = cloudForTests({ logs: CloudWatchLogsClient });

it("links.logs.put creates the group and stream when missing, as Lambda's logging does, and the API reads them", async () => {
  const link = bed.cloud.links.logs;
  expect(link).toBeDefined();
  const now = bed.cloud.clock.now();
  const stream = "2026/12/08/[$LATEST]9a8b7c";
  link?.put("us-east-1", "/aws/lambda/place-order", stream, [
    { timestamp: now, message: "START RequestId: r-1 Version: $LATEST\n" },
    { timestamp: now + 1, message: '{"level":"INFO","orderId":"o-1"}\n' },
  ]);
  link?.put("us-east-1", "/aws/lambda/place-order", stream, [{ timestamp: now + 2, message: "END RequestId: r-1\n" }]);
  const streams = await bed.logs.send(new DescribeLogStreamsCommand({ logGroupName: "/aws/lambda/place-order" }));
  expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual([stream]);
  const found = await bed.logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/place-order", filterPattern: '{ $.orderId = "o-1" }' }));
  expect(found.events?.map((e) => e.message)).toEqual(['{"level":"INFO","orderId":"o-1"}\n']);
});
