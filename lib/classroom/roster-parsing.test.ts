import { describe, expect, it } from "vitest";
import { describeRoster, onRoster, parseRoster, rosterUsernames } from "./roster";

describe("reading a class list", () => {
  it("reads a numbered range in the forms instructors type", () => {
    for (const text of ["user1..user30", "any user1..userN".replace("N", "30"), "user1-user30", "user1 to user30", "User1..30"]) {
      const parsed = parseRoster(text);
      expect(parsed, text).toEqual({ ok: true, roster: { kind: "range", stem: "user", from: 1, to: 30 } });
    }
    const parsed = parseRoster("user1..user30");
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(rosterUsernames(parsed.roster)).toHaveLength(30);
    expect(onRoster(parsed.roster, "user30")).toBe(true);
    expect(onRoster(parsed.roster, "user31")).toBe(false);
    expect(onRoster(parsed.roster, "user01")).toBe(false);
    expect(onRoster(parsed.roster, "userx")).toBe(false);
    expect(describeRoster(parsed.roster)).toBe("user1..user30 (30 students)");
  });

  it("reads a list of usernames separated by commas, spaces or lines, without duplicates", () => {
    const parsed = parseRoster("alice, bob\ncarol  bob");
    expect(parsed).toEqual({ ok: true, roster: { kind: "list", usernames: ["alice", "bob", "carol"] } });
    if (!parsed.ok) return;
    expect(onRoster(parsed.roster, "carol")).toBe(true);
    expect(onRoster(parsed.roster, "dave")).toBe(false);
  });

  it("refuses usernames that cannot be prefixes, backwards ranges and huge classes", () => {
    expect(parseRoster("")).toMatchObject({ ok: false });
    expect(parseRoster("alice, Bob_Smith")).toMatchObject({ ok: false, reason: expect.stringContaining("bob_smith") });
    expect(parseRoster("user9..user3")).toMatchObject({ ok: false, reason: expect.stringContaining("before it starts") });
    expect(parseRoster("user1..user900")).toMatchObject({ ok: false, reason: expect.stringContaining("at most 500") });
    expect(parseRoster("averyveryverylongname1..averyveryverylongname9")).toMatchObject({ ok: false });
  });
});
