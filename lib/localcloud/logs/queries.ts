/**
 * Logs Insights queries run here at StartQuery, against the events as they are then, and keep
 * their results for GetQueryResults (status Complete). Held in memory: like AWS's, they are
 * short-lived, and a restart forgets them.
 */
import { randomUUID } from "node:crypto";
import { logsErrors } from "./errors";
import type { QueryOutcome } from "./insights";

export interface StoredQuery extends QueryOutcome {
  queryId: string;
  queryString: string;
  logGroupName: string;
  createdAt: number;
  status: "Complete" | "Cancelled";
}

const MAX_KEPT = 200;

export class QueryStore {
  private readonly queries = new Map<string, StoredQuery>();

  add(query: Omit<StoredQuery, "queryId" | "status">): StoredQuery {
    const stored: StoredQuery = { ...query, queryId: randomUUID(), status: "Complete" };
    this.queries.set(stored.queryId, stored);
    if (this.queries.size > MAX_KEPT) this.queries.delete(this.queries.keys().next().value as string);
    return stored;
  }

  require(queryId: string): StoredQuery {
    const query = this.queries.get(queryId);
    if (!query) throw logsErrors.queryNotFound(queryId);
    return query;
  }

  list(): StoredQuery[] {
    return [...this.queries.values()].reverse();
  }
}
