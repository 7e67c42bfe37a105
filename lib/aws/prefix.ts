/**
 * The student prefix: every resource a student creates is named `<prefix>-<Name>` and tagged
 * `Student=<prefix>`, so classmates sharing one account never touch each other's resources.
 */
import { z } from "zod";

export const PREFIX_MAX_LENGTH = 20;
export const DEFAULT_PREFIX = "user1";

export const prefixSchema = z
  .string()
  .trim()
  .min(1, "Enter a prefix, for example user3.")
  .max(PREFIX_MAX_LENGTH, `A prefix has at most ${PREFIX_MAX_LENGTH} characters.`)
  .regex(/^[a-z0-9-]+$/, "Use only lowercase letters, digits and hyphens.")
  .refine((p) => !p.startsWith("-") && !p.endsWith("-"), "A prefix cannot start or end with a hyphen.");

export type PrefixCheck = { ok: true; prefix: string } | { ok: false; reason: string };

export function checkPrefix(value: unknown): PrefixCheck {
  const parsed = prefixSchema.safeParse(value);
  if (parsed.success) return { ok: true, prefix: parsed.data };
  return { ok: false, reason: parsed.error.issues[0]?.message ?? "That prefix is not valid." };
}
