/**
 * Keeps the local cloud's state on disk: one embedded LevelDB (`classic-level`) in
 * `<dataDir>/state/`, opened once at start and read into memory whole, so reads stay synchronous.
 *
 * Every write — a record (`put`, `delete`) or a part's snapshot (`markDirty`, `remove`) — goes
 * into the pending batch. One `db.batch(ops, { sync: true })` commits everything pending (group
 * commit: the next batch collects while one is in flight), so a batch is all there after a crash
 * or not at all. `durable()` resolves once every write made so far is synced; the request
 * dispatcher awaits it before it answers, so nothing acknowledged is lost to a kill -9 or a power
 * cut. Writes made outside requests (timers, pollers, the clock) are committed by the same batches
 * without anyone waiting.
 *
 * With no directory (ephemeral mode) every call is a no-op and state lives in memory only.
 */
import fs from "node:fs";
import path from "node:path";
import { ClassicLevel } from "classic-level";
import { migrateJsonParts } from "./json-migration";
import { cannotOpen, cannotRead, cannotWrite, StateStoreError } from "./state-errors";

export { StateStoreError } from "./state-errors";

export interface StateStoreOptions {
  /** Folder for the state; null keeps everything in memory. */
  dir: string | null;
}

type Snapshot = () => unknown;
/** A pending write: the record's JSON, null for a delete, or a part's snapshot (taken at commit). */
type PendingWrite = string | null | Snapshot;
type Database = ClassicLevel<string, string>;

interface InFlight {
  /** Every write up to this one is in this batch or an earlier one. */
  seq: number;
  done: boolean;
  batch: Map<string, PendingWrite>;
}

interface Waiter {
  seq: number;
  resolve(): void;
  reject(error: Error): void;
}

const KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
/** The folder inside the data folder that holds the database. */
export const STATE_FOLDER = "state";
const RESOLVED = Promise.resolve();
/** Batches handed to LevelDB at once (each holds a libuv thread until it is synced). */
const MAX_IN_FLIGHT = 2;
/** After a failed commit (disk full), how long before the pending writes are tried again. */
const RETRY_MS = 1000;

export class StateStore {
  readonly dir: string | null;
  private readonly db: Database | null;
  /** Every record's JSON, as committed or pending (keys in no particular order). */
  private readonly values: Map<string, string>;
  private sortedKeys: string[] | null;
  private pending = new Map<string, PendingWrite>();
  private writeSeq = 0;
  private committedSeq = 0;
  /** Batches handed to LevelDB, oldest first. */
  private inFlight: InFlight[] = [];
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private waiters: Waiter[] = [];
  private closed = false;
  /** Batches committed so far (diagnostics, tests, benches). */
  commits = 0;

  /** An ephemeral store; `StateStore.open()` makes a persistent one. */
  constructor(options: StateStoreOptions, opened?: { db: Database; values: Map<string, string>; sortedKeys: string[] }) {
    if (options.dir !== null && !opened) throw new Error("A persistent StateStore is made with StateStore.open().");
    this.dir = options.dir ? path.resolve(options.dir) : null;
    this.db = opened?.db ?? null;
    this.values = opened?.values ?? new Map();
    this.sortedKeys = opened?.sortedKeys ?? [];
  }

  /**
   * Opens (or creates) the database in `<dir>/state/`, migrates JSON part files of the earlier
   * format, and reads every record. Throws a StateStoreError naming the folder and what to do when
   * the folder is held by another local cloud or cannot be read; it never starts empty instead.
   */
  static async open(options: StateStoreOptions): Promise<StateStore> {
    if (!options.dir) return new StateStore({ dir: null });
    const dir = path.resolve(options.dir);
    const location = path.join(dir, STATE_FOLDER);
    try {
      fs.mkdirSync(location, { recursive: true });
    } catch (error) {
      throw cannotOpen(location, error);
    }
    const db: Database = new ClassicLevel(location, { keyEncoding: "utf8", valueEncoding: "utf8" });
    try {
      await db.open();
    } catch (error) {
      throw cannotOpen(location, error);
    }
    try {
      await migrateJsonParts(dir, db);
      const values = new Map<string, string>();
      const sortedKeys: string[] = [];
      const iterator = db.iterator();
      try {
        for (;;) {
          const entries = await iterator.nextv(10_000);
          if (entries.length === 0) break;
          for (const [key, value] of entries) {
            values.set(key, value);
            sortedKeys.push(key);
          }
        }
      } finally {
        await iterator.close();
      }
      return new StateStore({ dir }, { db, values, sortedKeys });
    } catch (error) {
      await db.close().catch(() => undefined);
      if (error instanceof StateStoreError) throw error;
      throw cannotOpen(location, error);
    }
  }

