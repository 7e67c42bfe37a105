/**
 * Connection + region → SDK client settings: where calls go and which credentials sign them. The
 * providers are resolved for real (environment, profile files, the key vault), and a client built
 * from each local connection really answers.
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { forgetCachedProviders, resolveConnection } from "./client-config";
import { awsClients } from "./clients";
import { storeKeys } from "./key-vault";
import { fakeAccessKeyId } from "./test/fake-credentials";

const CHAIN_KEY_ID = fakeAccessKeyId("long-term", "chain");
const PROFILE_KEY_ID = fakeAccessKeyId("long-term", "profile");
const PASTED_KEY_ID = fakeAccessKeyId("temporary", "pasted");

async function credentialsOf(value: AwsCredentialIdentity | AwsCredentialIdentityProvider): Promise<AwsCredentialIdentity> {
  return typeof value === "function" ? value() : value;
}

let cloud: LocalCloud;
const saved = { ...process.env };

beforeAll(async () => {
  cloud = await startTestCloud();
  // The embedded connection follows LOCALCLOUD_PORT, as the app's own local cloud does.
  process.env.LOCALCLOUD_PORT = String(cloud.port);
});

afterAll(async () => {
  process.env = saved;
  await cloud?.close();
});

describe("connection to client settings", () => {
  it("embedded: the local cloud on LOCALCLOUD_PORT, with local keys", async () => {
    const resolved = resolveConnection({ mode: "embedded" }, "eu-west-1");
    expect(resolved.endpoint).toBe(`http://127.0.0.1:${cloud.port}`);
    expect(resolved.config.endpoint).toBe(resolved.endpoint);
    expect(resolved.config.region).toBe("eu-west-1");
    expect(resolved.credentialSource).toBe("local");
    expect((await credentialsOf(resolved.config.credentials)).accessKeyId).toBe("test");
    const identity = await awsClients({ mode: "embedded" }, "eu-west-1").sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe("000000000000");
  });

  it("endpoint: the given URL and region, with local keys", async () => {
    const connection = { mode: "endpoint" as const, endpoint: cloud.endpoint };
    const resolved = resolveConnection(connection, "ap-southeast-2");
    expect(resolved.endpoint).toBe(cloud.endpoint);
    expect(resolved.config.region).toBe("ap-southeast-2");
    expect(resolved.credentialSource).toBe("local");
    const identity = await awsClients(connection, "ap-southeast-2").sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe("arn:aws:iam::000000000000:root");
  });

  it("AWS with the provider chain: AWS's own endpoints, credentials from the environment", async () => {
    process.env.AWS_ACCESS_KEY_ID = CHAIN_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = "chain-secret";
    forgetCachedProviders();
    const resolved = resolveConnection({ mode: "aws", source: "chain" }, "us-west-2");
    expect(resolved.endpoint).toBeNull();
    expect(resolved.config.endpoint).toBeUndefined();
    expect(resolved.config.region).toBe("us-west-2");
    expect(resolved.credentialSource).toBe("provider-chain");
    expect(typeof resolved.config.credentials).toBe("function");
    expect((await credentialsOf(resolved.config.credentials)).accessKeyId).toBe(CHAIN_KEY_ID);
  });

  it("AWS with a named profile: credentials from that profile in the shared files", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "aws-files-"));
    await writeFile(path.join(dir, "config"), "[profile lab]\nregion = eu-central-1\n");
    await writeFile(path.join(dir, "credentials"), `[lab]\naws_access_key_id = ${PROFILE_KEY_ID}\naws_secret_access_key = profile-secret\n`);
    process.env.AWS_CONFIG_FILE = path.join(dir, "config");
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, "credentials");
    forgetCachedProviders();
    const resolved = resolveConnection({ mode: "aws", source: "profile", profile: "lab" }, "eu-central-1");
    expect(resolved.endpoint).toBeNull();
    expect(resolved.credentialSource).toBe("profile");
    const credentials = await credentialsOf(resolved.config.credentials);
    expect(credentials.accessKeyId).toBe(PROFILE_KEY_ID);
    expect(credentials.secretAccessKey).toBe("profile-secret");
  });

  it("AWS with pasted keys: the keys held in the vault, and nothing once they are gone", async () => {
    const keysId = storeKeys({ accessKeyId: PASTED_KEY_ID, secretAccessKey: "pasted-secret-value-0", sessionToken: "session" });
    const resolved = resolveConnection({ mode: "aws", source: "keys", keysId }, "us-east-1");
    expect(resolved.credentialSource).toBe("pasted-keys");
    expect(resolved.endpoint).toBeNull();
    expect(await credentialsOf(resolved.config.credentials)).toMatchObject({ accessKeyId: PASTED_KEY_ID, sessionToken: "session" });
    expect(resolved.key).not.toContain("ASIA");
    expect(() => resolveConnection({ mode: "aws", source: "keys", keysId: "gone-gone-gone-gone" }, "us-east-1")).toThrow(/no longer in the server's memory/);
  });

  it("keeps one set of clients per connection and region", () => {
    const connection = { mode: "endpoint" as const, endpoint: cloud.endpoint };
    expect(awsClients(connection, "us-east-1")).toBe(awsClients(connection, "us-east-1"));
    expect(awsClients(connection, "us-east-1")).not.toBe(awsClients(connection, "us-east-2"));
  });
});
