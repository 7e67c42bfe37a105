/**
 * What the runtime remembers of each student's lab between requests: the connection and region
 * their functions and mappings run with (the settings of their latest request), and each
 * function's environment variables. Kept in one small JSON file beside the mappings, so saved
 * mappings start again with the right connection after a restart. It never holds a secret: a
 * connection names a profile, an endpoint or a key-vault entry, never a key.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { connectionKey, connectionSchema, type Connection, type Settings } from "@/lib/aws/connection";
import { regionSchema } from "@/lib/aws/regions";

export const STUDENTS_FILE = "lab-students.json";

export interface StudentOwner {
  prefix: string;
  labId: string;
}

export interface StudentRecord {
  prefix: string;
  labId: string;
  connection: Connection;
  region: string;
  /** Function key → its environment variables. */
  variables: Record<string, Record<string, string>>;
}

const recordSchema = z.object({
  prefix: z.string().min(1).max(64),
  labId: z.string().min(1).max(64),
  connection: connectionSchema,
  region: regionSchema,
  variables: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});

const fileSchema = z.object({ version: z.literal(1), students: z.array(z.unknown()) });

function keyOf(owner: StudentOwner): string {
  return `${owner.prefix}\u0000${owner.labId}`;
}

export class StudentStore {
  private readonly records = new Map<string, StudentRecord>();

  constructor(private readonly file: string | null) {
    this.load();
  }

  get(owner: StudentOwner): StudentRecord | undefined {
    return this.records.get(keyOf(owner));
  }

  /**
   * Notes the settings a student's request came with. Answers "changed" when their connection or
   * region differs from the one their functions were running with (the caller restarts them).
   */
  remember(owner: StudentOwner, settings: Pick<Settings, "connection" | "region">): "new" | "same" | "changed" {
    const existing = this.get(owner);
    if (existing && connectionKey(existing.connection, existing.region) === connectionKey(settings.connection, settings.region)) return "same";
    this.records.set(keyOf(owner), {
      prefix: owner.prefix,
      labId: owner.labId,
      connection: settings.connection,
      region: settings.region,
      variables: existing?.variables ?? {},
    });
    this.save();
    return existing ? "changed" : "new";
  }

  variables(owner: StudentOwner, fn: string): Record<string, string> {
    return { ...(this.get(owner)?.variables[fn] ?? {}) };
  }

  setVariables(owner: StudentOwner, fn: string, variables: Record<string, string>): void {
    const record = this.get(owner);
    if (!record) throw new Error(`No settings are known for ${owner.prefix} in ${owner.labId} yet.`);
    if (Object.keys(variables).length === 0) delete record.variables[fn];
    else record.variables[fn] = { ...variables };
    this.save();
  }

  /** Forgets every function's environment of a student's lab (clean-up). */
  clearVariables(owner: StudentOwner): void {
    const record = this.get(owner);
    if (!record || Object.keys(record.variables).length === 0) return;
    record.variables = {};
    this.save();
  }

  private load(): void {
    if (!this.file || !fs.existsSync(this.file)) return;
    try {
      const parsed = fileSchema.parse(JSON.parse(fs.readFileSync(this.file, "utf8")));
      for (const raw of parsed.students) {
        const record = recordSchema.safeParse(raw);
        if (record.success) this.records.set(keyOf(record.data), record.data);
      }
    } catch (error) {
      console.error(`[runtime] ignoring ${this.file}: ${(error as Error).message}`);
    }
  }

  /** Small and rarely written (a connection change, an environment change): written at once, atomically. */
  private save(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ version: 1, students: [...this.records.values()] }, null, 2));
    fs.renameSync(temporary, this.file);
  }
}
