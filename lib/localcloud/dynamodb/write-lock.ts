/**
 * Serializes writes per table: a write (or a transaction over several tables) runs only once
 * every earlier write to its tables has finished, so stream images are exact and transactions
 * are atomic. Keys are taken in sorted order, so two multi-table writes never wait on each other.
 */
export class WriteLocks {
  private tails = new Map<string, Promise<void>>();

  async run<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
    const releases: Array<() => void> = [];
    for (const key of [...new Set(keys)].sort()) {
      const previous = this.tails.get(key);
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const tail = previous ? previous.then(() => mine) : mine;
      this.tails.set(key, tail);
      if (previous) await previous;
      releases.push(() => {
        release();
        if (this.tails.get(key) === tail) this.tails.delete(key);
      });
    }
    try {
      return await fn();
    } finally {
      for (const release of releases) release();
    }
  }
}
