/**
 * HTTP API route keys (`POST /orders`, `GET /orders/{id}`, `ANY /{proxy+}`, `$default`): their
 * validation, and choosing the route a request takes, with API Gateway's priorities: a full match
 * of path and method, then a match with path variables, then a greedy `{proxy+}` match (the
 * longest literal prefix first), a specific method before `ANY`, and `$default` last. Pure.
 */
import { apiGatewayErrors } from "./errors";

export const DEFAULT_ROUTE_KEY = "$default";
const METHODS = new Set(["ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

type Segment = { kind: "literal"; value: string } | { kind: "variable"; name: string } | { kind: "greedy"; name: string };

export interface ParsedRouteKey {
  method: string;
  path: string;
  segments: Segment[];
}

/** Parses a route key; null for `$default`. Throws BadRequestException for a key API Gateway refuses. */
export function parseRouteKey(routeKey: string): ParsedRouteKey | null {
  if (routeKey === DEFAULT_ROUTE_KEY) return null;
  const invalid = (why: string) => apiGatewayErrors.badRequest(`The route key "${routeKey}" is not valid: ${why}`);
  const match = /^(\S+) (\/\S*)$/.exec(routeKey);
  if (!match) throw invalid("it must be $default or an HTTP method, one space and a path starting with /, such as \"POST /orders\".");
  const [, method, path] = match;
  if (!METHODS.has(method)) throw invalid(`the method must be one of ${[...METHODS].join(", ")}.`);
  if (path !== "/" && path.endsWith("/")) throw invalid("the path must not end with /.");
  const parts = path === "/" ? [] : path.slice(1).split("/");
  const names = new Set<string>();
  const segments = parts.map((part, index): Segment => {
    if (part === "") throw invalid("the path has an empty segment.");
    const variable = /^\{([A-Za-z0-9._-]+)(\+?)\}$/.exec(part);
    if (!variable) {
      if (/[{}]/.test(part)) throw invalid(`the segment "${part}" must be a whole {variable} or plain text.`);
      return { kind: "literal", value: part };
    }
    const [, name, plus] = variable;
    if (names.has(name)) throw invalid(`the path variable {${name}} appears twice.`);
    names.add(name);
    if (plus) {
      if (index !== parts.length - 1) throw invalid("a greedy path variable must be the last segment.");
      return { kind: "greedy", name };
    }
    return { kind: "variable", name };
  });
  return { method, path, segments };
}

/**
 * The route key of `existing` that the new key would conflict with, as API Gateway refuses it:
 * the same method and the same path shape with a variable named differently at one level.
 */
export function conflictingKey(candidate: ParsedRouteKey, existing: string[]): string | undefined {
  for (const other of existing) {
    const parsed = parseRouteKey(other);
    if (!parsed || parsed.method !== candidate.method || parsed.segments.length !== candidate.segments.length) continue;
    let conflict = false;
    let sameShape = true;
    candidate.segments.forEach((segment, i) => {
      const theirs = parsed.segments[i];
      if (segment.kind !== theirs.kind) sameShape = false;
      else if (segment.kind === "literal" && theirs.kind === "literal" && segment.value !== theirs.value) sameShape = false;
      else if (segment.kind !== "literal" && theirs.kind !== "literal" && segment.name !== theirs.name) conflict = true;
    });
    if (sameShape && conflict) return other;
  }
  return undefined;
}

export interface RouteMatch<R> {
  route: R;
  /** Decoded, as API Gateway passes them; empty for `$default`. */
  pathParameters: Record<string, string>;
}

/**
 * The route a request takes, or null (API Gateway then answers 404 `{"message":"Not Found"}`).
 * `path` is the request path below the stage, still percent-encoded.
 */
export function matchRoute<R extends { routeKey: string }>(routes: R[], method: string, path: string): RouteMatch<R> | null {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  const parts = trimmed === "/" || trimmed === "" ? [] : trimmed.slice(1).split("/");
  let best: { match: RouteMatch<R>; rank: number[] } | null = null;
  let fallback: R | undefined;
  for (const route of routes) {
    let parsed: ParsedRouteKey | null;
    try {
      parsed = parseRouteKey(route.routeKey);
    } catch {
      continue;
    }
    if (!parsed) {
      fallback = route;
      continue;
    }
    if (parsed.method !== "ANY" && parsed.method !== method) continue;
    const pathParameters = matchSegments(parsed.segments, parts);
    if (!pathParameters) continue;
    const rank = rankOf(parsed);
    if (!best || compareRanks(rank, best.rank) > 0) best = { match: { route, pathParameters }, rank };
  }
  if (best) return best.match;
  return fallback ? { route: fallback, pathParameters: {} } : null;
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | null {
  const parameters: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === "greedy") {
      const rest = parts.slice(i);
      if (rest.length === 0) return null;
      parameters[segment.name] = decode(rest.join("/"));
      return parameters;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.kind === "literal") {
      if (decode(part) !== segment.value) return null;
    } else {
      if (part === "") return null;
      parameters[segment.name] = decode(part);
    }
  }
  return parts.length === segments.length ? parameters : null;
}

/** Larger is more specific: no greedy variable, then literal segments from the left, then a named method. */
function rankOf(parsed: ParsedRouteKey): number[] {
  const greedy = parsed.segments.some((s) => s.kind === "greedy");
  return [greedy ? 0 : 1, ...parsed.segments.map((s) => (s.kind === "literal" ? 2 : s.kind === "variable" ? 1 : 0)), parsed.method === "ANY" ? 0 : 1];
}

function compareRanks(a: number[], b: number[]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  // Greedy routes: the longer literal prefix wins.
  const length = Math.max(a.length, b.length);
  for (let i = 1; i < length - 1; i++) {
    const x = i < a.length - 1 ? a[i] : -1;
    const y = i < b.length - 1 ? b[i] : -1;
    if (x !== y) return x - y;
  }
  return a[a.length - 1] - b[b.length - 1];
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
