/** For pages: this browser's place in a class (the student's session), or null outside classroom mode or before joining. */
import { cookies } from "next/headers";
import { classStore } from "./class-store";
import { CLASS_SESSION_COOKIE, readStudentSession } from "./student-session";

export interface ClassroomPlace {
  classId: string;
  className: string;
  username: string;
  joinedAt: string;
  region: string;
}

export async function currentClassroom(): Promise<ClassroomPlace | null> {
  if (!classStore().active) return null;
  const session = readStudentSession((await cookies()).get(CLASS_SESSION_COOKIE)?.value);
  if (!session) return null;
  return { classId: session.record.id, className: session.record.name, username: session.username, joinedAt: session.seat.joinedAt, region: session.record.region };
}
