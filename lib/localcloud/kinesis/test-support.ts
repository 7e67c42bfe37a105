/** Helpers shared by the Kinesis tests: an SDK client on its default (HTTP/2) handler, active streams. */
import { CreateStreamCommand, KinesisClient, type CreateStreamCommandInput } from "@aws-sdk/client-kinesis";
import type { LocalCloud } from "../index";
import { clientConfig } from "../test/harness";

export function kinesisClient(cloud: LocalCloud, region = "us-east-1"): KinesisClient {
  return new KinesisClient({ ...clientConfig(cloud, region), maxAttempts: 1 });
}

/** Creates a stream and moves the clock past its CREATING phase. */
export async function createActiveStream(
  cloud: LocalCloud,
  client: KinesisClient,
  input: CreateStreamCommandInput,
): Promise<void> {
  await client.send(new CreateStreamCommand(input));
  cloud.clock.advance(5_000);
}
