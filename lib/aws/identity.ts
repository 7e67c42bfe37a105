/**
 * "Test connection": who the connection acts as, answered by STS GetCallerIdentity, which needs no
 * permission at all, so it fails only when the credentials or the endpoint are wrong.
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AwsClients } from "./clients";
import { translateAwsError, type FriendlyError } from "./errors";

export type ConnectionTest =
  | { ok: true; account: string; arn: string; userId: string; elapsedMs: number }
  | { ok: false; error: FriendlyError; elapsedMs: number };

export async function testConnection(clients: AwsClients, signal?: AbortSignal): Promise<ConnectionTest> {
  const started = Date.now();
  try {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    return {
      ok: true,
      account: identity.Account ?? "",
      arn: identity.Arn ?? "",
      userId: identity.UserId ?? "",
      elapsedMs: Date.now() - started,
    };
  } catch (error) {
    return { ok: false, error: translateAwsError(error, { region: clients.region }), elapsedMs: Date.now() - started };
  }
}

const accountCache = new Map<string, Promise<string>>();

/** The account id of a connection, asked once and remembered (names of ARNs need it). */
export function accountIdOf(clients: AwsClients): Promise<string> {
  const key = clients.connection.key;
  let pending = accountCache.get(key);
  if (!pending) {
    pending = clients.sts.send(new GetCallerIdentityCommand({})).then((identity) => identity.Account ?? "");
    pending.catch(() => accountCache.delete(key));
    accountCache.set(key, pending);
  }
  return pending;
}
