/**
 * Where the runtime's integration tests run: an in-memory local cloud on a free port. If it does
 * not start, the tests fail: they never quietly move to another backend.
 *
 * `RUNTIME_TEST_BACKEND=moto` runs them all against moto_server on a free port instead (skipped,
 * saying why, where moto_server is not installed).
 *
 * Time moves with `advance()`: on the local cloud it fast-forwards the virtual clock (which is
 * also the runtime's clock, as in the app); on moto it really waits, so moto tests keep waits short.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll } from "vitest";
import { clientConfig, startTestCloud } from "../../localcloud/test/harness";
import { motoAvailable, startMoto } from "../../localcloud/test/moto";
import type { LocalCloud } from "../../localcloud/index";
import type { RuntimeClients } from "../registry/mapping-registry";
import { systemClock, type RuntimeClock } from "../runtime-clock";
import { registriesIdle } from "./test-registry";

export type NeededService = "sqs" | "kinesis" | "dynamodb" | "dynamodbstreams" | "cloudwatch" | "sns";

export interface TestBackend {
  kind: "localcloud" | "moto";
  endpoint: string;
  region: string;
  clock: RuntimeClock;
  /** The local cloud itself (undefined on moto). */
  cloud?: LocalCloud;
  /** Moves time forward by `seconds`. */
  advance(seconds: number): Promise<void>;
  config(): { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  sqs: SQSClient;
  kinesis: KinesisClient;
  dynamodb: DynamoDBClient;
  dynamodbStreams: DynamoDBStreamsClient;
  cloudwatch: CloudWatchClient;
  sns: SNSClient;
  /** The clients a registry gets for a student on this backend. */
  runtimeClients(): RuntimeClients;
  close(): Promise<void>;
}

const REGION = "us-east-1";

/** Which backend a test needing `services` will get: for test names and skip reasons. */
export async function backendKindFor(_services: NeededService[]): Promise<"localcloud" | "moto" | null> {
  if (process.env.RUNTIME_TEST_BACKEND === "moto") return motoAvailable ? "moto" : null;
  return "localcloud";
}

export async function startBackend(services: NeededService[], forceKind?: "localcloud" | "moto"): Promise<TestBackend> {
  const kind = forceKind ?? (await backendKindFor(services));
  if (kind === "localcloud") {
    const cloud = await startTestCloud();
    return withClients({
      kind,
      endpoint: cloud.endpoint,
      region: REGION,
      clock: cloud.clock,
      cloud,
      advance: async (seconds) => {
        cloud.clock.advance(seconds * 1000);
        await settle();
      },
      config: () => clientConfig(cloud, REGION),
      stop: () => cloud.close(),
    });
  }
  if (kind === "moto") {
    const moto = await startMoto();
    const { endpoint } = moto;
    return withClients({
      kind,
      endpoint,
      region: REGION,
      clock: systemClock,
      advance: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
      config: () => ({ endpoint, region: REGION, credentials: { accessKeyId: "test", secretAccessKey: "test" } }),
      stop: () => moto.stop(),
    });
  }
  throw new Error(`No backend serves ${services.join(", ")}: the local cloud lacks one and moto_server is not installed.`);
}

/**
 * The backend for the tests of the describe block it is called in: started before them, closed
 * after. The returned object fills in when the tests start.
 */
export function backendForTests(services: NeededService[]): TestBackend {
  const backend = {} as TestBackend;
  let started: TestBackend | undefined;
  beforeAll(async () => {
    started = await startBackend(services);
    Object.assign(backend, started);
  });
  afterAll(async () => {
    await started?.close();
  });
  return backend;
}

/** Lets pending I/O and timers run (real time, briefly). */
export function settle(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type BackendBase = Omit<TestBackend, "sqs" | "kinesis" | "dynamodb" | "dynamodbStreams" | "cloudwatch" | "sns" | "runtimeClients" | "close"> & {
  stop(): Promise<void>;
};

function withClients(base: BackendBase): TestBackend {
  const config = base.config();
  // moto speaks HTTP/1.1 only; the Kinesis client's default handler is HTTP/2.
  const kinesisConfig = base.kind === "moto" ? { ...config, requestHandler: new NodeHttpHandler() } : config;
  const sqs = new SQSClient(config);
  const kinesis = new KinesisClient(kinesisConfig);
  const dynamodb = new DynamoDBClient(config);
  const dynamodbStreams = new DynamoDBStreamsClient(config);
  const cloudwatch = new CloudWatchClient(config);
  const sns = new SNSClient(config);
  const all = [sqs, kinesis, dynamodb, dynamodbStreams, cloudwatch, sns];
  const { stop, ...rest } = base;
  return {
    ...rest,
    sqs,
    kinesis,
    dynamodb,
    dynamodbStreams,
    cloudwatch,
    sns,
    runtimeClients: () => ({
      region: REGION,
      clock: base.clock,
      sqs: new SQSClient(config),
      kinesis: new KinesisClient(kinesisConfig),
      dynamodbStreams: new DynamoDBStreamsClient(config),
      cloudwatch: new CloudWatchClient(config),
      sns: new SNSClient(config),
    }),
    close: async () => {
      for (const client of all) client.destroy();
      await stop();
    },
  };
}

/**
 * Waits until `check` returns a value (not undefined/false), advancing time by `stepSeconds`
 * between checks (the local cloud's clock; real waits on moto), each time once the test's
 * registries are not in the middle of an invocation. Fails after `maxSteps`.
 */
export async function eventually<T>(
  backend: TestBackend,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  options: { stepSeconds?: number; maxSteps?: number; what?: string } = {},
): Promise<T> {
  const steps = options.maxSteps ?? 200;
  const stepSeconds = options.stepSeconds ?? (backend.kind === "localcloud" ? 1 : 0.1);
  for (let i = 0; i < steps; i += 1) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (stepSeconds > 0) {
      // Time moves only while the runtime is waiting, never in the middle of an invocation.
      for (let wait = 0; !registriesIdle() && wait < 200; wait += 1) await settle(10);
      await backend.advance(stepSeconds);
    } else await settle();
  }
  throw new Error(`Timed out waiting for ${options.what ?? "a condition"}.`);
}
