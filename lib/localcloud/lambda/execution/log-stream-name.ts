import { randomBytes } from "node:crypto";

/** Lambda's log stream name for a new execution environment: `YYYY/MM/DD/[$LATEST]<32 hex>`. */
export function logStreamName(now: number, functionVersion: string): string {
  const date = new Date(now).toISOString().slice(0, 10).replace(/-/g, "/");
  return `${date}/[${functionVersion}]${randomBytes(16).toString("hex")}`;
}
