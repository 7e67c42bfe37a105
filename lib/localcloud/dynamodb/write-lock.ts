/**
 * Serializes writes so stream images are exact and transactions atomic, without making writes to
 * different items of a table wait on each other:
 *
 * - every item write holds its table's gate shared and its item's lock exclusively; writes to one
 *   item run one after another, writes to different items run side by side;
 * - table-wide changes (stream on/off, delete, the time-to-live sweep) hold the gate exclusively,
 *   so they see no write half-done and no write sees them half-done.
 *
 * Gates are taken before item locks, each kind in sorted order, and nothing holding an item lock
 * waits for a gate, so no two holders can wait on each other.
 */
interface Gate {
  readers: number;
  writer: boolean;
  queue: Array<{ exclusive: boolean; grant: () => void }>;
}

export class WriteLocks {
  private gates = new Map<string, Gate>();
  private itemTails = new Map<string, Promise<void>>();

  /** Runs `fn` with the tables' gates shared and the items' locks held. */
  async items<T>(tableKeys: string[], itemKeys: string[], fn: () => Promise<T>): Promise<T> {
    const releases: Array<() => void> = [];
    try {
      for (const key of sortedUnique(tableKeys)) releases.push(await this.enter(key, false));
      for (const key of sortedUnique(itemKeys)) releases.push(await this.lockItem(key));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  /** Runs `fn` alone on the tables: no item write of theirs is under way meanwhile. */
  async tables<T>(tableKeys: string[], fn: () => Promise<T>): Promise<T> {
    const releases: Array<() => void> = [];
    try {
      for (const key of sortedUnique(tableKeys)) releases.push(await this.enter(key, true));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  private enter(key: string, exclusive: boolean): Promise<() => void> {
    let gate = this.gates.get(key);
    if (!gate) {
      gate = { readers: 0, writer: false, queue: [] };
      this.gates.set(key, gate);
    }
    const current = gate;
    const release = () => {
      if (exclusive) current.writer = false;
      else current.readers--;
      this.admit(key, current);
    };
    if (current.queue.length === 0 && !current.writer && (!exclusive || current.readers === 0)) {
      if (exclusive) current.writer = true;
      else current.readers++;
      return Promise.resolve(release);
    }
    return new Promise((resolve) => current.queue.push({ exclusive, grant: () => resolve(release) }));
  }

  private admit(key: string, gate: Gate): void {
    while (gate.queue.length > 0 && !gate.writer) {
      const next = gate.queue[0];
      if (next.exclusive) {
        if (gate.readers > 0) break;
        gate.queue.shift();
        gate.writer = true;
        next.grant();
        break;
      }
      gate.queue.shift();
      gate.readers++;
      next.grant();
    }
    if (gate.readers === 0 && !gate.writer && gate.queue.length === 0) this.gates.delete(key);
  }

  private async lockItem(key: string): Promise<() => void> {
    const previous = this.itemTails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous ? previous.then(() => mine) : mine;
    this.itemTails.set(key, tail);
    if (previous) await previous;
    return () => {
      release();
      if (this.itemTails.get(key) === tail) this.itemTails.delete(key);
    };
  }
}

function sortedUnique(keys: string[]): string[] {
  return [...new Set(keys)].sort();
}
