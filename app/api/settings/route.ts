import { z } from "zod";
import { profileNameSchema, type Connection, type Settings } from "@/lib/aws/connection";
import { summarizeConnection } from "@/lib/aws/connection-summary";
import { checkEndpoint } from "@/lib/aws/endpoint-policy";
import { forgetKeys, pastedKeysSchema, readKeys, storeKeys } from "@/lib/aws/key-vault";
import { prefixSchema } from "@/lib/aws/prefix";
import { publicSettings } from "@/lib/aws/public-settings";
import { regionSchema } from "@/lib/aws/regions";
import { settingsCookieHeader } from "@/lib/aws/settings-cookie";
import { badRequest, json } from "@/lib/api/responses";
import { mutation, query } from "@/lib/api/route";
import { requestClassroom, settingsSetByClass } from "@/lib/classroom/request-classroom";

const settingsInput = z
  .object({
    mode: z.enum(["embedded", "endpoint", "aws"]),
    endpoint: z.string().max(300).optional(),
    source: z.enum(["chain", "profile", "keys"]).optional(),
    profile: z.string().max(128).optional(),
    keys: pastedKeysSchema.optional(),
    region: regionSchema,
    prefix: prefixSchema,
  })
  .strict();

export const GET = query(async ({ settings }) => {
  return json({ settings: publicSettings(settings), summary: await summarizeConnection(settings) });
});

export const PUT = mutation({ body: settingsInput, allowUrlAt: ["endpoint"] }, async ({ body, settings: current, request }) => {
  // In a class the settings are the class's: a student may neither change nor reuse its connection.
  if (requestClassroom(request).active) return settingsSetByClass();
  const previousKeysId = current.connection.mode === "aws" && current.connection.source === "keys" ? current.connection.keysId : undefined;
  let connection: Connection;
  if (body.mode === "embedded") {
    connection = { mode: "embedded" };
  } else if (body.mode === "endpoint") {
    const checked = checkEndpoint(body.endpoint ?? "");
    if (!checked.ok) return badRequest(checked.reason, "Correct the endpoint URL.", "endpoint");
    connection = { mode: "endpoint", endpoint: checked.endpoint };
  } else if (body.source === "profile") {
    const profile = profileNameSchema.safeParse(body.profile ?? "");
    if (!profile.success) return badRequest(profile.error.issues[0].message, "Pick a profile from the list.", "profile");
    connection = { mode: "aws", source: "profile", profile: profile.data };
  } else if (body.source === "keys") {
    if (body.keys) {
      connection = { mode: "aws", source: "keys", keysId: storeKeys(body.keys, previousKeysId) };
    } else if (previousKeysId && readKeys(previousKeysId)) {
      connection = { mode: "aws", source: "keys", keysId: previousKeysId };
    } else {
      return badRequest("No keys are held for this browser.", "Paste an access key ID and secret access key (and a session token for temporary keys).", "keys.accessKeyId");
    }
  } else if (body.source === "chain") {
    connection = { mode: "aws", source: "chain" };
  } else {
    return badRequest("Choose how to find your AWS credentials.", "Pick default credentials, a profile or pasted keys.", "source");
  }
  if (previousKeysId && !(connection.mode === "aws" && connection.source === "keys" && connection.keysId === previousKeysId)) {
    forgetKeys(previousKeysId);
  }
  const settings: Settings = { connection, region: body.region, prefix: body.prefix };
  return json(
    { settings: publicSettings(settings), summary: await summarizeConnection(settings) },
    { headers: { "set-cookie": settingsCookieHeader(settings) } },
  );
});
