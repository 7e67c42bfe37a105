import { z } from "zod";
import { advanceClock, ClockUnavailableError, readClock } from "@/lib/aws/capabilities";
import { resolveConnection } from "@/lib/aws/client-config";
import { invalidate } from "@/lib/live/coalesce";
import { errorResponse, json } from "@/lib/api/responses";
import { mutation, query } from "@/lib/api/route";
import { clockSharedByClass, requestClassroom } from "@/lib/classroom/request-classroom";

const WEEK_SECONDS = 7 * 24 * 3600;

export const GET = query(async ({ settings }) => {
  return json({ clock: await readClock(resolveConnection(settings.connection, settings.region)) });
});

export const POST = mutation(
  { body: z.object({ advanceSeconds: z.number().int().min(1).max(WEEK_SECONDS) }).strict() },
  async ({ body, settings, request }) => {
    const classroom = requestClassroom(request);
    if (classroom.active && !classroom.session?.record.allowFastForward) return clockSharedByClass();
    try {
      const clock = await advanceClock(resolveConnection(settings.connection, settings.region), body.advanceSeconds);
      invalidate("");
      return json({ clock });
    } catch (error) {
      if (error instanceof ClockUnavailableError) {
        return errorResponse(409, {
          code: "ClockUnavailable",
          family: "unsupported",
          message: error.message,
          action: "Wait in real time, or switch to the local cloud in Settings.",
          retryable: false,
        });
      }
      throw error;
    }
  },
);
