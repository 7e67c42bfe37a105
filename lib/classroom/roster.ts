/**
 * Who may join a class: a list of usernames, or a numbered range as the lab write-ups hand them
 * out ("user1..user30"). A username becomes the student's prefix, so it follows the prefix rules.
 */
import { z } from "zod";
import { prefixSchema } from "@/lib/aws/prefix";

export const MAX_ROSTER = 500;

export type Roster = { kind: "range"; stem: string; from: number; to: number } | { kind: "list"; usernames: string[] };

export const rosterSchema: z.ZodType<Roster> = z.union([
  z.object({ kind: z.literal("range"), stem: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/), from: z.number().int().min(0), to: z.number().int().min(0) }),
  z.object({ kind: z.literal("list"), usernames: z.array(prefixSchema).min(1).max(MAX_ROSTER) }),
]);

export type RosterParse = { ok: true; roster: Roster } | { ok: false; reason: string };

const RANGE = /^(?:any\s+)?([a-z][a-z0-9-]{0,15}?)(\d{1,4})\s*(?:\.\.|…|-|to)\s*(?:([a-z][a-z0-9-]{0,15}?))?(\d{1,4})$/;

/**
 * Reads what the instructor typed: "user1..user30" (also "any user1..userN", "user1-user30",
 * "user1 to user30") or usernames separated by commas, spaces or lines.
 */
export function parseRoster(text: string): RosterParse {
  const trimmed = text.trim().toLowerCase();
  if (!trimmed) return { ok: false, reason: "Enter the usernames, or a range such as user1..user30." };
  const range = RANGE.exec(trimmed);
  if (range && (range[3] === undefined || range[3] === range[1])) {
    const [, stem, fromText, , toText] = range;
    const from = Number(fromText);
    const to = Number(toText);
    if (to < from) return { ok: false, reason: `The range ends (${to}) before it starts (${from}).` };
    if (to - from + 1 > MAX_ROSTER) return { ok: false, reason: `A class has at most ${MAX_ROSTER} students.` };
    const longest = `${stem}${to}`;
    const checked = prefixSchema.safeParse(longest);
    if (!checked.success) return { ok: false, reason: `${longest}: ${checked.error.issues[0]?.message}` };
    return { ok: true, roster: { kind: "range", stem, from, to } };
  }
  const usernames = [...new Set(trimmed.split(/[\s,;]+/).filter(Boolean))];
  if (usernames.length > MAX_ROSTER) return { ok: false, reason: `A class has at most ${MAX_ROSTER} students.` };
  for (const username of usernames) {
    const checked = prefixSchema.safeParse(username);
    if (!checked.success) return { ok: false, reason: `${username.slice(0, 40)}: ${checked.error.issues[0]?.message}` };
  }
  const overlap = overlappingUsernames(usernames);
  if (overlap) {
    const [short, long] = overlap;
    return {
      ok: false,
      reason: `${short} and ${long} cannot be in one class: ${long}'s resources (${long}-Orders) are also named like ${short}'s (${short}-…), so ${short} would see, pay for and clean up ${long}'s, and on AWS the policy's ${short}-* names cover them too. Rename one (${long.replace(/-/g, "")}, say).`,
    };
  }
  return { ok: true, roster: { kind: "list", usernames } };
}

/**
 * Two usernames where one followed by "-" starts the other ("ann" and "ann-b"): every name of the
 * longer one's resources (`ann-b-Orders`) is also a name under the shorter one's prefix. A range
 * never has such a pair (its usernames are the stem and digits only).
 */
export function overlappingUsernames(usernames: readonly string[]): [string, string] | null {
  const sorted = [...usernames].sort();
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].startsWith(sorted[i]); j++) {
      if (sorted[j].startsWith(`${sorted[i]}-`)) return [sorted[i], sorted[j]];
    }
  }
  return null;
}

export function rosterUsernames(roster: Roster): string[] {
  if (roster.kind === "list") return [...roster.usernames];
  const names: string[] = [];
  for (let n = roster.from; n <= roster.to; n++) names.push(`${roster.stem}${n}`);
  return names;
}

export function onRoster(roster: Roster, username: string): boolean {
  if (roster.kind === "list") return roster.usernames.includes(username);
  if (!username.startsWith(roster.stem)) return false;
  const digits = username.slice(roster.stem.length);
  if (!/^(0|[1-9]\d*)$/.test(digits)) return false;
  const n = Number(digits);
  return n >= roster.from && n <= roster.to;
}

export function describeRoster(roster: Roster): string {
  if (roster.kind === "range") return `${roster.stem}${roster.from}..${roster.stem}${roster.to} (${roster.to - roster.from + 1} students)`;
  return `${roster.usernames.length} student${roster.usernames.length === 1 ? "" : "s"}: ${roster.usernames.slice(0, 6).join(", ")}${roster.usernames.length > 6 ? "…" : ""}`;
}

/** Natural order: user2 before user10. */
export function compareUsernames(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
