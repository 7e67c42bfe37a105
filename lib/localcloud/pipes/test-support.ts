/** Helpers shared by the Pipes tests. */
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { LocalCloud } from "../index";

export const PIPE_ROLE_ARN = "arn:aws:iam::000000000000:role/pipe-role";

/** Creates a queue and returns its URL and ARN. */
export async function createQueue(sqs: SQSClient, name: string, attributes: Record<string, string> = {}) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl as string, arn: Attributes?.QueueArn as string };
}

/** Moves the clock in one-second steps so the pipe runner ticks in between. */
export function advanceSeconds(cloud: LocalCloud, seconds: number): void {
  for (let i = 0; i < seconds; i++) cloud.clock.advance(1_000);
}

export interface PipeView {
  name: string;
  currentState: string;
  counters: { received: number; filteredOut: number; delivered: number; failed: number };
  lastError: string | null;
}

export async function inspectPipe(cloud: LocalCloud, name: string, region = "us-east-1"): Promise<PipeView | undefined> {
  const view = (await (await fetch(`${cloud.endpoint}/_localcloud/pipes/pipes?region=${region}`)).json()) as { pipes: PipeView[] };
  return view.pipes.find((p) => p.name === name);
}
