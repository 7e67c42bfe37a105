/**
 * Pipes' InputTemplate, rendered as EventBridge Pipes renders it. A pure module with no local
 * cloud dependency, so the lab UI can preview what a target will receive.
 *
 * Placeholders are `<$.json.path>` (dot names, `[n]` indexes, `*` wildcards) and the reserved
 * `<aws.pipes.*>` variables. How a value is written depends on where the placeholder stands:
 *   - in a JSON template (one that starts with `{` or `[`), outside quotes: the value as JSON
 *     (a string gets its quotes, an object stays an object), `null` when the path is missing;
 *   - in a JSON template, inside a quoted string: a string's characters (escaped so the JSON
 *     stays valid), a number or boolean as text, an object or array as JSON with its inner
 *     quotes removed, nothing when the path is missing;
 *   - in a text template: a string as is, anything else as JSON, nothing when missing.
 */

export interface TemplateVariables {
  pipeArn?: string;
  pipeName?: string;
  sourceArn?: string;
  enrichmentArn?: string;
  targetArn?: string;
  /** ISO 8601 time the event was received. */
  ingestionTime?: string;
}

const PLACEHOLDER = /<(\$(?:\.[^<>\s]*|\[[^<>\s]*)?|aws\.pipes\.[a-z.-]+)>/g;

export class InputTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputTemplateError";
  }
}

/** Checks that every placeholder is a supported path or reserved variable. */
export function validateInputTemplate(template: string): void {
  for (const match of template.matchAll(/<([^<>]*)>/g)) {
    const inner = match[1];
    if (inner.startsWith("aws.pipes.")) {
      if (!RESERVED.has(inner)) throw new InputTemplateError(`Unknown reserved variable <${inner}>.`);
    } else if (inner.startsWith("$")) {
      parsePath(inner);
    }
  }
}

const RESERVED = new Set([
  "aws.pipes.pipe-arn",
  "aws.pipes.pipe-name",
  "aws.pipes.source-arn",
  "aws.pipes.enrichment-arn",
  "aws.pipes.target-arn",
  "aws.pipes.event.ingestion-time",
  "aws.pipes.event",
  "aws.pipes.event.json",
]);

type Segment = { name: string } | { index: number } | { wildcard: true };

function parsePath(path: string): Segment[] {
  if (!path.startsWith("$")) throw new InputTemplateError(`A JSON path must start with $: ${path}`);
  const segments: Segment[] = [];
  const re = /\.([A-Za-z0-9_\-/]+|\*)|\[(\d+|\*)\]/y;
  let at = 1;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m) throw new InputTemplateError(`Unsupported JSON path syntax: ${path}`);
    if (m[1] !== undefined) segments.push(m[1] === "*" ? { wildcard: true } : { name: m[1] });
    else segments.push(m[2] === "*" ? { wildcard: true } : { index: Number(m[2]) });
    at = re.lastIndex;
  }
  return segments;
}

/** The value at a path, or undefined when it is missing; a wildcard collects an array. */
export function resolvePath(event: unknown, path: string): unknown {
  let current: unknown[] = [event];
  let collecting = false;
  for (const segment of parsePath(path)) {
    const next: unknown[] = [];
    for (const node of current) {
      if ("wildcard" in segment) {
        collecting = true;
        if (Array.isArray(node)) next.push(...node);
        else if (node && typeof node === "object") next.push(...Object.values(node));
      } else if ("index" in segment) {
        if (Array.isArray(node) && segment.index < node.length) next.push(node[segment.index]);
      } else if (node && typeof node === "object" && !Array.isArray(node) && segment.name in node) {
        next.push((node as Record<string, unknown>)[segment.name]);
      }
    }
    current = next;
  }
  if (collecting) return current;
  return current.length > 0 ? current[0] : undefined;
}

function reserved(name: string, event: unknown, variables: TemplateVariables): unknown {
  switch (name) {
    case "aws.pipes.pipe-arn":
      return variables.pipeArn;
    case "aws.pipes.pipe-name":
      return variables.pipeName;
    case "aws.pipes.source-arn":
      return variables.sourceArn;
    case "aws.pipes.enrichment-arn":
      return variables.enrichmentArn;
    case "aws.pipes.target-arn":
      return variables.targetArn;
    case "aws.pipes.event.ingestion-time":
      return variables.ingestionTime;
    default:
      return event;
  }
}

/** Renders the template for one event. */
export function renderInputTemplate(template: string, event: unknown, variables: TemplateVariables = {}): string {
  const trimmed = template.trimStart();
  const jsonTemplate = trimmed.startsWith("{") || trimmed.startsWith("[");
  const quotedAt = jsonTemplate ? quotedPositions(template) : null;
  return template.replace(PLACEHOLDER, (whole: string, inner: string, offset: number) => {
    const value = inner.startsWith("$") ? resolvePath(event, inner) : reserved(inner, event, variables);
    if (!jsonTemplate) return asText(value);
    return quotedAt?.has(offset) ? insideQuotes(value) : value === undefined ? "null" : JSON.stringify(value);
  });
}

function asText(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function insideQuotes(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return JSON.stringify(value).slice(1, -1);
  if (typeof value === "object") return JSON.stringify(value).replace(/\\"/g, "").replace(/"/g, "");
  return String(value);
}

/** Offsets of `<` characters that stand inside a double-quoted string of the template. */
function quotedPositions(template: string): Set<number> {
  const inside = new Set<number>();
  let quoted = false;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (quoted && ch === "\\") {
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (ch === "<" && quoted) inside.add(i);
  }
  return inside;
}
