/**
 * A test file's cloud and SDK clients in one line: `cloudForTests({ sns: SNSClient, sqs: SQSClient })`
 * starts an ephemeral cloud before the tests of the file (or of the describe block it is called
 * in), builds one client of each class against it, and destroys them and closes the cloud after.
 * The returned object fills in when the tests start: read `bed.sns` inside tests and hooks.
 */
import { afterAll, beforeAll } from "vitest";
import type { LocalCloud, LocalCloudOptions } from "../index";
import { clientConfig, startTestCloud } from "./harness";

type ClientSettings = { maxAttempts?: number };
type SdkClientClass = new (config: ReturnType<typeof clientConfig> & ClientSettings) => { destroy(): void };

export interface TestCloudOptions {
  cloud?: LocalCloudOptions;
  /** Added to every client's configuration, such as `{ maxAttempts: 1 }` so a throttled call fails at once. */
  clients?: ClientSettings;
}

export type TestCloud<Clients extends Record<string, SdkClientClass>> = { cloud: LocalCloud } & {
  [Name in keyof Clients]: InstanceType<Clients[Name]>;
};

export function cloudForTests<Clients extends Record<string, SdkClientClass>>(clients: Clients, options: TestCloudOptions = {}): TestCloud<Clients> {
  const bed = {} as TestCloud<Clients>;
  const built: Array<{ destroy(): void }> = [];
  beforeAll(async () => {
    bed.cloud = await startTestCloud(options.cloud);
    for (const [name, Client] of Object.entries(clients)) {
      const client = new Client({ ...clientConfig(bed.cloud), ...options.clients });
      built.push(client);
      Object.assign(bed, { [name]: client });
    }
  });
  afterAll(async () => {
    for (const client of built.splice(0)) client.destroy();
    await bed.cloud?.close();
  });
  return bed;
}
