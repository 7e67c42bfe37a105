/**
 * Test harness: an ephemeral local cloud on a free port, and SDK client settings that point at it.
 * Every test file starts its own cloud, so tests never share state.
 */
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from "../index";

export const testCredentials = { accessKeyId: "test", secretAccessKey: "test" };

export async function startTestCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  return startLocalCloud({ port: 0, dataDir: null, ...options });
}

/** Client configuration for any AWS SDK v3 client against the test cloud. */
export function clientConfig(cloud: LocalCloud, region = "us-east-1") {
  return { endpoint: cloud.endpoint, region, credentials: testCredentials };
}

/** A unique resource name per test, so tests in one file never collide. */
let counter = 0;
export function uniqueName(base: string): string {
  counter += 1;
  return `${base}-${process.pid}-${counter}`;
}
