/**
 * Keeps mapping definitions and shard checkpoints in one JSON file, so mappings survive a page
 * reload and a server restart. Writes are atomic (temporary file, fsync, rename) and at most one
 * per `flushIntervalMs`. The file holds settings and checkpoints only, never credentials: the
 * clients come from the connection each time the server starts. With no file (tests, an
 * ephemeral workbook) everything stays in memory.
 */
import fs from "node:fs";
import path from "node:path";
import type { MappingConfig } from "./mapping-settings";

export interface MappingOwner {
  prefix: string;
  labId: string;
}

export interface StoredMapping {
  uuid: string;
  owner: MappingOwner;
  config: MappingConfig;
  /** Epoch ms (the runtime's clock); a LATEST stream mapping reads from here. */
  createdAt: number;
  lastModified: number;
  /** Stream mappings: shard id → last processed sequence number, or SHARD_END. */
  checkpoints: Record<string, string>;
}

interface StoredFile {
  version: 1;
  mappings: StoredMapping[];
}

export const MAPPINGS_FILE = "event-source-mappings.json";

/**
 * Where the registry keeps its mappings. `saved` and `removed` name the one mapping that changed
 * (a store of one part per mapping writes only it); `all` gives every mapping (a store of one
 * file writes them together).
 */
export interface MappingPersistence {
  load(): StoredMapping[];
  saved(mapping: StoredMapping, all: () => StoredMapping[]): void;
  removed(uuid: string, all: () => StoredMapping[]): void;
  /** Writes what is pending now. */
  flush(): Promise<void>;
  /** Writes what is pending now, synchronously (process exit). */
  flushSync(): void;
}

/** The workbook's store: every mapping in one JSON file under the runtime's data folder. */
export class MappingStore implements MappingPersistence {
  private timer: NodeJS.Timeout | null = null;
  private pending: (() => StoredMapping[]) | null = null;
  private writing: Promise<void> | null = null;

  constructor(
    readonly file: string | null,
    private readonly flushIntervalMs = 250,
  ) {}

  load(): StoredMapping[] {
    if (!this.file || !fs.existsSync(this.file)) return [];
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, "utf8")) as Partial<StoredFile>;
      return Array.isArray(parsed.mappings) ? parsed.mappings : [];
    } catch (error) {
      console.error(`[runtime] ignoring unreadable mappings file ${this.file}:`, error);
      return [];
    }
  }

  saved(_mapping: StoredMapping, all: () => StoredMapping[]): void {
    this.markDirty(all);
  }

  removed(_uuid: string, all: () => StoredMapping[]): void {
    this.markDirty(all);
  }

  /** Records that the mappings changed; `snapshot` is read when the file is written. */
  markDirty(snapshot: () => StoredMapping[]): void {
    if (!this.file) return;
    this.pending = snapshot;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((error) => console.error("[runtime] could not save the mappings:", error));
    }, this.flushIntervalMs);
    this.timer.unref?.();
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing) await this.writing;
    const snapshot = this.pending;
    if (!snapshot || !this.file) return;
    this.pending = null;
    const file = this.file;
    const contents = serialize(snapshot());
    this.writing = (async () => {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      const handle = await fs.promises.open(tmp, "w");
      try {
        await handle.writeFile(contents);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(tmp, file);
    })();
    try {
      await this.writing;
    } finally {
      this.writing = null;
    }
  }

  /** Writes now, synchronously (process exit). */
  flushSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const snapshot = this.pending;
    if (!snapshot || !this.file) return;
    this.pending = null;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeFileSync(fd, serialize(snapshot()));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
  }
}

function serialize(mappings: StoredMapping[]): string {
  const file: StoredFile = { version: 1, mappings };
  return JSON.stringify(file, null, 2);
}
