/**
 * The server's classes: held in memory (every request reads them), written to one JSON file in
 * the classroom data folder after each change (atomically), so a restart keeps them. Students'
 * last requests are noted in memory only.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Connection } from "@/lib/aws/connection";
import { classroomDataDir } from "./classroom-data-dir";
import { classRecordSchema, isOpen, type ClassRecord, type Seat, type StuckRule } from "./class-record";
import { newJoinCode } from "./join-code";
import { onRoster, type Roster } from "./roster";

export const CLASSES_FILE = "classes.json";
/** How long a seat (and the session holding it) lasts: a course week. */
export const SEAT_DAYS = 7;

const fileSchema = z.object({ version: z.literal(1), classes: z.array(z.unknown()) });

export interface NewClass {
  name: string;
  roster: Roster;
  labIds: string[];
  connection: Connection;
  region: string;
  stuck: StuckRule;
  allowFastForward: boolean;
}

export type ClassChange = Partial<Pick<ClassRecord, "name" | "roster" | "labIds" | "connection" | "region" | "stuck" | "allowFastForward">>;

export type SeatClaim = { ok: true; seat: Seat } | { ok: false; reason: "not-on-roster" | "taken" | "ended" };

function randomId(): string {
  // 16 characters of [a-z0-9]: URL-safe and case-insensitive.
  return Array.from(randomBytes(16), (b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");
}

export class ClassStore {
  private readonly classes = new Map<string, ClassRecord>();
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly file: string | null) {
    this.load();
  }

  list(): ClassRecord[] {
    return [...this.classes.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  open(): ClassRecord[] {
    return this.list().filter(isOpen);
  }

  /** Classroom mode: at least one class is open. */
  get active(): boolean {
    for (const record of this.classes.values()) if (isOpen(record)) return true;
    return false;
  }

  get(id: string): ClassRecord | undefined {
    return this.classes.get(id);
  }

  byJoinCode(code: string): ClassRecord | undefined {
    for (const record of this.classes.values()) if (isOpen(record) && record.joinCode === code) return record;
    return undefined;
  }

  create(input: NewClass, now = new Date()): ClassRecord {
    let joinCode = newJoinCode();
    while (this.byJoinCode(joinCode)) joinCode = newJoinCode();
    const record: ClassRecord = { id: randomId(), joinCode, createdAt: now.toISOString(), seats: {}, ...input };
    this.classes.set(record.id, classRecordSchema.parse(record));
    this.save();
    return record;
  }

  update(id: string, change: ClassChange): ClassRecord {
    const record = this.require(id);
    const next = classRecordSchema.parse({ ...record, ...change });
    // Students taken off the list lose their seats (and so their sessions).
    for (const username of Object.keys(next.seats)) if (!onRoster(next.roster, username)) delete next.seats[username];
    this.classes.set(id, next);
    this.save();
    return next;
  }

  newJoinCode(id: string): ClassRecord {
    const record = this.require(id);
    let joinCode = newJoinCode();
    while (this.byJoinCode(joinCode)) joinCode = newJoinCode();
    record.joinCode = joinCode;
    this.save();
    return record;
  }

  /** Ends the class: its sessions stop working (seat() needs an open class); its seats and records stay for the dashboard and export. */
  end(id: string, now = new Date()): ClassRecord {
    const record = this.require(id);
    record.endedAt ??= now.toISOString();
    this.save();
    return record;
  }

  /** Forgets an ended class entirely. */
  remove(id: string): void {
    const record = this.require(id);
    if (isOpen(record)) throw new Error("End the class before removing it.");
    this.classes.delete(id);
    this.save();
  }

  /**
   * A student takes their seat. A username is one student's: while a seat is held (its session
   * has not expired), a second join with that username is refused until the instructor releases it.
   */
  claimSeat(id: string, username: string, now = new Date()): SeatClaim {
    const record = this.classes.get(id);
    if (!record || !isOpen(record)) return { ok: false, reason: "ended" };
    if (!onRoster(record.roster, username)) return { ok: false, reason: "not-on-roster" };
    const held = record.seats[username];
    if (held && Date.parse(held.expiresAt) > now.getTime()) return { ok: false, reason: "taken" };
    const seat: Seat = {
      token: randomBytes(18).toString("base64url"),
      joinedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SEAT_DAYS * 24 * 3600 * 1000).toISOString(),
    };
    record.seats[username] = seat;
    this.save();
    return { ok: true, seat };
  }

  releaseSeat(id: string, username: string): boolean {
    const record = this.classes.get(id);
    if (!record?.seats[username]) return false;
    delete record.seats[username];
    this.lastSeen.delete(`${id}\u0000${username}`);
    this.save();
    return true;
  }

  /** The seat a session names, if it is still that session's. */
  seat(id: string, username: string, token: string, now = Date.now()): { record: ClassRecord; seat: Seat } | undefined {
    const record = this.classes.get(id);
    if (!record || !isOpen(record)) return undefined;
    const seat = record.seats[username];
    if (!seat || seat.token !== token || Date.parse(seat.expiresAt) <= now) return undefined;
    return { record, seat };
  }

  noteSeen(id: string, username: string, at = Date.now()): void {
    this.lastSeen.set(`${id}\u0000${username}`, at);
  }

  seenAt(id: string, username: string): number | undefined {
    return this.lastSeen.get(`${id}\u0000${username}`);
  }

  private require(id: string): ClassRecord {
    const record = this.classes.get(id);
    if (!record) throw new Error(`There is no class ${id}.`);
    return record;
  }

  private load(): void {
    if (!this.file || !fs.existsSync(this.file)) return;
    try {
      const parsed = fileSchema.parse(JSON.parse(fs.readFileSync(this.file, "utf8")));
      for (const raw of parsed.classes) {
        const record = classRecordSchema.safeParse(raw);
        if (record.success) this.classes.set(record.data.id, record.data);
        else console.error(`[classroom] ignoring a class in ${this.file}: ${record.error.issues[0]?.message}`);
      }
    } catch (error) {
      // Kept aside rather than overwritten by the next change.
      const aside = `${this.file}.damaged-${Date.now()}`;
      fs.renameSync(this.file, aside);
      console.error(`[classroom] could not read ${this.file} (${(error as Error).message}); moved it to ${aside} and started without classes.`);
    }
  }

  private save(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ version: 1, classes: [...this.classes.values()] }, null, 2), { mode: 0o600 });
    fs.renameSync(temporary, this.file);
  }
}

const SLOT = Symbol.for("messaging-labs.class-store");

/** The process's classes (Next.js may load this module more than once; they share one store). */
export function classStore(): ClassStore {
  const holder = globalThis as typeof globalThis & { [SLOT]?: ClassStore };
  if (!holder[SLOT]) {
    const dir = classroomDataDir();
    holder[SLOT] = new ClassStore(dir ? path.join(dir, CLASSES_FILE) : null);
  }
  return holder[SLOT];
}

/** Tests: a fresh store (in memory, or on the given file). */
export function replaceClassStore(store: ClassStore): void {
  (globalThis as typeof globalThis & { [SLOT]?: ClassStore })[SLOT] = store;
}
