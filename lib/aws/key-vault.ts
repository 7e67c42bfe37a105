/**
 * Temporary AWS keys pasted into the settings page. They are held in this server process's memory
 * only, under a random id that the browser's settings cookie carries; they are never written to
 * disk, never logged, never sent back. A restart forgets them (the settings page then asks for
 * them again), and they are dropped after MAX_AGE_MS in any case.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";

export interface PastedKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

interface VaultEntry extends PastedKeys {
  storedAt: number;
}

/** STS hands out sessions of at most 36 hours (GetSessionToken); nothing pasted outlives that. */
const MAX_AGE_MS = 36 * 3600 * 1000;

export const pastedKeysSchema = z.object({
  accessKeyId: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{16,128}$/, "An access key ID is 16 or more capital letters and digits, like AKIA… or ASIA…."),
  secretAccessKey: z
    .string()
    .trim()
    .min(16, "The secret access key looks too short.")
    .max(256)
    .regex(/^[A-Za-z0-9/+=]+$/, "The secret access key has letters, digits, / + and = only."),
  sessionToken: z
    .string()
    .trim()
    .max(4096)
    .regex(/^[A-Za-z0-9/+=]*$/, "The session token has letters, digits, / + and = only.")
    .optional()
    .transform((token) => (token ? token : undefined)),
});

const VAULT = Symbol.for("messaging-labs.key-vault");

function vault(): Map<string, VaultEntry> {
  const holder = globalThis as typeof globalThis & { [VAULT]?: Map<string, VaultEntry> };
  holder[VAULT] ??= new Map();
  return holder[VAULT];
}

export function storeKeys(keys: PastedKeys, replacing?: string): string {
  if (replacing) vault().delete(replacing);
  const id = randomBytes(24).toString("base64url");
  vault().set(id, { ...keys, storedAt: Date.now() });
  return id;
}

export function readKeys(id: string): PastedKeys | undefined {
  const entry = vault().get(id);
  if (!entry) return undefined;
  if (Date.now() - entry.storedAt > MAX_AGE_MS) {
    vault().delete(id);
    return undefined;
  }
  return { accessKeyId: entry.accessKeyId, secretAccessKey: entry.secretAccessKey, sessionToken: entry.sessionToken };
}

export function forgetKeys(id: string): void {
  vault().delete(id);
}

/** Every secret value currently held, so redaction can remove them wherever they might appear. */
export function heldSecrets(): string[] {
  const secrets: string[] = [];
  for (const entry of vault().values()) {
    secrets.push(entry.accessKeyId, entry.secretAccessKey);
    if (entry.sessionToken) secrets.push(entry.sessionToken);
  }
  return secrets;
}
