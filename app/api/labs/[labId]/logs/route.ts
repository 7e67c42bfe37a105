import { z } from "zod";
import { findLabTarget } from "@/lib/api/lab-target";
import { labs } from "@/labs/registry";
import { badRequest } from "@/lib/api/responses";
import { query } from "@/lib/api/route";
import { labRegistry, rememberStudent } from "@/lib/lab-framework/runtime/lab-runtime";
import { logEventStream } from "@/lib/lab-framework/runtime/log-stream";

export const dynamic = "force-dynamic";

const options = z.object({
  text: z.string().trim().max(200).optional(),
  trace: z.string().trim().max(200).optional(),
  after: z.coerce.number().int().min(0).optional(),
});

/** The student's live log of this lab, as server-sent events (`event: line`, `id:` its sequence number). */
export const GET = query<{ labId: string }>(async ({ params, settings, request }) => {
  const found = findLabTarget(labs, params.labId);
  if (!found.ok) return found.response;
  const url = new URL(request.url);
  const parsed = options.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return badRequest(`${issue?.path.join(".") ?? "query"}: ${issue?.message ?? "invalid"}`, "Use text, trace and after only.", issue?.path.join("."), "ValidationFailed");
  }
  const owner = { prefix: settings.prefix, labId: found.value.lab.id };
  await rememberStudent(owner, settings);
  const registry = await labRegistry();
  const lastEventId = Number(request.headers.get("last-event-id"));
  const afterSeq = Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : parsed.data.after;
  const stream = logEventStream(registry, owner, { text: parsed.data.text || undefined, traceId: parsed.data.trace || undefined, afterSeq }, request.signal);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
});
