/**
 * dynalite's per-operation actions and request validations, by operation, loaded statically so
 * bundlers see them.
 */
import type { DynaliteAction } from "dynalite/types";
import batchGetItem from "dynalite/actions/batchGetItem";
import batchWriteItem from "dynalite/actions/batchWriteItem";
import deleteItem from "dynalite/actions/deleteItem";
import deleteTable from "dynalite/actions/deleteTable";
import getItem from "dynalite/actions/getItem";
import listTagsOfResource from "dynalite/actions/listTagsOfResource";
import putItem from "dynalite/actions/putItem";
import query from "dynalite/actions/query";
import scan from "dynalite/actions/scan";
import tagResource from "dynalite/actions/tagResource";
import untagResource from "dynalite/actions/untagResource";
import updateItem from "dynalite/actions/updateItem";
import updateTable from "dynalite/actions/updateTable";
import * as batchGetItemRules from "dynalite/validations/batchGetItem";
import * as batchWriteItemRules from "dynalite/validations/batchWriteItem";
import * as createTableRules from "dynalite/validations/createTable";
import * as deleteItemRules from "dynalite/validations/deleteItem";
import * as deleteTableRules from "dynalite/validations/deleteTable";
import * as describeTableRules from "dynalite/validations/describeTable";
import * as getItemRules from "dynalite/validations/getItem";
import * as listTablesRules from "dynalite/validations/listTables";
import * as listTagsOfResourceRules from "dynalite/validations/listTagsOfResource";
import * as putItemRules from "dynalite/validations/putItem";
import * as queryRules from "dynalite/validations/query";
import * as scanRules from "dynalite/validations/scan";
import * as tagResourceRules from "dynalite/validations/tagResource";
import * as untagResourceRules from "dynalite/validations/untagResource";
import * as updateItemRules from "dynalite/validations/updateItem";
import * as updateTableRules from "dynalite/validations/updateTable";

export const actions = {
  batchGetItem,
  batchWriteItem,
  deleteItem,
  deleteTable,
  getItem,
  listTagsOfResource,
  putItem,
  query,
  scan,
  tagResource,
  untagResource,
  updateItem,
  updateTable,
} satisfies Record<string, DynaliteAction>;

export type RunnableAction = keyof typeof actions;
export type ActionName = RunnableAction | "createTable" | "describeTable" | "listTables";

interface Rules {
  types: Record<string, unknown>;
  custom: ((data: Record<string, unknown>, store: unknown) => string | undefined) | undefined;
}

const rules: Record<ActionName, Rules> = {
  batchGetItem: batchGetItemRules,
  batchWriteItem: batchWriteItemRules,
  createTable: createTableRules,
  deleteItem: deleteItemRules,
  deleteTable: deleteTableRules,
  describeTable: describeTableRules,
  getItem: getItemRules,
  listTables: listTablesRules,
  listTagsOfResource: listTagsOfResourceRules,
  putItem: putItemRules,
  query: queryRules,
  scan: scanRules,
  tagResource: tagResourceRules,
  untagResource: untagResourceRules,
  updateItem: updateItemRules,
  updateTable: updateTableRules,
};

export function validationsFor(action: ActionName): Rules {
  return rules[action];
}
