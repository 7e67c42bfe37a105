/**
 * The one place a Connection and a region become AWS SDK v3 client settings. Every client the
 * workbook uses is built from what this returns, so lab code never asks where it is running.
 */
import { fromIni, fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { embeddedEndpoint } from "@/lib/localcloud/embedded";
import { connectionKey, type Connection } from "./connection";
import { readKeys } from "./key-vault";

/** The local cloud and other emulators accept any key; these make SigV4 signing possible. */
export const LOCAL_ACCESS_KEY_ID = "test";

/** A fresh object each time: the SDK annotates the credentials it is given. */
function localCredentials(): AwsCredentialIdentity {
  return { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: "test" };
}

export type CredentialSource = "local" | "provider-chain" | "profile" | "pasted-keys";

export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts: number;
  requestHandler: NodeHttpHandler;
  customUserAgent: string;
}

export interface ResolvedConnection {
  config: AwsClientConfig;
  credentialSource: CredentialSource;
  /** Where requests go; null means AWS's own regional endpoints. */
  endpoint: string | null;
  /** A cache key for this connection and region; it holds no secret. */
  key: string;
}

/** Raised when a connection cannot be used as saved (pasted keys forgotten by a restart). */
export class ConnectionUnavailableError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "ConnectionUnavailableError";
    this.code = code;
  }
}

const USER_AGENT = "messaging-labs/0.1";
const providerCache = new Map<string, AwsCredentialIdentityProvider>();

function httpHandler(local: boolean): NodeHttpHandler {
  // Long polls wait up to 20 s, so requests may take that long; connecting must not. A loopback
  // endpoint that is down refuses at once, so its timeout only ever fires when this process's
  // event loop is busy (the embedded cloud shares it: a class of 40 refreshing at once kept it
  // busy past 2 s): it is kept long enough not to fail a request that would have been answered.
  return new NodeHttpHandler({ connectionTimeout: local ? 10_000 : 5000, requestTimeout: 60_000 });
}

function cachedProvider(key: string, make: () => AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let provider = providerCache.get(key);
  if (!provider) {
    provider = make();
    providerCache.set(key, provider);
  }
  return provider;
}

export function resolveConnection(connection: Connection, region: string): ResolvedConnection {
  const key = connectionKey(connection, region);
  switch (connection.mode) {
    case "embedded":
    case "endpoint": {
      const endpoint = connection.mode === "embedded" ? embeddedEndpoint() : connection.endpoint;
      return {
        key,
        endpoint,
        credentialSource: "local",
        config: {
          region,
          endpoint,
          credentials: localCredentials(),
          maxAttempts: 2,
          requestHandler: httpHandler(true),
          customUserAgent: USER_AGENT,
        },
      };
    }
    case "aws": {
      const base = { region, maxAttempts: 3, requestHandler: httpHandler(false), customUserAgent: USER_AGENT };
      if (connection.source === "chain") {
        const credentials = cachedProvider(key, () => fromNodeProviderChain({ clientConfig: { region } }));
        return { key, endpoint: null, credentialSource: "provider-chain", config: { ...base, credentials } };
      }
      if (connection.source === "profile") {
        const profile = connection.profile;
        const credentials = cachedProvider(key, () => fromIni({ profile, clientConfig: { region } }));
        return { key, endpoint: null, credentialSource: "profile", config: { ...base, credentials } };
      }
      const keys = readKeys(connection.keysId);
      if (!keys) {
        throw new ConnectionUnavailableError(
          "PastedKeysForgotten",
          "The keys you pasted are no longer in the server's memory (it restarted, or they are older than 36 hours).",
        );
      }
      return { key, endpoint: null, credentialSource: "pasted-keys", config: { ...base, credentials: keys } };
    }
  }
}

/** Drops cached credential providers, so a changed ~/.aws file or SSO login is read again. */
export function forgetCachedProviders(): void {
  providerCache.clear();
}
