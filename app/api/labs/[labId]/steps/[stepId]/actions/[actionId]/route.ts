import { z } from "zod";
import { createLabContext } from "@/lib/lab-framework/context";
import { runCheck, type CheckRun } from "@/lib/progress/check-runner";
import { findActionTarget } from "@/lib/api/lab-target";
import { labs } from "@/labs/registry";
import { awsFailure, badRequest, json } from "@/lib/api/responses";
import { mutation } from "@/lib/api/route";
import { invalidate } from "@/lib/live/coalesce";

const plainValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);
const actionInput = z
  .object({ params: z.record(z.string().max(64), z.union([plainValue, z.array(plainValue).max(100)])).default({}) })
  .strict();

export const POST = mutation<typeof actionInput, { labId: string; stepId: string; actionId: string }>(
  { body: actionInput },
  async ({ params, body, settings, request }) => {
    const found = findActionTarget(labs, params.labId, params.stepId, params.actionId);
    if (!found.ok) return found.response;
    const { lab, step, action } = found.value;
    const parsed = action.params.safeParse(body.params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".") || undefined;
      return badRequest(`${field ? `${field}: ` : ""}${issue?.message ?? "invalid value"}`, "Correct the value and try again.", field ? `params.${field}` : undefined, "ValidationFailed");
    }
    try {
      const context = await createLabContext(lab, settings, request.signal);
      const outcome = await action.run(context, parsed.data);
      let check: CheckRun | undefined;
      if (action.checkAfter) check = await runCheck(lab, step, context);
      invalidate(`lab|${lab.id}|`);
      return json({ outcome, check });
    } catch (error) {
      invalidate(`lab|${lab.id}|`);
      return awsFailure(error, `action ${lab.id}/${step.id}/${action.id}`, { region: settings.region });
    }
  },
);
