/**
 * Remembers what dynalite's expression parsers made of an expression, so a client that sends the
 * same condition, update or projection again and again (as every SDK caller does) pays for the
 * PEG parse once. A parse depends on the expression, the attribute names and values it resolves,
 * and whether it is a key condition; all four make the cache key. A parse also marks the names and
 * values it used (validation then rejects unused ones); a hit marks the same ones again.
 */
import conditionParser from "dynalite/db/conditionParser";
import projectionParser from "dynalite/db/projectionParser";
import updateParser from "dynalite/db/updateParser";

const MAX_ENTRIES = 1000;

interface Parse {
  result: unknown;
  names: string[];
  values: string[];
}

type Parser = typeof conditionParser;
const cached = new WeakSet<Parser>();

export function cacheExpressionParses(): void {
  for (const parser of [conditionParser, updateParser, projectionParser]) {
    if (cached.has(parser)) continue;
    cached.add(parser);
    const original = parser.parse.bind(parser);
    const parses = new Map<string, Parse>();
    parser.parse = (input, options) => {
      const context = options.context;
      const key = [context.isKeyCondition ? 1 : 0, input, JSON.stringify(context.attrNames ?? null), JSON.stringify(context.attrVals ?? null)].join("\u0000");
      const unusedNames = context.unusedAttrNames as Record<string, unknown> | undefined;
      const unusedValues = context.unusedAttrVals as Record<string, unknown> | undefined;
      const hit = parses.get(key);
      if (hit) {
        for (const name of hit.names) if (unusedNames) delete unusedNames[name];
        for (const value of hit.values) if (unusedValues) delete unusedValues[value];
        return structuredClone(hit.result);
      }
      const names: string[] = [];
      const values: string[] = [];
      if (unusedNames) context.unusedAttrNames = recordingDeletes(unusedNames, names);
      if (unusedValues) context.unusedAttrVals = recordingDeletes(unusedValues, values);
      let result: unknown;
      try {
        result = original(input, options);
      } finally {
        context.unusedAttrNames = unusedNames;
        context.unusedAttrVals = unusedValues;
      }
      if (result !== null && typeof result === "object") {
        try {
          if (parses.size >= MAX_ENTRIES) parses.clear();
          parses.set(key, { result: structuredClone(result), names, values });
        } catch {
          // A tree that cannot be copied is simply not remembered.
        }
      }
      return result;
    };
  }
}

function recordingDeletes(target: Record<string, unknown>, deleted: string[]): Record<string, unknown> {
  return new Proxy(target, {
    deleteProperty(object, property) {
      if (typeof property === "string") deleted.push(property);
      return Reflect.deleteProperty(object, property);
    },
  });
}
