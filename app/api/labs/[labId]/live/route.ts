import { awsClients } from "@/lib/aws/clients";
import { readClock } from "@/lib/aws/capabilities";
import { translateAwsError } from "@/lib/aws/errors";
import { createLabContext } from "@/lib/lab-framework/context";
import { describeResources } from "@/lib/lab-framework/describe-resources";
import type { LabLiveSnapshot } from "@/lib/lab-framework/live-snapshot";
import { progressStoreFor } from "@/lib/progress/progress-store";
import type { StepRecord } from "@/lib/progress/types";
import { findLabTarget } from "@/lib/api/lab-target";
import { labs } from "@/labs/registry";
import { awsFailure } from "@/lib/api/responses";
import { query } from "@/lib/api/route";
import { coalesce } from "@/lib/live/coalesce";
import { snapshotResponse } from "@/lib/live/snapshot-response";

/** Snapshots are shared for a second between identical requests (several tabs, a class). */
const SHARE_MS = 1000;

export const GET = query<{ labId: string }>(async ({ params, settings, request }) => {
  const found = findLabTarget(labs, params.labId);
  if (!found.ok) return found.response;
  const { lab } = found.value;
  try {
    const clients = awsClients(settings.connection, settings.region);
    const key = `lab|${lab.id}|${clients.connection.key}|${settings.prefix}`;
    const snapshot = await coalesce(key, SHARE_MS, async (): Promise<LabLiveSnapshot> => {
      const context = await createLabContext(lab, settings, AbortSignal.timeout(20_000));
      const store = progressStoreFor(clients);
      const [resources, custom, progress, clock] = await Promise.all([
        describeResources(context, lab.resources),
        lab.live ? lab.live(context) : Promise.resolve({}),
        store.forStudent(settings.prefix, lab.id).then(
          (records) => ({ records, error: undefined }),
          (error: unknown) => ({ records: [] as StepRecord[], error: translateAwsError(error).message }),
        ),
        context.connection.capabilities.clock ? readClock(clients.connection).catch(() => null) : Promise.resolve(null),
      ]);
      return {
        resources,
        lab: custom,
        progress: progress.records,
        progressNotice: store.notice,
        progressError: progress.error,
        clock: clock ? { offsetSeconds: clock.offsetSeconds } : null,
      };
    });
    return snapshotResponse(request, snapshot);
  } catch (error) {
    return awsFailure(error, `live ${lab.id}`, { region: settings.region });
  }
});
