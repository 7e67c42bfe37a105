/**
 * Sees every item write dynalite makes, with the item before and after, by wrapping its
 * `updateIndexes` step (which every put, update and delete passes through once, inside the item
 * lock, with both images). The observer of each store turns them into stream records.
 */
import db from "dynalite/db";
import type { DynaliteItem, DynaliteStore, DynaliteTable } from "dynalite/types";

export type WriteObserver = (table: DynaliteTable, oldItem: DynaliteItem | undefined, newItem: DynaliteItem | undefined) => void;

const observers = new WeakMap<DynaliteStore, WriteObserver>();
let installed = false;

export function observeWrites(store: DynaliteStore, observer: WriteObserver): void {
  install();
  observers.set(store, observer);
}

function install(): void {
  if (installed) return;
  installed = true;
  const original = db.updateIndexes;
  db.updateIndexes = (store, table, existing, item, cb) => {
    const observer = observers.get(store);
    if (!observer) return original(store, table, existing, item, cb);
    original(store, table, existing, item, (err) => {
      if (!err) {
        try {
          observer(table, existing ?? undefined, item ?? undefined);
        } catch (error) {
          console.error("[localcloud] a DynamoDB write observer failed:", error);
        }
      }
      cb(err);
    });
  };
}
