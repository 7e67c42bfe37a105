/**
 * What a handler needs when it runs on Lambda itself: its settings from environment variables and
 * SDK clients built from the function's execution role. The workbook's runtime passes its own
 * clients and names instead, through each handler's `create…` function.
 */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set the ${name} environment variable on the function.`);
  return value;
}

/** Builds a value once, on first use (a Lambda sandbox keeps it between invocations). */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
