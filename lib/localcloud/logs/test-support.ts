/** Helpers shared by the CloudWatch Logs tests: a group with one stream, the error a call fails with. */
import { CreateLogGroupCommand, CreateLogStreamCommand, type CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { uniqueName } from "../test/harness";

export async function groupWithStream(logs: CloudWatchLogsClient, stream = "main"): Promise<{ group: string; stream: string }> {
  const group = uniqueName("/labs/logs");
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  return { group, stream };
}

export async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("expected the call to fail");
}
