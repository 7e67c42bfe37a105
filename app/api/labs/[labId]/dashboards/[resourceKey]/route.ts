import { answerDashboardRequest } from "@/lib/lab-framework/inspect/dashboard/dashboard-route";
import { findLabTarget } from "@/lib/api/lab-target";
import { labs } from "@/labs/registry";
import { query } from "@/lib/api/route";

/** One of the lab's CloudWatch dashboards: its widgets, with the data of each metric widget. */
export const GET = query<{ labId: string; resourceKey: string }>(async ({ params, settings, request }) => {
  const found = findLabTarget(labs, params.labId);
  if (!found.ok) return found.response;
  return answerDashboardRequest(request, found.value.lab, params.resourceKey, settings);
});
