/**
 * Every AWS SDK client the workbook uses, built from one resolved connection. Clients are created
 * on first use and reused per connection and region.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { IAMClient } from "@aws-sdk/client-iam";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { PipesClient } from "@aws-sdk/client-pipes";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { STSClient } from "@aws-sdk/client-sts";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { resolveConnection, type ResolvedConnection } from "./client-config";
import type { Connection } from "./connection";

export interface AwsClients {
  readonly connection: Omit<ResolvedConnection, "config">;
  readonly region: string;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  readonly dynamodb: DynamoDBClient;
  /** DynamoDB with plain JavaScript values instead of attribute-value maps. */
  readonly documents: DynamoDBDocumentClient;
  readonly dynamodbStreams: DynamoDBStreamsClient;
  readonly kinesis: KinesisClient;
  readonly cloudwatch: CloudWatchClient;
  readonly pipes: PipesClient;
  readonly iam: IAMClient;
  readonly sts: STSClient;
}

const MAX_CACHED = 64;
const cache = new Map<string, AwsClients>();

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export function createAwsClients(resolved: ResolvedConnection): AwsClients {
  const { config, ...connection } = resolved;
  const dynamodb = lazy(() => new DynamoDBClient(config));
  const clients = {
    connection,
    region: config.region,
    sqs: lazy(() => new SQSClient(config)),
    sns: lazy(() => new SNSClient(config)),
    dynamodb,
    documents: lazy(() =>
      DynamoDBDocumentClient.from(dynamodb(), { marshallOptions: { removeUndefinedValues: true } }),
    ),
    dynamodbStreams: lazy(() => new DynamoDBStreamsClient(config)),
    // Kinesis keeps the SDK's default HTTP/2 handler (SubscribeToShard needs it; the local cloud speaks both).
    kinesis: lazy(() => new KinesisClient({ ...config, requestHandler: undefined })),
    cloudwatch: lazy(() => new CloudWatchClient(config)),
    pipes: lazy(() => new PipesClient(config)),
    iam: lazy(() => new IAMClient(config)),
    sts: lazy(() => new STSClient(config)),
  };
  return {
    connection: clients.connection,
    region: clients.region,
    get sqs() { return clients.sqs(); },
    get sns() { return clients.sns(); },
    get dynamodb() { return clients.dynamodb(); },
    get documents() { return clients.documents(); },
    get dynamodbStreams() { return clients.dynamodbStreams(); },
    get kinesis() { return clients.kinesis(); },
    get cloudwatch() { return clients.cloudwatch(); },
    get pipes() { return clients.pipes(); },
    get iam() { return clients.iam(); },
    get sts() { return clients.sts(); },
  };
}

/** The clients for a connection and region, reused while the connection stays the same. */
export function awsClients(connection: Connection, region: string): AwsClients {
  const resolved = resolveConnection(connection, region);
  const existing = cache.get(resolved.key);
  if (existing) {
    cache.delete(resolved.key);
    cache.set(resolved.key, existing);
    return existing;
  }
  const clients = createAwsClients(resolved);
  cache.set(resolved.key, clients);
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return clients;
}

/** Forgets the clients of connections that no longer exist (say, keys replaced). */
export function dropCachedClients(predicate: (key: string) => boolean): void {
  for (const key of [...cache.keys()]) if (predicate(key)) cache.delete(key);
}
