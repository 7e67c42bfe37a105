import { summarizeConnection } from "@/lib/aws/connection-summary";
import { snapshotResponse } from "@/lib/live/snapshot-response";
import { query } from "@/lib/api/route";

export const GET = query(async ({ settings, request }) => snapshotResponse(request, await summarizeConnection(settings)));
