/**
 * For the few workbook routes that behave differently in a class (settings, the shared clock):
 * the request's class, and refusals worded for a student.
 */
import { errorResponse } from "@/lib/api/responses";
import { cookieFrom } from "@/lib/aws/settings-cookie";
import { classStore } from "./class-store";
import { CLASS_SESSION_COOKIE, readStudentSession, type StudentSession } from "./student-session";

/** Null outside classroom mode; the student's session in it (routes have already refused visitors). */
export function requestClassroom(request: Request): { active: boolean; session: StudentSession | null } {
  if (!classStore().active) return { active: false, session: null };
  return { active: true, session: readStudentSession(cookieFrom(request, CLASS_SESSION_COOKIE)) };
}

export function settingsSetByClass(): Response {
  return errorResponse(403, {
    code: "SettingsSetByClass",
    message: "In a class, the connection, region and prefix are set by the class: your prefix is your username.",
    action: "Nothing to change here. To use other settings, leave the class (on the Join page).",
    retryable: false,
  });
}

export function clockSharedByClass(): Response {
  return errorResponse(409, {
    code: "ClockSharedByClass",
    family: "unsupported",
    message: "The whole class shares this cloud's clock, so fast-forwarding is off for students.",
    action: "Wait in real time, or ask your instructor to allow fast-forward for the class.",
    retryable: false,
  });
}
