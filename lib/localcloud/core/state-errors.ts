/**
 * The errors of the local cloud's state store, each naming the folder (or file) and what to do:
 * the folder held by another local cloud (LevelDB's LOCK), a database or record that cannot be
 * read, a write that failed (a full disk). The local cloud stops on the first two rather than
 * start empty, which would look like lost work.
 */

/** A data folder the local cloud cannot use; `message` says which and what to do. */
export class StateStoreError extends Error {
  constructor(
    message: string,
    /** The folder or file concerned. */
    readonly location: string,
    options?: { cause?: unknown; locked?: boolean },
  ) {
    super(message, options);
    this.name = "StateStoreError";
    this.locked = options?.locked ?? false;
  }

  /** The folder is held by another local cloud (LevelDB's LOCK). */
  readonly locked: boolean;
}

interface LevelError {
  code?: string;
  message?: string;
  cause?: { code?: string; message?: string };
}

function reasonOf(error: unknown): string {
  const e = error as LevelError;
  return e?.cause?.message ?? e?.message ?? String(error);
}

export function cannotOpen(location: string, error: unknown): StateStoreError {
  const e = error as LevelError;
  const code = e?.cause?.code ?? e?.code;
  if (code === "LEVEL_LOCKED") {
    return new StateStoreError(
      `The data folder ${location} is in use by another local cloud (its LevelDB LOCK file is held). ` +
        "Stop the other local cloud, or start this one with another folder (--data DIR or LOCALCLOUD_DATA) or --ephemeral.",
      location,
      { cause: error, locked: true },
    );
  }
  if (code === "EACCES" || code === "EPERM" || code === "EROFS" || code === "ENOSPC") {
    return new StateStoreError(
      `The local cloud cannot use its data folder ${location} (${reasonOf(error)}). Check the folder's permissions and free disk space.`,
      location,
      { cause: error },
    );
  }
  return new StateStoreError(
    `The local cloud cannot read its data folder ${location}: ${reasonOf(error)}. ` +
      "Its files are damaged or not a local cloud's. Nothing was changed; move the folder aside (or delete it) to start empty, or restore it from a copy.",
    location,
    { cause: error },
  );
}

export function cannotRead(location: string, key: string, error: unknown): StateStoreError {
  return new StateStoreError(
    `The local cloud cannot read record "${key}" in its data folder ${location}: ${reasonOf(error)}. ` +
      "The record is damaged. Nothing was changed; move the folder aside (or delete it) to start empty, or restore it from a copy.",
    location,
    { cause: error },
  );
}

export function cannotWrite(location: string, error: unknown): StateStoreError {
  return new StateStoreError(
    `The local cloud could not save to its data folder ${location}: ${reasonOf(error)}. ` +
      "The request was not acknowledged; free disk space (or fix the folder's permissions) and retry it.",
    location,
    { cause: error },
  );
}

export function cannotMigrate(file: string, error: unknown): StateStoreError {
  return new StateStoreError(
    `The local cloud cannot read the state file ${file} while moving its data folder to the new format: ${reasonOf(error)}. ` +
      "Nothing was changed; repair or remove that file, then start again.",
    file,
    { cause: error },
  );
}
