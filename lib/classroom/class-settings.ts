/**
 * What classroom mode changes in the settings layer. In classroom mode a request's settings come
 * from its student session and the class: the class's connection and region, the student's
 * username as the prefix, whatever the browser's own settings cookie says. A browser without a
 * session is refused (routes) or sent to the Join page (pages). With no class open, nothing here
 * applies and the browser's settings are used as always.
 */
import type { Settings } from "@/lib/aws/connection";
import { readKeys } from "@/lib/aws/key-vault";
import { ClassroomAccessError, joinFirst } from "./classroom-access-error";
import type { ClassRecord } from "./class-record";
import { classStore } from "./class-store";
import { readStudentSession } from "./student-session";

export function studentSettings(record: Pick<ClassRecord, "connection" | "region">, username: string): Settings {
  return { connection: record.connection, region: record.region, prefix: username };
}

/** Why the class's connection cannot be used right now, in words for a student; null when it can. */
export function classConnectionProblem(record: ClassRecord): string | null {
  const { connection } = record;
  if (connection.mode === "aws" && connection.source === "keys" && !readKeys(connection.keysId)) {
    return "The class's AWS keys are no longer in the server's memory (the server restarted), so nothing can run until your instructor enters them again.";
  }
  return null;
}

/**
 * For route handlers: null outside classroom mode; the student's settings in it; throws a
 * ClassroomAccessError for a browser that has not joined, or while the class cannot connect.
 */
export function classroomRequestSettings(sessionToken: string | undefined): Settings | null {
  const store = classStore();
  if (!store.active) return null;
  const session = readStudentSession(sessionToken);
  if (!session) throw joinFirst();
  const problem = classConnectionProblem(session.record);
  if (problem) throw new ClassroomAccessError(503, "ClassConnectionUnavailable", problem, "Tell your instructor; your work so far is safe.");
  store.noteSeen(session.record.id, session.username);
  return studentSettings(session.record, session.username);
}

export type PageClassroom =
  | { mode: "single-user" }
  | { mode: "student"; settings: Settings; record: ClassRecord; username: string }
  | { mode: "visitor"; settings: Settings };

/** For pages: a visitor gets harmless settings to draw the header with (pages send them to Join). */
export function classroomPageState(sessionToken: string | undefined): PageClassroom {
  const store = classStore();
  if (!store.active) return { mode: "single-user" };
  const session = readStudentSession(sessionToken);
  if (session) return { mode: "student", settings: studentSettings(session.record, session.username), record: session.record, username: session.username };
  const [first] = store.open();
  return { mode: "visitor", settings: studentSettings(first, "guest") };
}
