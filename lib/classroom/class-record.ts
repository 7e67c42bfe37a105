/**
 * A class as the server keeps it. It holds no secret: the connection names an endpoint, a profile
 * or a key-vault entry (pasted keys stay in server memory), and a seat holds the random token the
 * student's signed session cookie must repeat.
 */
import { z } from "zod";
import { connectionSchema, type Connection } from "@/lib/aws/connection";
import { regionSchema } from "@/lib/aws/regions";
import { rosterSchema, type Roster } from "./roster";

export interface Seat {
  /** Random; the session cookie carries it, so releasing the seat ends that session. */
  token: string;
  joinedAt: string;
  expiresAt: string;
}

export interface StuckRule {
  /** No step completed for this many minutes (and the class not finished): stuck. */
  idleMinutes: number;
  /** The same step's check failed this many times without passing: stuck. */
  failures: number;
}

export interface ClassRecord {
  id: string;
  name: string;
  joinCode: string;
  roster: Roster;
  /** The labs the class works on, in catalogue order. */
  labIds: string[];
  connection: Connection;
  region: string;
  createdAt: string;
  endedAt?: string;
  stuck: StuckRule;
  /** The class shares one cloud clock: may a student fast-forward it for everyone? */
  allowFastForward: boolean;
  seats: Record<string, Seat>;
}

export const DEFAULT_STUCK: StuckRule = { idleMinutes: 15, failures: 3 };

export const stuckRuleSchema = z.object({
  idleMinutes: z.number().int().min(1).max(24 * 60),
  failures: z.number().int().min(2).max(100),
});

const seatSchema = z.object({ token: z.string().min(16).max(64), joinedAt: z.string(), expiresAt: z.string() });

export const classRecordSchema: z.ZodType<ClassRecord> = z.object({
  id: z.string().regex(/^[a-z0-9]{6,32}$/),
  name: z.string().min(1).max(80),
  joinCode: z.string().regex(/^[A-Z0-9]{6,12}$/),
  roster: rosterSchema,
  labIds: z.array(z.string().min(1).max(64)).min(1),
  connection: connectionSchema,
  region: regionSchema,
  createdAt: z.string(),
  endedAt: z.string().optional(),
  stuck: stuckRuleSchema,
  allowFastForward: z.boolean(),
  seats: z.record(z.string(), seatSchema),
});

export function isOpen(record: ClassRecord): boolean {
  return !record.endedAt;
}