  get persistent(): boolean {
    return this.db !== null;
  }

  /** Whether some write is not yet synced (the dispatcher then awaits `durable()`). */
  get hasUnsynced(): boolean {
    return this.writeSeq !== this.committedSeq;
  }

  /** A sub-folder for services that keep their own files (DynamoDB's LevelDB), or null. */
  folder(name: string): string | null {
    if (!this.dir) return null;
    const folder = path.join(this.dir, name);
    fs.mkdirSync(folder, { recursive: true });
    return folder;
  }

  // ---- writing -------------------------------------------------------------------------------

  /**
   * Records that part `key` (e.g. `sqs/us-east-1/orders`) changed; `snapshot` is called when the
   * next batch is cut to get its JSON-serialisable state. For state that grows (messages, records,
   * data points), write one record per item with `put` instead: a snapshot's cost grows with it.
   */
  markDirty(key: string, snapshot: Snapshot): void {
    if (!this.db) return;
    assertKey(key);
    this.write(key, snapshot);
  }

  /** Records that part `key` no longer exists (the same as `delete`). */
  remove(key: string): void {
    this.delete(key);
  }

  /** Stores one record: `value` is serialised now, so later changes to the object are not seen. */
  put(key: string, value: unknown): void {
    if (!this.db) return;
    assertKey(key);
    const json = JSON.stringify(value);
    if (!this.values.has(key)) this.sortedKeys = null;
    this.values.set(key, json);
    this.write(key, json);
  }

