/**
 * The settings of the request a server component renders, read from the settings cookie; in
 * classroom mode, from the student's session and the class (lib/classroom/class-settings.ts).
 */
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { classroomPageState } from "@/lib/classroom/class-settings";
import { CLASS_SESSION_COOKIE } from "@/lib/classroom/student-session";
import type { Settings } from "./connection";
import { decodeSettings, SETTINGS_COOKIE, THEME_COOKIE } from "./settings-cookie";

/**
 * In classroom mode a browser that has not joined the class is sent to the Join page, unless the
 * caller draws only the page's frame (`visitors: "allow"`, the root layout): it then gets settings
 * that name no student.
 */
export async function currentSettings(options: { visitors?: "join" | "allow" } = {}): Promise<Settings> {
  const store = await cookies();
  const classroom = classroomPageState(store.get(CLASS_SESSION_COOKIE)?.value);
  if (classroom.mode === "student") return classroom.settings;
  if (classroom.mode === "visitor") {
    if (options.visitors !== "allow") redirect("/join");
    return classroom.settings;
  }
  return decodeSettings(store.get(SETTINGS_COOKIE)?.value);
}

export async function currentTheme(): Promise<"system" | "light" | "dark"> {
  const value = (await cookies()).get(THEME_COOKIE)?.value;
  return value === "light" || value === "dark" ? value : "system";
}
