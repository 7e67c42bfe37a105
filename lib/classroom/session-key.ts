/**
 * The server secret that signs classroom cookies. CLASSROOM_SESSION_SECRET when the operator sets
 * one (several servers behind a balancer share it); otherwise 32 random bytes created on first use
 * and kept in the classroom data folder (readable by the server's user only), so students stay
 * signed in across a restart. Never in the repository, a response or a log line.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { classroomDataDir } from "./classroom-data-dir";

export const SESSION_SECRET_ENV = "CLASSROOM_SESSION_SECRET";
export const SESSION_KEY_FILE = "session-key";
const MIN_SECRET_LENGTH = 32;

const SLOT = Symbol.for("messaging-labs.classroom-session-key");

function fromFile(dir: string): Buffer {
  const file = path.join(dir, SESSION_KEY_FILE);
  try {
    const existing = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64url");
    if (existing.length >= 32) return existing;
  } catch {
    // Not there yet: made below.
  }
  const key = randomBytes(32);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, key.toString("base64url"), { mode: 0o600 });
  fs.renameSync(temporary, file);
  return key;
}

export function sessionKey(env: Record<string, string | undefined> = process.env): Buffer {
  const holder = globalThis as typeof globalThis & { [SLOT]?: Buffer };
  if (holder[SLOT]) return holder[SLOT];
  const configured = env[SESSION_SECRET_ENV];
  if (configured && configured.length < MIN_SECRET_LENGTH) {
    throw new Error(`${SESSION_SECRET_ENV} must be at least ${MIN_SECRET_LENGTH} characters long.`);
  }
  const dir = classroomDataDir(env);
  holder[SLOT] = configured ? Buffer.from(configured, "utf8") : dir ? fromFile(dir) : randomBytes(32);
  return holder[SLOT];
}