  /** Deletes one record (nothing happens if there is none). */
  delete(key: string): void {
    if (!this.db) return;
    assertKey(key);
    if (this.values.delete(key)) this.sortedKeys = null;
    this.write(key, null);
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Every record (or part) under `prefix` (e.g. `sqs/`), in key order. */
  readAll(prefix: string): Array<{ key: string; data: unknown }> {
    if (!this.db) return [];
    this.takeSnapshots();
    const keys = this.keysInOrder();
    const out: Array<{ key: string; data: unknown }> = [];
    for (let i = lowerBound(keys, prefix); i < keys.length && keys[i].startsWith(prefix); i++) {
      const key = keys[i];
      out.push({ key, data: this.parse(key, this.values.get(key) as string) });
    }
    return out;
  }

  /** The keys of every record under `prefix`, in key order (nothing is parsed). */
  keysUnder(prefix: string): string[] {
    if (!this.db) return [];
    this.takeSnapshots();
    const keys = this.keysInOrder();
    const out: string[] = [];
    for (let i = lowerBound(keys, prefix); i < keys.length && keys[i].startsWith(prefix); i++) out.push(keys[i]);
    return out;
  }

  /** One record (or part), or undefined. */
  read(key: string): unknown {
    if (!this.db) return undefined;
    assertKey(key);
    const pending = this.pending.get(key);
    if (typeof pending === "function") return JSON.parse(JSON.stringify(pending())) as unknown;
    const json = this.values.get(key);
    return json === undefined ? undefined : this.parse(key, json);
  }

  // ---- durability ----------------------------------------------------------------------------

  /** Resolves once every write made so far is synced to disk; rejects if the commit failed. */
  durable(): Promise<void> {
    if (!this.db || this.writeSeq === this.committedSeq) return RESOLVED;
    return new Promise((resolve, reject) => {
      this.waiters.push({ seq: this.writeSeq, resolve, reject });
      this.schedule();
    });
  }

  /** Commits every pending write and waits for it (the same as `durable()`). */
  flush(): Promise<void> {
    return this.durable();
  }

  /**
   * Kept for callers of the earlier API (process exit): batches are cut within one event-loop turn
   * of a write and every answered request waited for its own, so nothing acknowledged is pending.
   */
  flushSync(): void {}

  /** Commits what is pending and closes the database. */
  async close(): Promise<void> {
    if (!this.db || this.closed) return;
    await this.durable().catch((error: Error) => console.error(`[localcloud] ${error.message}`));
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.db.close();
  }

  private write(key: string, value: PendingWrite): void {
    if (this.closed) return; // a late timer of a cloud that has stopped: nothing is waiting for it
    this.pending.set(key, value);
    this.writeSeq += 1;
    this.schedule();
  }

  /** Cuts the next batch once the current turn's writes are in (setImmediate), unless enough are in flight. */
  private schedule(): void {
    if (this.scheduled || this.inFlight.length >= MAX_IN_FLIGHT || this.retryTimer) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.commit();
    });
  }

  /** Evaluates pending snapshots into record values (a batch is cut, or a reader needs them). */
  private takeSnapshots(): void {
    for (const [key, value] of this.pending) {
      if (typeof value !== "function") continue;
      const json = JSON.stringify(value());
      if (!this.values.has(key)) this.sortedKeys = null;
      this.values.set(key, json);
      this.pending.set(key, json);
    }
  }

  /**
   * Starts the next batch. Up to MAX_IN_FLIGHT batches are handed to LevelDB at once: it applies
   * them in order and joins concurrent synced writes into one log write and one fsync (its own group
   * commit), so a request need not wait for the batch before its own to finish first. A batch
   * counts as committed once it and every batch before it are synced.
   */
  private commit(): void {
    const db = this.db as Database;
    if (this.inFlight.length >= MAX_IN_FLIGHT || this.closed) return;
    if (this.pending.size === 0) {
      if (this.inFlight.length === 0) this.release(this.writeSeq);
      return;
    }
    this.takeSnapshots();
    const batch = this.pending;
    this.pending = new Map();
    const entry: InFlight = { seq: this.writeSeq, done: false, batch };
    const ops: Array<{ type: "put"; key: string; value: string } | { type: "del"; key: string }> = [];
    for (const [key, value] of batch) {
      ops.push(value === null ? { type: "del", key } : { type: "put", key, value: value as string });
    }
    this.inFlight.push(entry);
    db.batch(ops, { sync: true }).then(
      () => {
        entry.done = true;
        this.commits += 1;
        let committed = this.committedSeq;
        while (this.inFlight.length > 0 && this.inFlight[0].done) committed = (this.inFlight.shift() as InFlight).seq;
        this.release(committed);
        if (this.pending.size > 0 || this.waiters.length > 0) this.schedule();
      },
      (reason: unknown) => {
        this.inFlight.splice(this.inFlight.indexOf(entry), 1);
        while (this.inFlight.length > 0 && this.inFlight[0].done) this.committedSeq = (this.inFlight.shift() as InFlight).seq;
        // Keep the writes for the next attempt, unless a later write to the same key (pending or in
        // a later batch) superseded them; they count as written now, so no waiter from before the
        // failure is released by a batch that does not hold them.
        const later = this.inFlight.filter((other) => other.seq > entry.seq);
        for (const [key, value] of batch) {
          if (!this.pending.has(key) && !later.some((other) => other.batch.has(key))) this.pending.set(key, value);
        }
        this.writeSeq += 1;
        const error = cannotWrite(path.join(this.dir as string, STATE_FOLDER), reason);
        console.error(`[localcloud] ${error.message}`);
        const failed = this.waiters;
        this.waiters = [];
        for (const waiter of failed) waiter.reject(error);
        this.retryTimer ??= setTimeout(() => {
          this.retryTimer = null;
          this.schedule();
        }, RETRY_MS);
        this.retryTimer.unref?.();
      },
    );
    // Room for another batch: the writes of the next turn need not wait for this one.
    if (this.pending.size > 0) this.schedule();
  }

  private release(seq: number): void {
    if (seq > this.committedSeq) this.committedSeq = seq;
    if (this.waiters.length === 0) return;
    const done = this.waiters.filter((w) => w.seq <= this.committedSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.committedSeq);
    for (const waiter of done) waiter.resolve();
  }

  private keysInOrder(): string[] {
    if (!this.sortedKeys) this.sortedKeys = [...this.values.keys()].sort();
    return this.sortedKeys;
  }

  private parse(key: string, json: string): unknown {
    try {
      return JSON.parse(json) as unknown;
    } catch (error) {
      throw cannotRead(path.join(this.dir as string, STATE_FOLDER), key, error);
    }
  }
}

function assertKey(key: string): void {
  if (!KEY.test(key) || key.split("/").some((segment) => segment === "." || segment === "..")) {
    throw new Error(`Invalid state key: ${key}`);
  }
}

/** The first index whose key is >= `prefix` (keys sorted by code unit, as LevelDB's utf8 order is for these keys). */
function lowerBound(keys: string[], prefix: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Encodes a resource name (which may hold characters like `.` or `:`) as one safe key segment. */
export function keySegment(name: string): string {
  return encodeURIComponent(name).replace(/%/g, "_").replace(/[^A-Za-z0-9._-]/g, "_");
}
