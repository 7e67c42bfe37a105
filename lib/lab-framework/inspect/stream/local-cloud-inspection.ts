/**
 * Reads one of the local cloud's side-effect-free inspection routes (server side). Only for a
 * connection whose endpoint says it has them (`capabilities.inspect`); real AWS has none.
 */
import type { LabContext } from "@/lib/lab-framework/types";

/** The inspection route answered an error: `code` is AWS's (ResourceNotFoundException...) or the route's. */
export class InspectionError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export function canInspect(context: Pick<LabContext, "aws" | "connection">): boolean {
  return context.connection.capabilities.inspect && Boolean(context.aws.connection.endpoint);
}

export async function readInspection<T>(context: Pick<LabContext, "aws" | "connection" | "region" | "signal">, route: string, query: Record<string, string>): Promise<T> {
  const endpoint = context.aws.connection.endpoint;
  if (!endpoint || !context.connection.capabilities.inspect) throw new InspectionError(501, "NotImplemented", "This connection has no inspection routes.");
  const params = new URLSearchParams({ region: context.region, ...query });
  const response = await fetch(`${endpoint}/_localcloud/${route}?${params}`, {
    cache: "no-store",
    signal: AbortSignal.any([context.signal, AbortSignal.timeout(10_000)]),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new InspectionError(response.status, body.error?.code ?? "InspectionFailed", body.error?.message ?? `The local cloud answered ${response.status}.`);
  }
  return (await response.json()) as T;
}
