/**
 * The parts of dynalite (Apache-2.0) the local cloud drives in-process: its LevelDB store, the
 * request validations (AWS's own messages) and the per-operation actions. dynalite ships no types.
 */
declare module "dynalite/db" {
  import type { DynaliteError, DynaliteItem, DynaliteStore, DynaliteTable } from "dynalite/types";

  interface DynaliteDb {
    create(options: {
      path?: string;
      createTableMs?: number;
      deleteTableMs?: number;
      updateTableMs?: number;
      maxItemSizeKb?: number;
    }): DynaliteStore;
    validateKey(key: DynaliteItem, table: DynaliteTable): DynaliteError | null | undefined;
    validateItem(item: DynaliteItem, table: DynaliteTable): DynaliteError | null | undefined;
    createKey(item: DynaliteItem, table: DynaliteTable): string;
    /** A key attribute value as a sortable string (numbers in a canonical form). */
    toRangeStr(value: Record<string, unknown>): string;
    checkConditional(data: Record<string, unknown>, existing: DynaliteItem | undefined): DynaliteError | null | undefined;
    itemSize(item: DynaliteItem): number;
    validationError(message: string): DynaliteError;
    updateIndexes(
      store: DynaliteStore,
      table: DynaliteTable,
      existing: DynaliteItem | null | undefined,
      item: DynaliteItem | null | undefined,
      cb: (err?: Error | null) => void,
    ): void;
  }
  const db: DynaliteDb;
  export default db;
}

declare module "dynalite/validations" {
  interface Validations {
    checkTypes(data: Record<string, unknown>, types: Record<string, unknown>): Record<string, unknown>;
    checkValidations(
      data: Record<string, unknown>,
      types: Record<string, unknown>,
      custom: ((data: Record<string, unknown>, store: unknown) => string | undefined) | undefined,
      store: unknown,
    ): void;
  }
  const validations: Validations;
  export default validations;
}

declare module "dynalite/types" {
  export type DynaliteItem = Record<string, Record<string, unknown>>;

  export interface DynaliteError extends Error {
    statusCode?: number;
    body?: { __type: string; message?: string; Message?: string };
  }

  export interface DynaliteTable {
    TableName: string;
    TableArn: string;
    TableStatus: string;
    KeySchema: Array<{ AttributeName: string; KeyType: "HASH" | "RANGE" }>;
    AttributeDefinitions: Array<{ AttributeName: string; AttributeType: string }>;
    [field: string]: unknown;
  }

  type Callback<T> = (err: DynaliteError | null | undefined, value?: T) => void;

  export interface SubDb {
    get(key: string, cb: Callback<DynaliteItem>): void;
    put(key: string, value: unknown, cb: (err?: Error | null) => void): void;
    del(key: string, cb: (err?: Error | null) => void): void;
    createValueStream(options?: Record<string, unknown>): NodeJS.ReadableStream;
    lock(key: string, fn: (release: <F extends (...args: never[]) => void>(cb: F) => F) => void): void;
  }

  export interface DynaliteStore {
    options: Record<string, unknown>;
    tableDb: SubDb & { awsAccountId: string; awsRegion: string };
    getItemDb(tableName: string): SubDb;
    getTable(name: string, checkStatus: boolean, cb: Callback<DynaliteTable>): void;
    lifecycleManager?: { gracefulClose(cb: (err?: Error | null) => void): void };
    db: { open(): Promise<void>; close(cb?: (err?: Error | null) => void): unknown };
  }

  export type DynaliteAction = (
    store: DynaliteStore,
    data: Record<string, unknown>,
    cb: (err: DynaliteError | null | undefined, result?: Record<string, unknown>) => void,
  ) => void;
}

declare module "dynalite/actions/*" {
  import type { DynaliteAction } from "dynalite/types";
  const action: DynaliteAction;
  export default action;
}

declare module "dynalite/validations/*" {
  export const types: Record<string, unknown>;
  export const custom: ((data: Record<string, unknown>, store: unknown) => string | undefined) | undefined;
}

declare module "dynalite/db/*" {
  /** A PEG.js parser of one of DynamoDB's expression languages. */
  const parser: {
    parse(input: string, options: { context: Record<string, unknown> }): unknown;
  };
  export default parser;
}
