/**
 * Routes take lab ids, step ids and plain parameters. A resource is always named from the student's
 * prefix on the server, so an ARN, a queue URL or any other URL in a request body is refused
 * before anything else looks at it.
 */
const ARN = /\barn:aws[a-z-]*:/i;
const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\//i;
const AWS_HOST = /\.amazonaws\.com(\.cn)?\b|\bsqs\.[a-z0-9-]+\.amazonaws|localhost:\d+|127\.0\.0\.1:\d+/i;

export interface ForbiddenValue {
  path: string;
  kind: "arn" | "url";
}

/** Finds the first string in a JSON value that is an ARN or a URL, outside the allowed paths. */
export function findArnOrUrl(value: unknown, allowedPaths: string[] = [], path = ""): ForbiddenValue | null {
  if (typeof value === "string") {
    if (allowedPaths.includes(path)) return null;
    if (ARN.test(value)) return { path: path || "(body)", kind: "arn" };
    if (URL_LIKE.test(value) || AWS_HOST.test(value)) return { path: path || "(body)", kind: "url" };
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findArnOrUrl(value[i], allowedPaths, path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      const keyPath = path ? `${path}.${key}` : key;
      if (ARN.test(key) || URL_LIKE.test(key)) return { path: keyPath, kind: ARN.test(key) ? "arn" : "url" };
      const found = findArnOrUrl(inner, allowedPaths, keyPath);
      if (found) return found;
    }
  }
  return null;
}
