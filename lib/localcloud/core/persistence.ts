/**
 * Keeps the local cloud's state on disk: one embedded LevelDB (`classic-level`) in
 * `<dataDir>/state/`, opened once at start and read into memory whole, so reads stay synchronous.
 *
 * Every write — a record (`put`, `delete`) or a part's snapshot (`markDirty`, `remove`) — goes
 * into the pending batch. A batch is committed as one synced journal record (state-journal.ts):
 * one LevelDB op however many writes it holds (group commit: the next batch collects while one is
 * in flight), so a batch is all there after a crash or not at all. `durable()` resolves once every
 * write made so far is synced; the request dispatcher awaits it before it answers, so nothing
 * acknowledged is lost to a kill -9 or a power cut. Writes made outside requests (timers, pollers,
 * the clock) are committed by the same batches without anyone waiting. A checkpoint, cut every
 * second or so, writes the journals' net effect to the records and deletes them; nobody waits
 * for it.
 *
 * With no directory (ephemeral mode) every call is a no-op and state lives in memory only.
 */
import fs from "node:fs";
import path from "node:path";
import { ClassicLevel } from "classic-level";
import { migrateJsonParts } from "./json-migration";
import { cannotOpen, cannotRead, cannotWrite, StateStoreError } from "./state-errors";
import {
  CHECKPOINT_KEY,
  decodeJournal,
  encodeJournal,
  isInternalKey,
  JOURNAL_PREFIX,
  journalKey,
  journalSeq,
  type JournalWrite,
} from "./state-journal";

export { StateStoreError } from "./state-errors";

export interface StateStoreOptions {
  /** Folder for the state; null keeps everything in memory. */
  dir: string | null;
}

type Snapshot = () => unknown;
/** A pending write: the record's JSON, null for a delete, or a part's snapshot (taken at commit). */
type PendingWrite = JournalWrite | Snapshot;
type Database = ClassicLevel<string, string>;
type Op = { type: "put"; key: string; value: string } | { type: "del"; key: string };

interface InFlight {
  /** Every write up to this one is in this batch or an earlier one. */
  seq: number;
  /** The journal record's sequence number. */
  journal: number;
  batch: Map<string, JournalWrite>;
  text: string;
  state: "writing" | "done" | "failed";
}

interface Waiter {
  seq: number;
  resolve(): void;
  reject(error: Error): void;
}

/** What `open()` read: the records (journals replayed) and where the journal stands. */
interface Opened {
  db: Database;
  values: Map<string, string>;
  sortedKeys: string[] | null;
  /** Keys of the records in the database (the journals not yet checkpointed aside). */
  persisted: Set<string>;
  /** The replayed journals' net writes, still to be checkpointed. */
  unflushed: Map<string, JournalWrite>;
  journals: number[];
  nextJournal: number;
}

const KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
/** The folder inside the data folder that holds the database. */
export const STATE_FOLDER = "state";
const RESOLVED = Promise.resolve();
/** Batches handed to LevelDB at once (each holds a libuv thread until it is synced). */
const MAX_IN_FLIGHT = 2;
/** After a failed commit (disk full), how long before it is tried again. */
const RETRY_MS = 1000;
/** A checkpoint is cut this long after the first write it will hold… */
const CHECKPOINT_MS = 1000;
/** …or sooner, once this many records or journals wait for it. */
const CHECKPOINT_RECORDS = 20_000;
const CHECKPOINT_JOURNALS = 2_000;

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
  private nextJournal: number;
  /** Synced journals not yet checkpointed (consecutive), and their net writes. */
  private journals: number[];
  private unflushed: Map<string, JournalWrite>;
  private readonly persisted: Set<string>;
  private checkpointing: Promise<void> | null = null;
  private checkpointTimer: NodeJS.Timeout | null = null;
  /** Batches committed so far (diagnostics, tests, benches). */
  commits = 0;
  /** Checkpoints written so far (diagnostics, tests). */
  checkpoints = 0;

  /** An ephemeral store; `StateStore.open()` makes a persistent one. */
  constructor(options: StateStoreOptions, opened?: Opened) {
    if (options.dir !== null && !opened) throw new Error("A persistent StateStore is made with StateStore.open().");
    this.dir = options.dir ? path.resolve(options.dir) : null;
    this.db = opened?.db ?? null;
    this.values = opened?.values ?? new Map();
    this.sortedKeys = opened ? opened.sortedKeys : [];
    this.persisted = opened?.persisted ?? new Set();
    this.unflushed = opened?.unflushed ?? new Map();
    this.journals = opened?.journals ?? [];
    this.nextJournal = opened?.nextJournal ?? 1;
    if (this.journals.length > 0) this.maybeCheckpoint();
  }

  /**
   * Opens (or creates) the database in `<dir>/state/`, migrates JSON part files of the earlier
   * format, reads every record and replays the journals. Throws a StateStoreError naming the
   * folder and what to do when the folder is held by another local cloud or cannot be read; it
   * never starts empty instead.
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
      const found: Array<[number, string]> = [];
      let checkpoint = 0;
      const iterator = db.iterator();
      try {
        for (;;) {
          const entries = await iterator.nextv(10_000);
          if (entries.length === 0) break;
          for (const [key, value] of entries) {
            if (!isInternalKey(key)) {
              values.set(key, value);
              sortedKeys.push(key);
            } else if (key === CHECKPOINT_KEY) checkpoint = Number(value);
            else if (key.startsWith(JOURNAL_PREFIX)) found.push([journalSeq(key), value]);
          }
        }
      } finally {
        await iterator.close();
      }
      return new StateStore({ dir }, await replayJournals(db, values, sortedKeys, checkpoint, found));
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

  /** Commits what is pending, checkpoints the journals and closes the database. */
  async close(): Promise<void> {
    if (!this.db || this.closed) return;
    await this.durable().catch((error: Error) => console.error(`[localcloud] ${error.message}`));
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    await this.checkpointing;
    if (this.inFlight.length === 0) await this.checkpoint();
    this.closed = true;
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
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
   * Starts the next batch: one journal record. Up to MAX_IN_FLIGHT are handed to LevelDB at once
   * (it joins concurrent synced writes into one log write and one fsync), so a request need not
   * wait for the batch before its own to finish first. A batch counts as committed once it and
   * every batch before it are synced.
   */
  private commit(): void {
    if (this.inFlight.length >= MAX_IN_FLIGHT || this.closed || this.retryTimer) return;
    if (this.pending.size === 0) {
      if (this.inFlight.length === 0) this.release(this.writeSeq);
      return;
    }
    this.takeSnapshots();
    const batch = this.pending as Map<string, JournalWrite>;
    this.pending = new Map();
    const entry: InFlight = { seq: this.writeSeq, journal: this.nextJournal++, batch, text: encodeJournal(batch), state: "writing" };
    this.inFlight.push(entry);
    this.writeJournal(entry);
    // Room for another batch: the writes of the next turn need not wait for this one.
    if (this.pending.size > 0) this.schedule();
  }

  private writeJournal(entry: InFlight): void {
    entry.state = "writing";
    (this.db as Database).put(journalKey(entry.journal), entry.text, { sync: true }).then(
      () => {
        entry.state = "done";
        this.commits += 1;
        let committed = this.committedSeq;
        while (this.inFlight.length > 0 && this.inFlight[0].state === "done") {
          const first = this.inFlight.shift() as InFlight;
          for (const [key, value] of first.batch) this.unflushed.set(key, value);
          this.journals.push(first.journal);
          committed = first.seq;
        }
        this.release(committed);
        this.maybeCheckpoint();
        if (this.pending.size > 0 || this.waiters.length > 0) this.schedule();
      },
      (reason: unknown) => {
        // The batch keeps its journal number and is written again (a gap in the journal would
        // drop every later batch on the next open); nothing after it counts as committed until then.
        entry.state = "failed";
        const error = cannotWrite(path.join(this.dir as string, STATE_FOLDER), reason);
        console.error(`[localcloud] ${error.message}`);
        const failed = this.waiters;
        this.waiters = [];
        for (const waiter of failed) waiter.reject(error);
        this.retryTimer ??= setTimeout(() => {
          this.retryTimer = null;
          for (const other of this.inFlight) if (other.state === "failed") this.writeJournal(other);
          this.schedule();
        }, RETRY_MS);
        this.retryTimer.unref?.();
      },
    );
  }

  private release(seq: number): void {
    if (seq > this.committedSeq) this.committedSeq = seq;
    if (this.waiters.length === 0) return;
    const done = this.waiters.filter((w) => w.seq <= this.committedSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.committedSeq);
    for (const waiter of done) waiter.resolve();
  }

  // ---- checkpoints ---------------------------------------------------------------------------

  private maybeCheckpoint(): void {
    if (this.checkpointing || this.closed || this.journals.length === 0) return;
    if (this.unflushed.size >= CHECKPOINT_RECORDS || this.journals.length >= CHECKPOINT_JOURNALS) {
      void this.checkpoint();
      return;
    }
    if (this.checkpointTimer) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      if (!this.checkpointing && !this.closed) void this.checkpoint();
    }, CHECKPOINT_MS);
    this.checkpointTimer.unref?.();
  }

  /**
   * Writes the synced journals' net effect to the records, deletes those journals and moves
   * `~checkpoint` past them, in one batch. Unsynced: the journals stay until it is on disk, and
   * LevelDB's log keeps it ahead of every later synced journal.
   */
  private checkpoint(): Promise<void> {
    if (this.checkpointing || this.journals.length === 0) return this.checkpointing ?? RESOLVED;
    const db = this.db as Database;
    const writes = this.unflushed;
    const journals = this.journals;
    this.unflushed = new Map();
    this.journals = [];
    const ops: Op[] = [];
    for (const [key, value] of writes) {
      if (value !== null) ops.push({ type: "put", key, value });
      else if (this.persisted.has(key)) ops.push({ type: "del", key });
    }
    for (const journal of journals) ops.push({ type: "del", key: journalKey(journal) });
    ops.push({ type: "put", key: CHECKPOINT_KEY, value: String(journals[journals.length - 1]) });
    const done = db.batch(ops).then(
      () => {
        for (const [key, value] of writes) {
          if (value === null) this.persisted.delete(key);
          else this.persisted.add(key);
        }
        this.checkpoints += 1;
        this.checkpointing = null;
        this.maybeCheckpoint();
      },
      (reason: unknown) => {
        // Newer writes win; the journals stay and are covered by the next attempt.
        for (const [key, value] of writes) if (!this.unflushed.has(key)) this.unflushed.set(key, value);
        this.journals = journals.concat(this.journals);
        this.checkpointing = null;
        console.error(`[localcloud] ${cannotWrite(path.join(this.dir as string, STATE_FOLDER), reason).message}`);
        this.maybeCheckpoint();
      },
    );
    this.checkpointing = done;
    return done;
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

/**
 * Applies the journals after the checkpoint, in order, to the records read; a journal after a gap
 * (and any left from before the checkpoint) is deleted before anything new is written.
 */
async function replayJournals(
  db: Database,
  values: Map<string, string>,
  sortedKeys: string[],
  checkpoint: number,
  found: Array<[number, string]>,
): Promise<Opened> {
  const persisted = new Set(sortedKeys);
  const unflushed = new Map<string, JournalWrite>();
  const journals: number[] = [];
  const stale: Op[] = [];
  const added = new Set<string>();
  let expected = checkpoint + 1;
  let gap = false;
  for (const [seq, text] of found) {
    if (seq < expected || gap || seq !== expected) {
      gap ||= seq > expected;
      stale.push({ type: "del", key: journalKey(seq) });
      continue;
    }
    decodeJournal(text, (key, value) => {
      if (value === null) values.delete(key);
      else if (!values.has(key)) {
        values.set(key, value);
        if (!persisted.has(key)) added.add(key);
      } else values.set(key, value);
      unflushed.set(key, value);
    });
    journals.push(seq);
    expected += 1;
  }
  if (stale.length > 0) await db.batch(stale, { sync: true });
  // The keys in order without a full sort (200,000 of them): drop the deleted, merge in the new.
  const kept = journals.length > 0 ? sortedKeys.filter((key) => values.has(key)) : sortedKeys;
  const fresh = [...added].filter((key) => values.has(key)).sort();
  return { db, values, sortedKeys: fresh.length > 0 ? mergeSorted(kept, fresh) : kept, persisted, unflushed, journals, nextJournal: expected };
}

function mergeSorted(a: string[], b: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i] < b[j] ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
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
