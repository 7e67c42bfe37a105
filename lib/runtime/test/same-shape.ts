/**
 * Compares the shape of two JSON values: the same keys at every level, the same value types,
 * and list elements shaped like the first documented one. Returns what differs, as JSON paths.
 */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

export function shapeDifferences(actual: unknown, documented: unknown, path = "$"): string[] {
  const a = kindOf(actual);
  const d = kindOf(documented);
  if (a !== d) return [`${path}: ${a} where AWS documents ${d}`];
  if (a === "array") {
    const list = actual as unknown[];
    const doc = documented as unknown[];
    if (list.length === 0 || doc.length === 0) return [];
    return list.flatMap((item, i) => shapeDifferences(item, doc[0], `${path}[${i}]`));
  }
  if (a === "object") {
    const obj = actual as Record<string, unknown>;
    const doc = documented as Record<string, unknown>;
    const problems: string[] = [];
    for (const key of Object.keys(doc)) if (!(key in obj)) problems.push(`${path}.${key}: missing`);
    for (const key of Object.keys(obj)) if (!(key in doc)) problems.push(`${path}.${key}: not in AWS's event`);
    for (const key of Object.keys(doc)) if (key in obj) problems.push(...shapeDifferences(obj[key], doc[key], `${path}.${key}`));
    return problems;
  }
  return [];
}
