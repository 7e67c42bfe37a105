import { z } from "zod";
import { json } from "@/lib/api/responses";
import { cookieFrom } from "@/lib/aws/settings-cookie";
import { classroomMutation } from "@/lib/classroom/classroom-routes";
import { classStore } from "@/lib/classroom/class-store";
import { CLASS_SESSION_COOKIE, clearedStudentSessionCookie, isHttps, readStudentSession } from "@/lib/classroom/student-session";

/** Whether a class is running here, and who this browser is in it. Never the class's connection. */
export async function GET(request: Request): Promise<Response> {
  const session = readStudentSession(cookieFrom(request, CLASS_SESSION_COOKIE));
  return json({
    classroom: classStore().active,
    session: session ? { classId: session.record.id, className: session.record.name, username: session.username, joinedAt: session.seat.joinedAt } : null,
  });
}

/** Leaves the class: the seat is free again and this browser's session cookie is cleared. */
export const DELETE = classroomMutation({ body: z.object({}).strict(), who: "anyone" }, async ({ request }) => {
  const session = readStudentSession(cookieFrom(request, CLASS_SESSION_COOKIE));
  if (session) classStore().releaseSeat(session.record.id, session.username);
  return json({ left: Boolean(session) }, { headers: { "set-cookie": clearedStudentSessionCookie(isHttps(request)) } });
});
