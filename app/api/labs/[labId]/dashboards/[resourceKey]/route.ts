import { answerDashboardRequest } from "@/components/dashboard/dashboard-route";
import { findLabTarget } from "@/lib/api/lab-target";
import { query } from "@/lib/api/route";

/** One of the lab's CloudWatch dashboards: its widgets, with the data of each metric widget. */
export const GET = query<{ labId: string; resourceKey: string }>(async ({ params, settings, request }) => {
  const found = findLabTarget(params.labId);
  if (!found.ok) return found.response;
  return answerDashboardRequest(request, found.value.lab, params.resourceKey, settings);
});
