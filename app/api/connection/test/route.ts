import { z } from "zod";
import { awsClients } from "@/lib/aws/clients";
import { rememberTest } from "@/lib/aws/connection-status";
import { summarizeConnection } from "@/lib/aws/connection-summary";
import { translateAwsError } from "@/lib/aws/errors";
import { testConnection, type ConnectionTest } from "@/lib/aws/identity";
import { json } from "@/lib/api/responses";
import { mutation } from "@/lib/api/route";

export const POST = mutation({ body: z.object({}).strict() }, async ({ settings, request }) => {
  let test: ConnectionTest;
  let key: string | undefined;
  try {
    const clients = awsClients(settings.connection, settings.region);
    key = clients.connection.key;
    test = await testConnection(clients, request.signal);
  } catch (error) {
    test = { ok: false, error: translateAwsError(error, { region: settings.region }), elapsedMs: 0 };
  }
  if (key) rememberTest(key, test);
  if (!test.ok) console.warn(`[api] connection test failed: ${test.error.code} (${test.error.family})`);
  return json({ test, summary: await summarizeConnection(settings) });
});
