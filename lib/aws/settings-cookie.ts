/**
 * The browser keeps its settings (connection, region, prefix) in one http-only cookie. Nothing in
 * it is secret (pasted keys stay in the server's key vault), and everything in it is validated
 * again on every read, exactly as the settings route validates it, so an edited cookie can do no
 * more than the settings page could. In classroom mode (lib/classroom) the class decides instead.
 */
import { classroomRequestSettings } from "@/lib/classroom/class-settings";
import { CLASS_SESSION_COOKIE } from "@/lib/classroom/student-session";
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from "./connection";

export const SETTINGS_COOKIE = "ml_settings";
export const THEME_COOKIE = "ml_theme";

export const settingsCookieOptions = {
  httpOnly: true,
  sameSite: "lax" as const,
  path: "/",
  maxAge: 365 * 24 * 3600,
};

export function encodeSettings(settings: Settings): string {
  return Buffer.from(JSON.stringify(settings), "utf8").toString("base64url");
}

export function decodeSettings(value: string | undefined | null): Settings {
  if (!value) return DEFAULT_SETTINGS;
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** Reads one cookie from a request's Cookie header. */
export function cookieFrom(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The settings a route runs with. In classroom mode (a class is open) they come from the student's
 * session and the class, whatever this cookie says, and a browser that has not joined is refused
 * (a ClassroomAccessError, which the route wrappers answer). Otherwise: the settings cookie.
 */
export function settingsFromRequest(request: Request): Settings {
  return classroomRequestSettings(cookieFrom(request, CLASS_SESSION_COOKIE)) ?? decodeSettings(cookieFrom(request, SETTINGS_COOKIE));
}

export function settingsCookieHeader(settings: Settings): string {
  const o = settingsCookieOptions;
  return `${SETTINGS_COOKIE}=${encodeSettings(settings)}; Path=${o.path}; Max-Age=${o.maxAge}; HttpOnly; SameSite=Lax`;
}
