import { awsClients } from "@/lib/aws/clients";
import { labs } from "@/labs/registry";
import { isDone } from "@/lib/progress/types";
import { progressStoreFor } from "@/lib/progress/progress-store";
import { awsFailure, json } from "@/lib/api/responses";
import { query } from "@/lib/api/route";

/** The student's progress per lab, for the catalogue: steps done out of steps. */
export const GET = query(async ({ settings }) => {
  try {
    const store = progressStoreFor(awsClients(settings.connection, settings.region));
    const records = await store.forStudent(settings.prefix);
    const perLab = labs.map((lab) => {
      const stepIds = new Set(lab.steps.map((s) => s.id));
      const done = records.filter((r) => r.labId === lab.id && stepIds.has(r.stepId) && isDone(r)).length;
      return { labId: lab.id, done, total: lab.steps.length };
    });
    return json({ labs: perLab, notice: store.notice });
  } catch (error) {
    return awsFailure(error, "progress", { region: settings.region });
  }
});
