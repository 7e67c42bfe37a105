/**
 * Shard iterators: opaque strings that say where in which shard a reader is. Ours carry the
 * stream (and its creation time, so a re-created stream of the same name rejects old iterators),
 * the shard, the position and when the iterator was issued (they expire after 5 minutes).
 */
import { kinesisErrors } from "./errors";

export const ITERATOR_LIFETIME_MS = 300_000;

export interface IteratorPosition {
  /** `at`: from this sequence number on; `after`: strictly after it. */
  mode: "at" | "after";
  sequenceNumber: string;
}

export interface ShardIteratorState extends IteratorPosition {
  region: string;
  streamName: string;
  streamCreatedAt: number;
  shardIndex: number;
  issuedAt: number;
}

export function encodeShardIterator(state: ShardIteratorState): string {
  const fields = [
    "k1",
    state.region,
    state.streamName,
    state.streamCreatedAt,
    state.shardIndex,
    state.mode,
    state.sequenceNumber,
    state.issuedAt,
  ];
  return Buffer.from(JSON.stringify(fields)).toString("base64");
}

export function decodeShardIterator(iterator: string): ShardIteratorState {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(iterator, "base64").toString("utf8"));
  } catch {
    throw kinesisErrors.invalidIterator();
  }
  if (!Array.isArray(fields) || fields.length !== 8 || fields[0] !== "k1") throw kinesisErrors.invalidIterator();
  const [, region, streamName, streamCreatedAt, shardIndex, mode, sequenceNumber, issuedAt] = fields as unknown[];
  if (
    typeof region !== "string" ||
    typeof streamName !== "string" ||
    typeof streamCreatedAt !== "number" ||
    typeof shardIndex !== "number" ||
    (mode !== "at" && mode !== "after") ||
    typeof sequenceNumber !== "string" ||
    typeof issuedAt !== "number"
  ) {
    throw kinesisErrors.invalidIterator();
  }
  return { region, streamName, streamCreatedAt, shardIndex, mode, sequenceNumber, issuedAt };
}
