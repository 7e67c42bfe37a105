/**
 * TransactWriteItems and TransactGetItems, which dynalite lacks. Each action is validated as the
 * single-item operation it mirrors (so its messages are DynamoDB's), then the whole transaction
 * runs holding the write lock of every table it touches: every condition is checked first, and
 * only if all pass are the writes applied; a write that fails half-way is rolled back, and the
 * stream records of a transaction appear only once it has committed.
 */
import { createHash } from "node:crypto";
import type { DynaliteItem, DynaliteTable } from "dynalite/types";
import db from "dynalite/db";
import { AwsError } from "../core/errors";
import type { DynamoDbModel } from "./model";
import type { DynamoInput, RegionStore } from "./region-store";

const MAX_ACTIONS = 100;
/** How long a ClientRequestToken makes a repeat of the same request a no-op, as on AWS. */
const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;

type WriteKind = "Put" | "Update" | "Delete" | "ConditionCheck";

interface PreparedAction {
  kind: WriteKind;
  data: DynamoInput;
  returnOnFailure?: string;
  table?: DynaliteTable;
  key?: DynaliteItem;
  keyString?: string;
  existing?: DynaliteItem;
}

interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: DynaliteItem;
}

const ACTION_RULES: Record<WriteKind, "putItem" | "updateItem" | "deleteItem"> = {
  Put: "putItem",
  Update: "updateItem",
  Delete: "deleteItem",
  ConditionCheck: "deleteItem",
};

export class Transactions {
  private tokens = new Map<string, { hash: string; expiresAt: number }>();

  constructor(private readonly model: DynamoDbModel) {}

