import { describe, expect, it } from "vitest";
import { checkPrefix, PREFIX_MAX_LENGTH } from "./prefix";

describe("student prefix", () => {
  it.each(["user3", "a", "team-7", "x".repeat(PREFIX_MAX_LENGTH), "0day"])("accepts %s", (prefix) => {
    expect(checkPrefix(prefix)).toEqual({ ok: true, prefix });
  });

  it("trims surrounding spaces", () => {
    expect(checkPrefix("  user3 ")).toEqual({ ok: true, prefix: "user3" });
  });

  it.each([
    ["", /enter a prefix/i],
    ["x".repeat(PREFIX_MAX_LENGTH + 1), /at most 20/],
    ["User3", /lowercase/],
    ["user_3", /lowercase letters, digits and hyphens/],
    ["user 3", /lowercase letters, digits and hyphens/],
    ["-user", /start or end with a hyphen/],
    ["user-", /start or end with a hyphen/],
    ["user3.fifo", /lowercase letters, digits and hyphens/],
    ["arn:aws:sqs", /lowercase letters, digits and hyphens/],
  ])("refuses %j with a reason", (prefix, reason) => {
    const checked = checkPrefix(prefix);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toMatch(reason);
  });

  it("refuses what is not a string", () => {
    expect(checkPrefix(42).ok).toBe(false);
    expect(checkPrefix(undefined).ok).toBe(false);
  });
});
