/**
 * The state store's journal: each group-commit batch is one LevelDB record `~journal/<seq>` holding
 * every write of the batch, so a synced batch costs LevelDB one op whatever it holds. The records
 * themselves (`sqs/…/m/…`) are brought up to date later by a checkpoint: one unsynced batch with the
 * net effect of every journal since the last one (a record written three times is written once, a
 * record created and deleted in between not at all), the journals it covers deleted, and
 * `~checkpoint` set to the last sequence number it covers — all in one atomic batch.
 *
 * On open, the journals after `~checkpoint` are replayed in sequence order, stopping at the first
 * gap: a journal after a gap was synced before the one before it and never acknowledged (a request
 * is answered only once its batch and every earlier one are synced), so it is dropped.
 *
 * Framing: one line per write, `<key> <json>` for a put and `<key>` for a delete. Keys hold no
 * spaces (the store's key rule) and JSON.stringify never writes a raw newline, so no escaping.
 */

/** Internal keys sort after every record key (`~` is above the key rule's characters). */
export const JOURNAL_PREFIX = "~journal/";
export const CHECKPOINT_KEY = "~checkpoint";
const SEQ_DIGITS = 15;

/** A write: the record's JSON, or null for a delete. */
export type JournalWrite = string | null;

export function isInternalKey(key: string): boolean {
  return key.charCodeAt(0) === 126; // "~"
}

export function journalKey(seq: number): string {
  return JOURNAL_PREFIX + String(seq).padStart(SEQ_DIGITS, "0");
}

export function journalSeq(key: string): number {
  return Number(key.slice(JOURNAL_PREFIX.length));
}

export function encodeJournal(writes: Map<string, JournalWrite>): string {
  let out = "";
  for (const [key, value] of writes) {
    if (out !== "") out += "\n";
    out += value === null ? key : `${key} ${value}`;
  }
  return out;
}

/** Calls `apply` for each write of a journal record, in the order they were made. */
export function decodeJournal(text: string, apply: (key: string, value: JournalWrite) => void): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const space = text.indexOf(" ", start);
    if (space === -1 || space > end) apply(text.slice(start, end), null);
    else apply(text.slice(start, space), text.slice(space + 1, end));
    start = end + 1;
  }
}
