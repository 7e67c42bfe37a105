/**
 * A Connection says where the workbook's AWS calls go and with which credentials; Settings add the
 * region and the student prefix. Settings hold no secret: pasted keys live in the key vault
 * (server memory) and Settings only carry the vault entry's id.
 */
import { z } from "zod";
import { checkEndpoint } from "./endpoint-policy";
import { DEFAULT_PREFIX, prefixSchema } from "./prefix";
import { DEFAULT_REGION, regionSchema } from "./regions";

export type ConnectionMode = "embedded" | "endpoint" | "aws";
export type AwsCredentialSource = "chain" | "profile" | "keys";

export type Connection =
  | { mode: "embedded" }
  | { mode: "endpoint"; endpoint: string }
  | { mode: "aws"; source: "chain" }
  | { mode: "aws"; source: "profile"; profile: string }
  | { mode: "aws"; source: "keys"; keysId: string };

export interface Settings {
  connection: Connection;
  region: string;
  prefix: string;
}

export const DEFAULT_SETTINGS: Settings = {
  connection: { mode: "embedded" },
  region: DEFAULT_REGION,
  prefix: DEFAULT_PREFIX,
};

/** Profile names as the AWS CLI allows them in ~/.aws/config. */
export const profileNameSchema = z
  .string()
  .trim()
  .min(1, "Pick a profile.")
  .max(128)
  .regex(/^[A-Za-z0-9_.@+=,-]+$/, "A profile name has letters, digits and _ . @ + = , - only.");

const endpointSchema = z.string().transform((value, ctx) => {
  const checked = checkEndpoint(value);
  if (!checked.ok) {
    ctx.addIssue({ code: "custom", message: checked.reason });
    return z.NEVER;
  }
  return checked.endpoint;
});

export const connectionSchema: z.ZodType<Connection> = z.union([
  z.object({ mode: z.literal("embedded") }),
  z.object({ mode: z.literal("endpoint"), endpoint: endpointSchema }),
  z.object({ mode: z.literal("aws"), source: z.literal("chain") }),
  z.object({ mode: z.literal("aws"), source: z.literal("profile"), profile: profileNameSchema }),
  z.object({ mode: z.literal("aws"), source: z.literal("keys"), keysId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }),
]);

export const settingsSchema: z.ZodType<Settings> = z.object({
  connection: connectionSchema,
  region: regionSchema,
  prefix: prefixSchema,
});

/** A short human label: "Local cloud", "Endpoint 127.0.0.1:4566", "AWS · profile dev". */
export function connectionLabel(connection: Connection): string {
  switch (connection.mode) {
    case "embedded":
      return "Local cloud";
    case "endpoint":
      return `Endpoint ${new URL(connection.endpoint).host}`;
    case "aws":
      if (connection.source === "chain") return "AWS · default credentials";
      if (connection.source === "profile") return `AWS · profile ${connection.profile}`;
      return "AWS · pasted keys";
  }
}

/** A stable key for caches that belong to one connection and region (no secret in it). */
export function connectionKey(connection: Connection, region: string): string {
  switch (connection.mode) {
    case "embedded":
      return `embedded|${region}`;
    case "endpoint":
      return `endpoint|${connection.endpoint}|${region}`;
    case "aws":
      if (connection.source === "chain") return `aws-chain|${region}`;
      if (connection.source === "profile") return `aws-profile|${connection.profile}|${region}`;
      return `aws-keys|${connection.keysId}|${region}`;
  }
}
