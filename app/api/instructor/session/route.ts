import { z } from "zod";
import { badRequest, errorResponse, json } from "@/lib/api/responses";
import { cookieFrom } from "@/lib/aws/settings-cookie";
import { classroomMutation, isInstructor } from "@/lib/classroom/classroom-routes";
import { isInstructorSecret } from "@/lib/classroom/instructor-secret";
import { clearedInstructorCookie, endInstructorSession, INSTRUCTOR_COOKIE, instructorCookie, startInstructorSession } from "@/lib/classroom/instructor-session";
import { clientKey, limiters } from "@/lib/classroom/rate-limit";
import { tooManyAttempts } from "@/lib/classroom/responses";
import { isHttps } from "@/lib/classroom/student-session";

export async function GET(request: Request): Promise<Response> {
  return json({ signedIn: isInstructor(request) });
}

/** Signs the instructor in with the secret; wrong secrets are counted per client and refused past the limit. */
export const POST = classroomMutation(
  { body: z.object({ secret: z.string().max(512) }).strict(), who: "anyone" },
  async ({ request, body }) => {
    const client = clientKey(request);
    const limiter = limiters().instructor;
    const verdict = limiter.check(client);
    if (!verdict.allowed) return tooManyAttempts(verdict, "instructor secrets");
    if (!body.secret) return badRequest("Enter the instructor secret.", "It is in INSTRUCTOR_SECRET, or printed in the server's log when it started.", "secret");
    if (!isInstructorSecret(body.secret)) {
      limiter.fail(client);
      return errorResponse(401, {
        code: "WrongInstructorSecret",
        message: "That is not the instructor secret.",
        action: "Use the value of INSTRUCTOR_SECRET, or the secret the server printed when it started.",
        field: "secret",
        retryable: false,
      });
    }
    limiter.succeed(client);
    return json({ signedIn: true }, { headers: { "set-cookie": instructorCookie(startInstructorSession(), isHttps(request)) } });
  },
);

export const DELETE = classroomMutation({ body: z.object({}).strict(), who: "anyone" }, async ({ request }) => {
  endInstructorSession(cookieFrom(request, INSTRUCTOR_COOKIE));
  return json({ signedIn: false }, { headers: { "set-cookie": clearedInstructorCookie(isHttps(request)) } });
});