  async write(region: string, input: DynamoInput): Promise<unknown> {
    const store = this.model.region(region);
    const items = checkList(input.TransactItems, "transactItems");
    const token = typeof input.ClientRequestToken === "string" ? input.ClientRequestToken : undefined;
    if (token !== undefined && (token.length < 1 || token.length > 36)) {
      throw new AwsError("ValidationException", `1 validation error detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 36`);
    }
    const hash = createHash("sha256").update(JSON.stringify(items)).digest("hex");
    const now = this.model.clock.now();
    if (token) {
      for (const [t, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(t);
      const seen = this.tokens.get(`${region}/${token}`);
      if (seen && seen.hash !== hash) {
        throw new AwsError("IdempotentParameterMismatchException", "Transaction token reused with different parameters");
      }
      if (seen) return {};
    }

    const actions = items.map((item, index) => prepareWrite(store, item, index));
    const tableNames = [...new Set(actions.map((a) => a.data.TableName as string))];
    this.model.assertUsable(region, tableNames);

    const targets = actions.map((a) => ({
      table: a.data.TableName as string,
      item: (a.kind === "Put" ? a.data.Item : a.data.Key) as DynaliteItem,
    }));
    await this.model.atomically(region, { tables: tableNames, items: targets }, async () => {
      const seenKeys = new Set<string>();
      for (const action of actions) {
        const table = await store.table(action.data.TableName as string).catch(() => {
          throw new AwsError("ResourceNotFoundException", "Requested resource not found");
        });
        const key = action.kind === "Put" ? keyOf(table, action.data.Item as DynaliteItem) : (action.data.Key as DynaliteItem);
        const invalid = action.kind === "Put" ? db.validateItem(action.data.Item as DynaliteItem, table) : db.validateKey(key, table);
        if (invalid) throw new AwsError("ValidationException", invalid.body?.message ?? "The provided key element does not match the schema");
        const keyString = `${table.TableName}/${db.createKey(key, table)}`;
        if (seenKeys.has(keyString)) {
          throw new AwsError("ValidationException", "Transaction request cannot include multiple operations on one item");
        }
        seenKeys.add(keyString);
        Object.assign(action, { table, key, keyString, existing: await store.getItem(table, key) });
      }

      const reasons: CancellationReason[] = actions.map((action) => {
        const failed = db.checkConditional(action.data, action.existing);
        if (!failed) return { Code: "None" };
        const reason: CancellationReason = { Code: "ConditionalCheckFailed", Message: "The conditional request failed" };
        if (action.returnOnFailure === "ALL_OLD" && action.existing) reason.Item = action.existing;
        return reason;
      });
      if (reasons.some((r) => r.Code !== "None")) throw cancelled(reasons);

      const applied: PreparedAction[] = [];
      for (const [index, action] of actions.entries()) {
        if (action.kind === "ConditionCheck") continue;
        const unconditional = withoutCondition(action.data);
        try {
          await store.run(ACTION_RULES[action.kind], unconditional);
          applied.push(action);
        } catch (error) {
          await rollBack(store, applied);
          const failure = error instanceof AwsError ? error : new AwsError("InternalServerError", "Internal server error", { status: 500 });
          const failed = actions.map((): CancellationReason => ({ Code: "None" }));
          failed[index] = { Code: failure.code === "ValidationException" ? "ValidationError" : failure.code, Message: failure.message };
          throw cancelled(failed);
        }
      }
    });
    if (token) this.tokens.set(`${region}/${token}`, { hash, expiresAt: now + IDEMPOTENCY_WINDOW_MS });
    return {};
  }

  async get(region: string, input: DynamoInput): Promise<unknown> {
    const store = this.model.region(region);
    const items = checkList(input.TransactItems, "transactItems");
    const requests = items.map((item, index) => {
      const get = (item as { Get?: DynamoInput }).Get;
      if (!get || typeof get !== "object") {
        throw new AwsError("ValidationException", `1 validation error detected: Value null at 'transactItems.${index + 1}.member.get' failed to satisfy constraint: Member must not be null`);
      }
      return store.validate("getItem", { ...get });
    });
    const tableNames = [...new Set(requests.map((r) => r.TableName as string))];
    this.model.assertUsable(region, tableNames);
    const targets = requests.map((r) => ({ table: r.TableName as string, item: r.Key as DynaliteItem }));
    const responses = await this.model.atomically(region, { tables: tableNames, items: targets }, () =>
      Promise.all(requests.map((data) => store.run("getItem", data))),
    );
    return { Responses: responses.map((r) => (r.Item ? { Item: r.Item } : {})) };
  }
}

function checkList(value: unknown, member: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new AwsError("ValidationException", `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  if (value.length < 1 || value.length > MAX_ACTIONS) {
    const bound = value.length < 1 ? "greater than or equal to 1" : `less than or equal to ${MAX_ACTIONS}`;
    throw new AwsError("ValidationException", `1 validation error detected at '${member}' failed to satisfy constraint: Member must have length ${bound}`);
  }
  return value;
}

function prepareWrite(store: RegionStore, item: unknown, index: number): PreparedAction {
  const entry = (item ?? {}) as Record<string, DynamoInput | undefined>;
  const kinds = (Object.keys(ACTION_RULES) as WriteKind[]).filter((kind) => entry[kind] !== undefined && entry[kind] !== null);
  if (kinds.length !== 1) {
    throw new AwsError(
      "ValidationException",
      kinds.length === 0
        ? `TransactItems can only contain one of Check, Put, Update or Delete`
        : `TransactItems can only contain one of Check, Put, Update or Delete`,
    );
  }
  const kind = kinds[0];
  const raw = { ...(entry[kind] as DynamoInput) };
  const returnOnFailure = typeof raw.ReturnValuesOnConditionCheckFailure === "string" ? raw.ReturnValuesOnConditionCheckFailure : undefined;
  if (kind === "ConditionCheck" && typeof raw.ConditionExpression !== "string") {
    throw new AwsError(
      "ValidationException",
      `1 validation error detected: Value null at 'transactItems.${index + 1}.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null`,
    );
  }
  return { kind, data: store.validate(ACTION_RULES[kind], raw), returnOnFailure };
}

function withoutCondition(data: DynamoInput): DynamoInput {
  const copy: DynamoInput = { ...data };
  delete copy._condition;
  delete copy.Expected;
  delete copy.ConditionExpression;
  delete copy.ReturnValues;
  return copy;
}

async function rollBack(store: RegionStore, applied: PreparedAction[]): Promise<void> {
  for (const action of applied.reverse()) {
    const table = action.table as DynaliteTable;
    if (action.existing) await store.run("putItem", { TableName: table.TableName, Item: action.existing });
    else await store.run("deleteItem", { TableName: table.TableName, Key: action.key });
  }
}

function cancelled(reasons: CancellationReason[]): AwsError {
  return new AwsError(
    "TransactionCanceledException",
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(", ")}]`,
    { extra: { CancellationReasons: reasons } },
  );
}

function keyOf(table: DynaliteTable, item: DynaliteItem): DynaliteItem {
  const key: DynaliteItem = {};
  for (const { AttributeName } of table.KeySchema) key[AttributeName] = item[AttributeName];
  return key;
}
