import { describe, expect, it } from "vitest";
import type { StepRecord } from "@/lib/progress/types";
import type { ClassRecord } from "./class-record";
import { csvField, progressCsv } from "./progress-csv";

const record: ClassRecord = {
  id: "abc123",
  name: "Class, \"A\"",
  joinCode: "ABCDEFGH",
  roster: { kind: "list", usernames: ["user10", "user2"] },
  labIds: ["lab-a"],
  connection: { mode: "embedded" },
  region: "us-east-1",
  createdAt: "2026-11-22T09:00:00.000Z",
  stuck: { idleMinutes: 15, failures: 3 },
  allowFastForward: false,
  seats: { user2: { token: "t".repeat(24), joinedAt: "2026-11-22T09:01:00.000Z", expiresAt: "2026-11-29T09:01:00.000Z" } },
};
const labs = [{ id: "lab-a", title: "Lab A", steps: [{ id: "connect", title: "Connect" }, { id: "queue", title: "Create the queue" }] }];

describe("progress as CSV", () => {
  it("has one row per student and step, with times, duration, failures and the latest reason", () => {
    const records: StepRecord[] = [
      { student: "user2", labId: "lab-a", stepId: "connect", status: "passed", firstSeenAt: "2026-11-22T09:02:00.000Z", completedAt: "2026-11-22T09:03:30.000Z", lastCheckedAt: "2026-11-22T09:03:30.000Z", lastReason: "Connected.", failures: 1 },
      { student: "user2", labId: "lab-a", stepId: "queue", status: "failed", firstSeenAt: "2026-11-22T09:04:00.000Z", lastCheckedAt: "2026-11-22T09:05:00.000Z", lastReason: "=HYPERLINK(\"x\")\nsecond line", failures: 2 },
    ];
    const lines = progressCsv(record, labs, records).trimEnd().split("\r\n");
    expect(lines[0]).toBe("class,student,joined_at,lab,step_number,step,step_title,status,first_tried_at,completed_at,seconds_to_complete,failed_checks,last_checked_at,last_reason");
    expect(lines).toHaveLength(1 + 4); // rows end in CRLF; a reason's own line break stays inside its quotes
    expect(lines[1]).toBe('"Class, ""A""",user2,2026-11-22T09:01:00.000Z,lab-a,1,connect,Connect,done,2026-11-22T09:02:00.000Z,2026-11-22T09:03:30.000Z,90,1,2026-11-22T09:03:30.000Z,Connected.');
    expect(lines[2]).toBe('"Class, ""A""",user2,2026-11-22T09:01:00.000Z,lab-a,2,queue,Create the queue,failing,2026-11-22T09:04:00.000Z,,,2,2026-11-22T09:05:00.000Z,"\'=HYPERLINK(""x"")\nsecond line"');
    expect(lines[3]).toBe('"Class, ""A""",user10,,lab-a,1,connect,Connect,not started,,,,,,');
  });

  it("defuses fields a spreadsheet would run as formulas", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+cmd")).toBe("'+cmd");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@sum")).toBe("'@sum");
    expect(csvField(-2)).toBe("-2");
    expect(csvField("plain")).toBe("plain");
  });
});
