import { z } from "zod";
import { prefixSchema } from "@/lib/aws/prefix";
import { badRequest, errorResponse, json } from "@/lib/api/responses";
import { cookieFrom } from "@/lib/aws/settings-cookie";
import { classroomMutation } from "@/lib/classroom/classroom-routes";
import { classStore } from "@/lib/classroom/class-store";
import { normalizeJoinCode } from "@/lib/classroom/join-code";
import { clientKey, limiters } from "@/lib/classroom/rate-limit";
import { tooManyAttempts } from "@/lib/classroom/responses";
import { CLASS_SESSION_COOKIE, isHttps, readStudentSession, studentSessionCookie, studentSessionToken } from "@/lib/classroom/student-session";

const joinInput = z.object({ code: z.string().trim().min(1, "Enter the join code.").max(32), username: z.string().trim().max(64) }).strict();

/** A student joins: join code and username in, a signed session cookie bound to that username out. */
export const POST = classroomMutation({ body: joinInput, who: "anyone" }, async ({ request, body }) => {
  const client = clientKey(request);
  const limiter = limiters().join;
  const verdict = limiter.check(client);
  if (!verdict.allowed) return tooManyAttempts(verdict, "join codes");
  const store = classStore();
  const record = store.byJoinCode(normalizeJoinCode(body.code));
  if (!record) {
    limiter.fail(client);
    return badRequest("That join code is not the code of a class running on this workbook.", "Check the code your instructor gave you (letters and digits; dashes do not matter).", "code", "UnknownJoinCode");
  }
  const username = prefixSchema.safeParse(body.username.toLowerCase());
  if (!username.success) return badRequest(username.error.issues[0]?.message ?? "That username is not valid.", "Enter the username your instructor gave you, such as user3.", "username");

  const current = readStudentSession(cookieFrom(request, CLASS_SESSION_COOKIE));
  if (current && current.record.id === record.id && current.username === username.data) {
    return json({ class: { id: record.id, name: record.name }, username: username.data });
  }
  const claim = store.claimSeat(record.id, username.data);
  if (!claim.ok) {
    if (claim.reason === "not-on-roster") {
      return badRequest(`${username.data} is not on this class's list.`, "Check the username your instructor gave you.", "username", "NotOnRoster");
    }
    if (claim.reason === "taken") {
      return errorResponse(409, {
        code: "SeatTaken",
        message: `${username.data} has already joined this class from another browser.`,
        action: "If that was you, ask your instructor to release your seat, then join again. Otherwise, check your username.",
        field: "username",
        retryable: false,
      });
    }
    return badRequest("That class has ended.", "Ask your instructor for the current join code.", "code", "ClassEnded");
  }
  // Switching usernames in this browser gives the old seat back.
  if (current && current.record.id === record.id) store.releaseSeat(record.id, current.username);
  limiter.succeed(client);
  return json(
    { class: { id: record.id, name: record.name }, username: username.data },
    { headers: { "set-cookie": studentSessionCookie(studentSessionToken(record.id, username.data, claim.seat), isHttps(request)) } },
  );
});
