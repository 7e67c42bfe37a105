/**
 * The server side of `GET /api/labs/<labId>/dashboards/<resourceKey>?minutes=`: the browser names
 * one of the lab's `cloudwatch-dashboard` resources by its key; the name comes from the prefix.
 */
import { createLabContext } from "@/lib/lab-framework/context";
import type { AnyLab } from "@/lib/lab-framework/types";
import { awsClients } from "@/lib/aws/clients";
import type { Settings } from "@/lib/aws/connection";
import { awsFailure, badRequest, notFound } from "@/lib/api/responses";
import { coalesce } from "@/lib/live/coalesce";
import { snapshotResponse } from "@/lib/live/snapshot-response";
import { DASHBOARD_MINUTES, readDashboard } from "./read-dashboard";

const SHARE_MS = 2000;

export async function answerDashboardRequest(request: Request, lab: AnyLab, resourceKey: string, settings: Settings): Promise<Response> {
  const spec = Object.hasOwn(lab.resources, resourceKey) ? lab.resources[resourceKey] : undefined;
  if (spec?.kind !== "cloudwatch-dashboard") return notFound(`The lab ${lab.title} has no dashboard called ${resourceKey.slice(0, 60)}.`);
  const text = new URL(request.url).searchParams.get("minutes");
  const minutes = text === null ? DASHBOARD_MINUTES.default : Number(text);
  if (!Number.isInteger(minutes) || minutes < DASHBOARD_MINUTES.min || minutes > DASHBOARD_MINUTES.max) {
    return badRequest(`minutes must be a whole number from ${DASHBOARD_MINUTES.min} to ${DASHBOARD_MINUTES.max}.`, "Pick one of the offered time ranges.", "minutes");
  }
  try {
    const clients = awsClients(settings.connection, settings.region);
    const view = await coalesce(`dashboard|${lab.id}|${clients.connection.key}|${settings.prefix}|${resourceKey}|${minutes}`, SHARE_MS, async () => {
      const context = await createLabContext(lab, settings, AbortSignal.timeout(20_000));
      return readDashboard(context, context.names[resourceKey], minutes);
    });
    return snapshotResponse(request, view);
  } catch (error) {
    return awsFailure(error, `dashboard ${lab.id}/${resourceKey}`, { region: settings.region });
  }
}
