/**
 * The settings of the request a server component renders, read from the settings cookie.
 */
import { cookies } from "next/headers";
import type { Settings } from "./connection";
import { decodeSettings, SETTINGS_COOKIE, THEME_COOKIE } from "./settings-cookie";

export async function currentSettings(): Promise<Settings> {
  const store = await cookies();
  return decodeSettings(store.get(SETTINGS_COOKIE)?.value);
}

export async function currentTheme(): Promise<"system" | "light" | "dark"> {
  const value = (await cookies()).get(THEME_COOKIE)?.value;
  return value === "light" || value === "dark" ? value : "system";
}
