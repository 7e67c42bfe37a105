import { answerStreamRequest } from "@/lib/lab-framework/inspect/stream/stream-route";
import { findLabTarget } from "@/lib/api/lab-target";
import { labs } from "@/labs/registry";
import { query } from "@/lib/api/route";

/** A lab's Kinesis stream (shards, hash key ranges, records) or table stream (records with keys and images). */
export const GET = query<{ labId: string; resourceKey: string }>(async ({ params, settings, request }) => {
  const found = findLabTarget(labs, params.labId);
  if (!found.ok) return found.response;
  return answerStreamRequest(request, found.value.lab, params.resourceKey, settings);
});
