/**
 * The browser's side of the routes: JSON in, JSON out, failures as the same ApiError shape the
 * routes answer with. Safe to import from client components (no server code).
 */
import type { ApiError } from "./responses";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError; status: number };

export async function callApi<T>(url: string, method: "POST" | "PUT" | "DELETE", body?: unknown): Promise<ApiResult<T>> {
  try {
    const response = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const json = (await response.json().catch(() => ({}))) as T | { error?: ApiError };
    if (!response.ok) {
      const error = (json as { error?: ApiError }).error ?? {
        code: `HTTP${response.status}`,
        message: `The server answered ${response.status}.`,
        action: "Retry in a moment.",
      };
      return { ok: false, error, status: response.status };
    }
    return { ok: true, data: json as T };
  } catch {
    return {
      ok: false,
      status: 0,
      error: { code: "NetworkError", message: "The workbook server did not answer.", action: "Check that it is still running, then retry." },
    };
  }
}
