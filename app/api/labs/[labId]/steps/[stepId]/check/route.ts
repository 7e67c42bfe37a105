import { z } from "zod";
import { createLabContext } from "@/lib/lab-framework/context";
import { runCheck } from "@/lib/progress/check-runner";
import { findStepTarget } from "@/lib/api/lab-target";
import { labs } from "@/labs/registry";
import { awsFailure, json } from "@/lib/api/responses";
import { mutation } from "@/lib/api/route";
import { invalidate } from "@/lib/live/coalesce";

const noBody = z.object({}).strict();

export const POST = mutation<typeof noBody, { labId: string; stepId: string }>(
  { body: noBody },
  async ({ params, settings, request }) => {
    const found = findStepTarget(labs, params.labId, params.stepId);
    if (!found.ok) return found.response;
    const { lab, step } = found.value;
    try {
      const context = await createLabContext(lab, settings, request.signal);
      const run = await runCheck(lab, step, context);
      invalidate(`lab|${lab.id}|`);
      return json(run);
    } catch (error) {
      return awsFailure(error, `check ${lab.id}/${step.id}`, { region: settings.region });
    }
  },
);
