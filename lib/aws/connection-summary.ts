/**
 * What every page's header says about the connection: mode, region, prefix and a status dot,
 * worked out without calling AWS (the local cloud's health, or the last connection test).
 */
import { embeddedStatus } from "@/lib/localcloud/embedded";
import { capabilitiesOf, type Capabilities } from "./capabilities";
import { ConnectionUnavailableError, resolveConnection } from "./client-config";
import { connectionKey, connectionLabel, type ConnectionMode, type Settings } from "./connection";
import { lastTest } from "./connection-status";

export type ConnectionState = "ready" | "failed" | "untested" | "starting";

export interface ConnectionSummary {
  mode: ConnectionMode;
  label: string;
  region: string;
  prefix: string;
  state: ConnectionState;
  /** One sentence for the tooltip and the settings page. */
  detail: string;
  capabilities: Capabilities;
  identity?: { account: string; arn: string };
}

const NO_CAPABILITIES: Capabilities = { localCloud: false, clock: false, inspect: false, services: [], persistent: false };

export async function summarizeConnection(settings: Settings): Promise<ConnectionSummary> {
  const { connection, region, prefix } = settings;
  const base = { mode: connection.mode, label: connectionLabel(connection), region, prefix };
  const tested = lastTest(connectionKey(connection, region));
  const identity = tested?.ok ? { account: tested.account, arn: tested.arn } : undefined;

  let resolved;
  try {
    resolved = resolveConnection(connection, region);
  } catch (error) {
    const reason = error instanceof ConnectionUnavailableError ? error.message : "This connection cannot be used.";
    return { ...base, state: "failed", detail: reason, capabilities: NO_CAPABILITIES };
  }
  const capabilities = await capabilitiesOf(resolved);

  if (connection.mode === "embedded") {
    const status = embeddedStatus();
    if (status.state === "failed") return { ...base, state: "failed", detail: status.reason, capabilities };
    if (!capabilities.localCloud) {
      return {
        ...base,
        state: status.state === "starting" ? "starting" : "failed",
        detail: status.state === "starting" ? "The local cloud is starting." : `The local cloud at ${status.endpoint} does not answer.`,
        capabilities,
      };
    }
    return {
      ...base,
      state: "ready",
      detail: `The local cloud answers at ${resolved.endpoint}${capabilities.persistent ? " and keeps its state on disk" : " (state in memory only)"}.`,
      capabilities,
      identity,
    };
  }
  if (connection.mode === "endpoint" && capabilities.localCloud) {
    return { ...base, state: "ready", detail: `A local cloud answers at ${resolved.endpoint}.`, capabilities, identity };
  }
  if (!tested) {
    return { ...base, state: "untested", detail: "Not tested yet: use Test connection in Settings.", capabilities };
  }
  if (tested.ok) {
    return { ...base, state: "ready", detail: `Connected as ${tested.arn}.`, capabilities, identity };
  }
  return { ...base, state: "failed", detail: tested.error.message, capabilities };
}
