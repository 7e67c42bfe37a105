import { describe, expect, it } from "vitest";
import { isAwsError } from "../core/errors";
import { compileFilterPattern } from "./filter-pattern";

function matching(pattern: string, messages: string[]): string[] {
  const matches = compileFilterPattern(pattern);
  return messages.filter(matches);
}

describe("filter patterns", () => {
  const lines = ["ERROR Exception in thread main", "ERROR timeout", "WARN disk 91%", "INFO started", "error lower case"];

  it("match every event when empty, all terms otherwise, case-sensitively", () => {
    expect(matching("", lines)).toEqual(lines);
    expect(matching("ERROR Exception", lines)).toEqual(["ERROR Exception in thread main"]);
    expect(matching("ERROR", lines)).toEqual(["ERROR Exception in thread main", "ERROR timeout"]);
  });

  it("take ?terms as alternatives, -terms as exclusions and quoted phrases whole", () => {
    expect(matching("?WARN ?INFO", lines)).toEqual(["WARN disk 91%", "INFO started"]);
    expect(matching("ERROR -timeout", lines)).toEqual(["ERROR Exception in thread main"]);
    expect(matching('"in thread main"', lines)).toEqual(["ERROR Exception in thread main"]);
    expect(matching('"thread ERROR"', lines)).toEqual([]);
    expect(matching("%[Ee]rror%", lines)).toEqual(["error lower case"]);
    expect(matching("%^ERROR [a-z]+$%", lines)).toEqual(["ERROR timeout"]);
  });

  it("select JSON fields with =, !=, numeric comparisons, wildcards, && and ||", () => {
    const events = [
      JSON.stringify({ level: "ERROR", count: 7, user: { id: "u-1" }, items: ["a", "b"] }),
      JSON.stringify({ level: "INFO", count: 2, user: { id: "u-2" } }),
      JSON.stringify({ level: "ERROR", count: 3, retry: true }),
      "2026-12-08T01:00:00.000Z\tc0ffee\tINFO\t" + JSON.stringify({ level: "WARN", count: 9 }),
      "not json at all",
    ];
    expect(matching('{ $.level = "ERROR" }', events)).toEqual([events[0], events[2]]);
    expect(matching("{ $.count > 5 }", events)).toEqual([events[0], events[3]]);
    expect(matching('{ ($.level = "ERROR") && ($.count <= 3) }', events)).toEqual([events[2]]);
    expect(matching('{ $.level = "WARN" || $.user.id = "u-2" }', events)).toEqual([events[1], events[3]]);
    expect(matching('{ $.user.id = "u-*" }', events)).toEqual([events[0], events[1]]);
    expect(matching('{ $.items[1] = "b" }', events)).toEqual([events[0]]);
    expect(matching("{ $.retry IS TRUE }", events)).toEqual([events[2]]);
    expect(matching("{ $.user NOT EXISTS }", events)).toEqual([events[2], events[3]]);
    expect(matching('{ $.level != "ERROR" }', events)).toEqual([events[1], events[3]]);
  });

  it("match space-delimited fields by name, value and wildcard, with one ellipsis", () => {
    const access = ['127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534', '10.0.0.2 - ana [10/Oct/2000:13:26:00 -0700] "GET /a.png HTTP/1.0" 200 2000'];
    expect(matching("[ip, identity, user, timestamp, request, status = 4*, bytes]", access)).toEqual([access[0]]);
    expect(matching("[ip, identity, user = ana, ...]", access)).toEqual([access[1]]);
    expect(matching("[..., status, bytes > 1600]", access)).toEqual([access[1]]);
    expect(matching('[ip, identity, user, timestamp, request = "*html*", status, bytes]', access)).toEqual([access[0]]);
  });

  it("refuse a pattern they cannot read, as AWS says", () => {
    const failure = (pattern: string) => {
      try {
        compileFilterPattern(pattern);
      } catch (error) {
        if (isAwsError(error)) return `${error.code}: ${error.message}`;
      }
      return "accepted";
    };
    expect(failure('{ $.level = "ERROR"')).toBe("InvalidParameterException: If a filter pattern starts with '{' it must end with '}'");
    expect(failure("{ level = 1 }")).toBe("InvalidParameterException: Invalid filter pattern");
    expect(failure("{ $.a > }")).toBe("InvalidParameterException: Invalid filter pattern");
    expect(failure("%(ERROR|WARN)%")).toBe("InvalidParameterException: Invalid filter pattern");
  });
});
