/**
 * The instructor pages' calls: callApi's JSON-in, JSON-out with the same error shape, plus the
 * methods the classroom routes use (GET for reads that are not live, PATCH for class changes).
 */
import { callApi, type ApiResult } from "@/lib/api/client";
import type { ApiError } from "@/lib/api/responses";

export async function classroomApi<T>(url: string, method: "GET" | "POST" | "PATCH" | "DELETE", body?: unknown): Promise<ApiResult<T>> {
  if (method === "POST" || method === "DELETE") return callApi<T>(url, method, body);
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const json = (await response.json().catch(() => ({}))) as T | { error?: ApiError };
    if (!response.ok) {
      const error = (json as { error?: ApiError }).error ?? { code: `HTTP${response.status}`, message: `The server answered ${response.status}.`, action: "Retry in a moment." };
      return { ok: false, error, status: response.status };
    }
    return { ok: true, data: json as T };
  } catch {
    return { ok: false, status: 0, error: { code: "NetworkError", message: "The workbook server did not answer.", action: "Check that it is still running, then retry." } };
  }
}

export function classUrl(classId: string, rest = ""): string {
  return `/api/instructor/classes/${encodeURIComponent(classId)}${rest}`;
}
