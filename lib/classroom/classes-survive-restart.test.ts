/**
 * Classes are kept on disk so a restarted server still runs them and its students stay signed in,
 * and nothing secret is written: pasted keys stay in the key vault (memory).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { forgetKeys } from "@/lib/aws/key-vault";
import { classConnection } from "./class-connection";
import { classConnectionProblem, classroomRequestSettings } from "./class-settings";
import { CLASSES_FILE } from "./class-store";
import { isClassroomAccessError } from "./classroom-access-error";
import { studentSessionToken } from "./student-session";
import { freshClassStore } from "./test-support";
import { fakeAccessKeyId, fakeSecretAccessKey } from "@/lib/aws/test/fake-credentials";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const KEYS = { accessKeyId: fakeAccessKeyId("long-term", "classroom"), secretAccessKey: fakeSecretAccessKey("classroom") };

describe("classes on disk", () => {
  it("survive a restart with their seats, without any key in the file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "classroom-"));
    dirs.push(dir);
    const file = path.join(dir, CLASSES_FILE);
    const choice = classConnection({ mode: "aws", source: "keys", keys: { ...KEYS, sessionToken: undefined } });
    if (!choice.ok) throw new Error(choice.reason);
    const before = freshClassStore(file);
    const record = before.create({
      name: "Evening class",
      roster: { kind: "range", stem: "user", from: 1, to: 30 },
      labIds: ["sns-fanout"],
      connection: choice.connection,
      region: "eu-west-1",
      stuck: { idleMinutes: 20, failures: 4 },
      allowFastForward: false,
    });
    const claim = before.claimSeat(record.id, "user7");
    if (!claim.ok) throw new Error(claim.reason);
    const token = studentSessionToken(record.id, "user7", claim.seat);

    const written = fs.readFileSync(file, "utf8");
    expect(written).not.toContain(KEYS.secretAccessKey);
    expect(written).not.toContain(KEYS.accessKeyId);
    expect(fs.statSync(file).mode & 0o077).toBe(0);

    const after = freshClassStore(file);
    expect(after.get(record.id)).toMatchObject({ name: "Evening class", region: "eu-west-1", stuck: { idleMinutes: 20, failures: 4 } });
    expect(classroomRequestSettings(token)).toMatchObject({ prefix: "user7", region: "eu-west-1" });

    // A real restart also empties the key vault: the class says so instead of failing obscurely.
    if (choice.connection.mode === "aws" && choice.connection.source === "keys") forgetKeys(choice.connection.keysId);
    expect(classConnectionProblem(after.get(record.id)!)).toMatch(/keys are no longer in the server's memory/);
    let refused: unknown;
    try {
      classroomRequestSettings(token);
    } catch (error) {
      refused = error;
    }
    expect(isClassroomAccessError(refused) && refused.status).toBe(503);
  });

  it("a damaged file is set aside with a message, not a crash", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "classroom-"));
    dirs.push(dir);
    const file = path.join(dir, CLASSES_FILE);
    fs.writeFileSync(file, "{ not json");
    expect(freshClassStore(file).list()).toEqual([]);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(`${CLASSES_FILE}.damaged-`))).toHaveLength(1);
  });
});
