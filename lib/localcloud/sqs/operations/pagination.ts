/**
 * ListQueues-style pagination: up to 1,000 results, and a NextToken only when the caller set
 * MaxResults and more remain. Tokens are opaque to clients: the last name returned, encoded.
 */
import { sqsErrors } from "../errors";
import { assertIntegerInRange } from "./context";

export function paginateNames(names: string[], maxResults: number | undefined, nextToken: string | undefined): { page: string[]; nextToken?: string } {
  assertIntegerInRange(maxResults, "MaxResults", 1, 1000, "MaxResults must be an integer between 1 and 1000.");
  const sorted = [...names].sort();
  let start = 0;
  if (nextToken) {
    let after: unknown;
    try {
      after = (JSON.parse(Buffer.from(nextToken, "base64").toString("utf8")) as { after?: unknown }).after;
    } catch {
      after = undefined;
    }
    if (typeof after !== "string") throw sqsErrors.invalidParameterValue("Invalid NextToken value.");
    start = sorted.findIndex((name) => name > after);
    if (start === -1) start = sorted.length;
  }
  const size = maxResults ?? 1000;
  const page = sorted.slice(start, start + size);
  const more = maxResults !== undefined && start + size < sorted.length;
  return {
    page,
    nextToken: more ? Buffer.from(JSON.stringify({ after: page[page.length - 1] })).toString("base64") : undefined,
  };
}
