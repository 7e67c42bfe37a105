/**
 * The OrderProcessor function and its trigger on OrderQueue, through the lab runtime: its
 * environment (ORDERS_TABLE, ON_ERROR) and its event source mapping. Lambda's names throughout,
 * so the CLI and SDK snippets say what the buttons do.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { MappingView } from "@/lib/runtime";
import type { HandlerEnvironment } from "@/lib/lab-framework/types";
import { createOrderProcessor, type ErrorMode } from "./handlers/order-processor";
import { PROCESSOR_TIMEOUT_SECONDS, type Context } from "./provision";
import type { Resources } from "./resources";

export const BATCH_SIZE = 10;
export const ERROR_MODES: Record<ErrorMode, string> = {
  swallow: "Swallow errors (the write-up's catch-all)",
  fail: "Let errors fail the message",
};

export function readErrorMode(variables: Readonly<Record<string, string>>): ErrorMode {
  return variables.ON_ERROR === "fail" ? "fail" : "swallow";
}

/** How the workbook builds the function for a student: their table and client, their ON_ERROR. */
export function orderProcessorFor(environment: HandlerEnvironment<Resources>) {
  const tableName = environment.variables.ORDERS_TABLE || environment.names.ordersTable;
  return createOrderProcessor(() => ({
    errorMode: readErrorMode(environment.variables),
    async saveOrder(order) {
      await environment.aws.documents.send(new PutCommand({ TableName: tableName, Item: order }));
    },
  }));
}

export async function processorMapping(context: Context): Promise<MappingView | undefined> {
  return context.runtime.findMapping("orderProcessor", "orderQueue");
}

export async function processorEnabled(context: Context): Promise<boolean> {
  return (await processorMapping(context))?.state === "Enabled";
}

export async function errorMode(context: Context): Promise<ErrorMode> {
  return readErrorMode(await context.runtime.environment("orderProcessor"));
}

export async function setErrorMode(context: Context, mode: ErrorMode): Promise<void> {
  const variables = await context.runtime.environment("orderProcessor");
  await context.runtime.setEnvironment("orderProcessor", { ...variables, ORDERS_TABLE: context.names.ordersTable, ON_ERROR: mode });
}

/** Deploys the function's settings and turns its trigger on (or updates it): safe to repeat. */
export async function deployProcessor(context: Context, mode: ErrorMode): Promise<MappingView> {
  await setErrorMode(context, mode);
  return context.runtime.ensureMapping("orderProcessor", "orderQueue", {
    batchSize: BATCH_SIZE,
    maximumBatchingWindowInSeconds: 0,
    functionResponseTypes: ["ReportBatchItemFailures"],
    timeoutSeconds: PROCESSOR_TIMEOUT_SECONDS,
    enabled: true,
  });
}
