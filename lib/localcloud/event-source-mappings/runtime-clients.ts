/**
 * The SDK clients the runtime reads sources with inside the local cloud: ordinary SDK v3 clients
 * pointed at the local cloud's own loopback endpoint (keep-alive connections, so a request costs
 * a fraction of a millisecond), and the local cloud's virtual clock, so a fast-forward moves the
 * pollers' windows, back-offs and long polls. (Metrics go through the metrics link instead: the
 * runtime's last flush comes after the cloud has stopped listening.)
 */
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import type { RuntimeClients } from "../../runtime";
import type { VirtualClock } from "../core/clock";

/** Not AWS-shaped: the local cloud reads no signature. */
const CREDENTIALS = { accessKeyId: "localcloud-event-source-mappings", secretAccessKey: "localcloud" };
const ENDPOINT_WAIT_MS = 10_000;

/**
 * The local cloud's URL once its server listens. Mappings restored at start ask before that (the
 * services are created first), so this waits for it.
 */
export async function endpointOnceListening(endpointUrl: () => string): Promise<string> {
  const started = Date.now();
  for (;;) {
    try {
      return endpointUrl();
    } catch (error) {
      if (Date.now() - started > ENDPOINT_WAIT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

export function runtimeClients(region: string, endpoint: string, clock: VirtualClock): RuntimeClients {
  const config = { region, endpoint, credentials: CREDENTIALS };
  return {
    region,
    clock,
    sqs: new SQSClient(config),
    kinesis: new KinesisClient(config),
    dynamodbStreams: new DynamoDBStreamsClient(config),
    sns: new SNSClient(config),
  };
}

export function destroyClients(clients: RuntimeClients): void {
  for (const client of [clients.sqs, clients.kinesis, clients.dynamodbStreams, clients.sns]) client?.destroy();
}
