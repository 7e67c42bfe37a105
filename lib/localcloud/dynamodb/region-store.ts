/**
 * One region's DynamoDB data: a dynalite store (its LevelDB under the cloud's data folder, or an
 * in-memory level when the cloud is ephemeral), driven in-process through dynalite's request
 * validations and per-operation actions, with promise-returning helpers around its callbacks.
 */
import path from "node:path";
import db from "dynalite/db";
import validations from "dynalite/validations";
import type { DynaliteAction, DynaliteError, DynaliteItem, DynaliteStore, DynaliteTable } from "dynalite/types";
import { AwsError } from "../core/errors";
import { actions, validationsFor, type ActionName, type RunnableAction } from "./dynalite-actions";

export type DynamoInput = Record<string, unknown>;

export class RegionStore {
  readonly store: DynaliteStore;
  private readonly ready: Promise<void>;
  private openFailure: AwsError | null = null;

  constructor(
    readonly region: string,
    accountId: string,
    folder: string | null,
  ) {
    this.store = db.create({
      path: folder ? path.join(folder, region) : undefined,
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
    });
    this.store.tableDb.awsRegion = region;
    this.store.tableDb.awsAccountId = accountId;
    // Open now, so that a data folder another process holds (LevelDB's lock) is one clear error
    // on every request instead of a failure deep inside dynalite.
    const location = folder ? path.join(folder, region) : "memory";
    this.ready = this.store.db.open().catch((error: Error & { cause?: Error }) => {
      console.error(`[localcloud] DynamoDB could not open its data for ${region} (${location}):`, error.cause?.message ?? error.message);
      this.openFailure = new AwsError(
        "InternalServerError",
        `The local cloud could not open its DynamoDB data for ${region}; is another local cloud using the same data folder?`,
        { status: 500 },
      );
    });
  }

  private async opened(): Promise<void> {
    await this.ready;
    if (this.openFailure) throw this.openFailure;
  }

  /** Validates a request as DynamoDB would (AWS's messages) and returns dynalite's parsed form. */
  validate(action: ActionName, input: DynamoInput, extraTypes: Record<string, unknown> = {}, withCustom = true): DynamoInput {
    const rules = validationsFor(action);
    const types = { ...rules.types, ...extraTypes };
    try {
      const data = validations.checkTypes(input, types);
      validations.checkValidations(data, types, withCustom ? rules.custom : undefined, this.store);
      return data;
    } catch (error) {
      throw toAwsError(error);
    }
  }

  /** Runs one of dynalite's actions on already validated input. */
  async run(action: RunnableAction, data: DynamoInput): Promise<Record<string, unknown>> {
    await this.opened();
    const fn: DynaliteAction = actions[action];
    return new Promise((resolve, reject) => {
      fn(this.store, data, (err, result) => {
        if (err) reject(toAwsError(err));
        else resolve(result ?? {});
      });
    });
  }

  /** The stored table record, or a ResourceNotFoundException as DescribeTable words it. */
  async table(name: string): Promise<DynaliteTable> {
    await this.opened();
    return new Promise((resolve, reject) => {
      this.store.getTable(name, false, (err, table) => {
        if (err || !table) reject(toAwsError(err ?? new Error("missing table")));
        else resolve(table);
      });
    });
  }

  /** The stored table record, or undefined. */
  findTable(name: string): Promise<DynaliteTable | undefined> {
    return this.table(name).catch((error: unknown) => {
      if (error instanceof AwsError && error.code === "ResourceNotFoundException") return undefined;
      throw error;
    });
  }

  async putTable(table: DynaliteTable): Promise<void> {
    await this.opened();
    return new Promise((resolve, reject) => {
      this.store.tableDb.put(table.TableName, table, (err) => (err ? reject(err) : resolve()));
    });
  }

  /** Every stored table record (a range read over the table records only). */
  async allTables(): Promise<DynaliteTable[]> {
    await this.opened();
    return new Promise((resolve, reject) => {
      const tables: DynaliteTable[] = [];
      const stream = this.store.tableDb.createValueStream();
      stream.on("data", (table: DynaliteTable) => {
        if (table && typeof table === "object" && table.TableStatus) tables.push(table);
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(tables));
    });
  }

  async getItem(table: DynaliteTable, key: DynaliteItem): Promise<DynaliteItem | undefined> {
    await this.opened();
    const itemDb = this.store.getItemDb(table.TableName);
    return new Promise((resolve, reject) => {
      itemDb.get(db.createKey(key, table), (err, item) => {
        if (err && err.name !== "NotFoundError") reject(err);
        else resolve(item ?? undefined);
      });
    });
  }

  async close(): Promise<void> {
    await this.ready;
    if (this.openFailure) return;
    return new Promise((resolve) => {
      const manager = this.store.lifecycleManager;
      if (manager) manager.gracefulClose(() => resolve());
      else this.store.db.close(() => resolve());
    });
  }
}

/** dynalite reports errors as `{ statusCode, body: { __type: 'namespace#Code', message } }`. */
export function toAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  const dynaliteError = error as DynaliteError;
  if (dynaliteError?.statusCode && dynaliteError.body) {
    const type = dynaliteError.body.__type;
    const code = type.slice(type.indexOf("#") + 1);
    const message = dynaliteError.body.message ?? dynaliteError.body.Message ?? "";
    return new AwsError(code, message, { status: dynaliteError.statusCode });
  }
  console.error("[localcloud] DynamoDB failed:", error);
  return new AwsError("InternalServerError", "Internal server error", { status: 500 });
}
