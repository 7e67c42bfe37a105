/**
 * A binary min-heap of timed entries, ordered by `at`. Queues keep one for everything that happens
 * on the clock (a delay or visibility timeout ending, retention expiring), so the next due event is
 * found in O(1) and handled in O(log n) however many messages wait.
 */
export interface TimedEntry {
  at: number;
}

export class EventHeap<T extends TimedEntry> {
  private items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent].at <= item.at) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    const n = items.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && items[right].at < items[left].at ? right : left;
      if (items[child].at >= last.at) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return top;
  }

  clear(): void {
    this.items = [];
  }

  /** Replaces the contents at once (O(n) heapify), e.g. to drop entries that went stale. */
  replaceAll(items: T[]): void {
    this.items = items;
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[start];
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && items[right].at < items[left].at ? right : left;
      if (items[child].at >= item.at) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = item;
  }
}
