/** For pages: whether this browser holds an instructor session. */
import { cookies } from "next/headers";
import { INSTRUCTOR_COOKIE, isInstructorSession } from "./instructor-session";

export async function isCurrentInstructor(): Promise<boolean> {
  return isInstructorSession((await cookies()).get(INSTRUCTOR_COOKIE)?.value);
}
