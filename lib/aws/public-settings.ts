/**
 * Settings as the browser may see them: the connection without its vault id, and whether keys are
 * held, never the keys.
 */
import type { AwsCredentialSource, ConnectionMode, Settings } from "./connection";
import { readKeys } from "./key-vault";

export interface PublicSettings {
  mode: ConnectionMode;
  endpoint?: string;
  source?: AwsCredentialSource;
  profile?: string;
  /** Pasted keys are held in the server's memory for this browser. */
  hasKeys: boolean;
  region: string;
  prefix: string;
}

export function publicSettings(settings: Settings): PublicSettings {
  const { connection, region, prefix } = settings;
  const base = { mode: connection.mode, region, prefix, hasKeys: false };
  if (connection.mode === "endpoint") return { ...base, endpoint: connection.endpoint };
  if (connection.mode === "aws") {
    if (connection.source === "profile") return { ...base, source: "profile", profile: connection.profile };
    if (connection.source === "keys") return { ...base, source: "keys", hasKeys: Boolean(readKeys(connection.keysId)) };
    return { ...base, source: "chain" };
  }
  return base;
}
