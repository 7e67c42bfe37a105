/**
 * Helpers for the classroom tests: a fresh in-memory class store, requests as a browser on the
 * workbook's own origin would send them, and the cookies a join or a sign-in sets.
 */
import { ClassStore, replaceClassStore } from "./class-store";
import { resetLimiters } from "./rate-limit";

export const ORIGIN = "http://localhost:3000";

export function freshClassStore(file: string | null = null): ClassStore {
  const store = new ClassStore(file);
  replaceClassStore(store);
  resetLimiters();
  return store;
}

export interface BrowserRequest {
  method?: string;
  body?: unknown;
  cookies?: string[];
  headers?: Record<string, string>;
}

export function browserRequest(path: string, { method = "GET", body, cookies = [], headers = {} }: BrowserRequest = {}): Request {
  const all: Record<string, string> = { host: "localhost:3000", ...headers };
  if (method !== "GET") all.origin ??= ORIGIN;
  if (body !== undefined) all["content-type"] = "application/json";
  if (cookies.length) all.cookie = cookies.join("; ");
  return new Request(`${ORIGIN}${path}`, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** `name=value` of the cookie a response sets. */
export function setCookie(response: Response): string {
  const header = response.headers.get("set-cookie");
  if (!header) throw new Error("The response sets no cookie.");
  return header.split(";")[0];
}

export function params<P>(value: P): { params: Promise<P> } {
  return { params: Promise.resolve(value) };
}
