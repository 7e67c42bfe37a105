/**
 * The connection the instructor gives a class, from the instructor's form: the local cloud, an
 * endpoint, or AWS (default credentials, a profile, or pasted keys that go to the server's key
 * vault, memory only). The class record keeps the Connection, which holds no secret; students
 * never see more of it than the header's label.
 */
import { z } from "zod";
import { connectionLabel, profileNameSchema, type Connection } from "@/lib/aws/connection";
import { checkEndpoint } from "@/lib/aws/endpoint-policy";
import { forgetKeys, pastedKeysSchema, readKeys, storeKeys } from "@/lib/aws/key-vault";

export const connectionInputSchema = z
  .object({
    mode: z.enum(["embedded", "endpoint", "aws"]),
    endpoint: z.string().max(300).optional(),
    source: z.enum(["chain", "profile", "keys"]).optional(),
    profile: z.string().max(128).optional(),
    keys: pastedKeysSchema.optional(),
  })
  .strict();

export type ConnectionInput = z.infer<typeof connectionInputSchema>;

export type ConnectionChoice = { ok: true; connection: Connection } | { ok: false; field: string; reason: string; action: string };

/** Builds the class's connection; `previous` lets "keys" keep the keys already held for the class. */
export function classConnection(input: ConnectionInput, previous?: Connection): ConnectionChoice {
  if (input.mode === "embedded") return { ok: true, connection: { mode: "embedded" } };
  if (input.mode === "endpoint") {
    const checked = checkEndpoint(input.endpoint ?? "");
    return checked.ok
      ? { ok: true, connection: { mode: "endpoint", endpoint: checked.endpoint } }
      : { ok: false, field: "connection.endpoint", reason: checked.reason, action: "Correct the endpoint URL." };
  }
  if (input.source === "chain") return { ok: true, connection: { mode: "aws", source: "chain" } };
  if (input.source === "profile") {
    const profile = profileNameSchema.safeParse(input.profile ?? "");
    return profile.success
      ? { ok: true, connection: { mode: "aws", source: "profile", profile: profile.data } }
      : { ok: false, field: "connection.profile", reason: profile.error.issues[0]?.message ?? "Pick a profile.", action: "Pick a profile from the list." };
  }
  if (input.source === "keys") {
    const held = previous?.mode === "aws" && previous.source === "keys" ? previous.keysId : undefined;
    if (input.keys) return { ok: true, connection: { mode: "aws", source: "keys", keysId: storeKeys(input.keys, held) } };
    if (held && readKeys(held)) return { ok: true, connection: { mode: "aws", source: "keys", keysId: held } };
    return {
      ok: false,
      field: "connection.keys.accessKeyId",
      reason: "No keys are held for this class.",
      action: "Paste an access key ID and secret access key (and a session token for temporary keys).",
    };
  }
  return { ok: false, field: "connection.source", reason: "Choose how the class finds its AWS credentials.", action: "Pick default credentials, a profile or pasted keys." };
}

/** Forgets pasted keys the class no longer uses (another connection chosen, or the class ended). */
export function releaseClassKeys(previous: Connection, next?: Connection): void {
  if (previous.mode !== "aws" || previous.source !== "keys") return;
  if (next?.mode === "aws" && next.source === "keys" && next.keysId === previous.keysId) return;
  forgetKeys(previous.keysId);
}

/** What the instructor's pages show of a class's connection: never a key. */
export interface ConnectionView {
  mode: Connection["mode"];
  label: string;
  endpoint?: string;
  source?: "chain" | "profile" | "keys";
  profile?: string;
  hasKeys?: boolean;
}

export function connectionView(connection: Connection): ConnectionView {
  const base = { mode: connection.mode, label: connectionLabel(connection) };
  if (connection.mode === "endpoint") return { ...base, endpoint: connection.endpoint };
  if (connection.mode === "aws") {
    if (connection.source === "profile") return { ...base, source: "profile", profile: connection.profile };
    if (connection.source === "keys") return { ...base, source: "keys", hasKeys: Boolean(readKeys(connection.keysId)) };
    return { ...base, source: "chain" };
  }
  return base;
}
