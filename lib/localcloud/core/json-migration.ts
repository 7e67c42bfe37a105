/**
 * Moves a data folder of the earlier format — one JSON file per state part (`clock.json`,
 * `sqs/<region>/<queue>.json`, ...) — into the state database on first start: every part becomes
 * the record of the same key, all in one synced batch, and the old files are then moved aside into
 * `<dataDir>/migrated-json-<date>/`. Services read a migrated part as they read their own earlier
 * format (SQS, for one, turns a queue's part into a record per message on its first save).
 *
 * A crash in between is safe: the batch carries a marker, so files found again after it are only
 * moved aside, never read over newer records.
 */
import fs from "node:fs";
import path from "node:path";
import type { ClassicLevel } from "classic-level";
import { cannotMigrate } from "./state-errors";

/** The part folders (and the clock's file) the earlier format wrote; other folders (runtime/, classroom/, dynamodb/) are not ours to move. */
const PART_FOLDERS = ["sqs", "sns", "kinesis", "cloudwatch", "iam", "pipes", "dynamodbstreams"];
const ROOT_PARTS = ["clock.json"];
export const MIGRATION_MARKER = "_localcloud/migrated-json";

/** Imports and moves aside the earlier format's files under `dir`; returns how many parts were imported. */
export async function migrateJsonParts(dir: string, db: ClassicLevel<string, string>, now = new Date()): Promise<number> {
  const entries = [...PART_FOLDERS, ...ROOT_PARTS].filter((name) => fs.existsSync(path.join(dir, name)));
  if (entries.length === 0) return 0;
  const files: Array<{ key: string; file: string }> = [];
  for (const name of entries) collect(dir, path.join(dir, name), files);

  let imported = 0;
  if ((await db.get(MIGRATION_MARKER)) === undefined) {
    const ops: Array<{ type: "put"; key: string; value: string }> = [];
    for (const { key, file } of files) {
      let value: string;
      try {
        value = JSON.stringify(JSON.parse(fs.readFileSync(file, "utf8")));
      } catch (error) {
        throw cannotMigrate(file, error);
      }
      ops.push({ type: "put", key, value });
    }
    ops.push({ type: "put", key: MIGRATION_MARKER, value: JSON.stringify({ at: now.toISOString(), parts: ops.length }) });
    await db.batch(ops, { sync: true });
    imported = files.length;
  }

  const aside = asideFolder(dir, now);
  fs.mkdirSync(aside, { recursive: true });
  for (const name of entries) fs.renameSync(path.join(dir, name), path.join(aside, name));
  console.log(`[localcloud] moved ${imported} state file(s) of the earlier format into the state database; the old files are in ${aside}`);
  return imported;
}

function collect(dir: string, current: string, out: Array<{ key: string; file: string }>): void {
  const stat = fs.statSync(current);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(current).sort()) collect(dir, path.join(current, name), out);
    return;
  }
  if (!current.endsWith(".json")) return; // an interrupted write's .tmp file: never acknowledged
  const key = path.relative(dir, current).slice(0, -".json".length).split(path.sep).join("/");
  out.push({ key, file: current });
}

function asideFolder(dir: string, now: Date): string {
  const base = path.join(dir, `migrated-json-${now.toISOString().slice(0, 10)}`);
  if (!fs.existsSync(base)) return base;
  for (let n = 2; ; n++) if (!fs.existsSync(`${base}-${n}`)) return `${base}-${n}`;
}
