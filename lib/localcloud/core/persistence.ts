/**
 * Keeps the local cloud's state on disk. State is split into named parts (one per queue, topic,
 * table, ...), each written as its own JSON file, atomically (temporary file, fsync, rename), and
 * only when it changed. Dirty parts are flushed at most `flushIntervalMs` after they change, so a
 * kill -9 loses at most that much and never leaves a half-written file.
 *
 * With no directory (ephemeral mode) every call is a no-op and state lives in memory only.
 */
import fs from "node:fs";
import path from "node:path";

export interface StateStoreOptions {
  /** Folder for the state files; null keeps everything in memory. */
  dir: string | null;
  flushIntervalMs?: number;
}

type Snapshot = () => unknown;

const PART_KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

export class StateStore {
  readonly dir: string | null;
  private readonly flushIntervalMs: number;
  private dirty = new Map<string, Snapshot | null>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(options: StateStoreOptions) {
    this.dir = options.dir ? path.resolve(options.dir) : null;
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
    if (this.dir) fs.mkdirSync(this.dir, { recursive: true });
  }

  get persistent(): boolean {
    return this.dir !== null;
  }

  /** A sub-folder for services that keep their own files (DynamoDB's LevelDB), or null. */
  folder(name: string): string | null {
    if (!this.dir) return null;
    const folder = path.join(this.dir, name);
    fs.mkdirSync(folder, { recursive: true });
    return folder;
  }

  /**
   * Records that part `key` (e.g. `sqs/us-east-1/orders`) changed; `snapshot` is called at flush
   * time to get its JSON-serialisable state.
   */
  markDirty(key: string, snapshot: Snapshot): void {
    if (!this.dir) return;
    assertKey(key);
    this.dirty.set(key, snapshot);
    this.scheduleFlush();
  }

  /** Records that part `key` no longer exists. */
  remove(key: string): void {
    if (!this.dir) return;
    assertKey(key);
    this.dirty.set(key, null);
    this.scheduleFlush();
  }

  /** Reads every stored part under `prefix` (e.g. `sqs/`), in key order. */
  readAll(prefix: string): Array<{ key: string; data: unknown }> {
    if (!this.dir) return [];
    const base = path.join(this.dir, prefix);
    if (!fs.existsSync(base)) return [];
    const parts: Array<{ key: string; data: unknown }> = [];
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".json")) {
          const key = path.relative(this.dir as string, full).slice(0, -".json".length).split(path.sep).join("/");
          try {
            parts.push({ key, data: JSON.parse(fs.readFileSync(full, "utf8")) });
          } catch (error) {
            console.error(`[localcloud] ignoring unreadable state file ${full}:`, error);
          }
        }
      }
    };
    walk(base);
    return parts;
  }

  /** Reads one stored part, or undefined. */
  read(key: string): unknown {
    if (!this.dir) return undefined;
    assertKey(key);
    const file = this.fileFor(key);
    if (!fs.existsSync(file)) return undefined;
    try {
      return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      console.error(`[localcloud] ignoring unreadable state file ${file}:`, error);
      return undefined;
    }
  }

  /** Writes every dirty part now. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.flushing) await this.flushing;
    if (this.dirty.size === 0) return;
    const batch = this.dirty;
    this.dirty = new Map();
    const run = (async () => {
      for (const [key, snapshot] of batch) {
        const file = this.fileFor(key);
        if (snapshot === null) {
          await fs.promises.rm(file, { force: true });
          continue;
        }
        await writeAtomically(file, JSON.stringify(snapshot()));
      }
    })();
    this.flushing = run;
    try {
      await run;
    } finally {
      this.flushing = null;
    }
  }

  /** Writes every dirty part synchronously (process exit). */
  flushSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [key, snapshot] of this.dirty) {
      const file = this.fileFor(key);
      if (snapshot === null) fs.rmSync(file, { force: true });
      else writeAtomicallySync(file, JSON.stringify(snapshot()));
    }
    this.dirty.clear();
  }

  private fileFor(key: string): string {
    return path.join(this.dir as string, ...key.split("/")) + ".json";
  }

  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((error) => console.error("[localcloud] could not save state:", error));
    }, this.flushIntervalMs);
    this.timer.unref?.();
  }
}

function assertKey(key: string): void {
  if (!PART_KEY.test(key) || key.split("/").some((segment) => segment === "." || segment === "..")) {
    throw new Error(`Invalid state key: ${key}`);
  }
}

let tmpCounter = 0;

async function writeAtomically(file: string, contents: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${tmpCounter++}.tmp`;
  const handle = await fs.promises.open(tmp, "w");
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
}

function writeAtomicallySync(file: string, contents: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${tmpCounter++}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeFileSync(fd, contents);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** Encodes a resource name (which may hold characters like `.` or `:`) as one safe key segment. */
export function keySegment(name: string): string {
  return encodeURIComponent(name).replace(/%/g, "_").replace(/[^A-Za-z0-9._-]/g, "_");
}
