/**
 * The stream processor's analytics, as values that add up: each batch is summarised on its own,
 * and summaries merge, so the running totals of a whole stream are the merge of every batch's
 * summary (in any order). Browser-safe: the live panel derives averages from the same sums.
 *
 * Unlike the write-up's processor, the average transaction is the total over the number of
 * transactions it sums (every status), and alerts fire strictly above 80 % CPU and 90 % memory.
 */
export const HIGH_CPU_PERCENT = 80;
export const HIGH_MEMORY_PERCENT = 90;
/** Alerts kept in a summary (the newest); `alertCount` counts them all. */
export const ALERTS_KEPT = 20;

export interface MetricStats {
  count: number;
  sum: number;
  max: number;
  /** The host that reported the maximum. */
  maxHost: string;
  unit: string;
}

export interface Alert {
  kind: "high_cpu" | "high_memory";
  hostname: string;
  value: number;
  timestamp: string;
}

export interface AnalyticsSummary {
  records: number;
  byType: Record<string, number>;
  /** Actions per user id (user_activity events). */
  users: Record<string, number>;
  transactions: {
    count: number;
    /** In cents, so sums stay exact. */
    totalCents: number;
    byStatus: Record<string, { count: number; totalCents: number }>;
  };
  metrics: Record<string, MetricStats>;
  alertCount: number;
  alerts: Alert[];
}

type Loose = Record<string, unknown>;

export function emptySummary(): AnalyticsSummary {
  return { records: 0, byType: {}, users: {}, transactions: { count: 0, totalCents: 0, byStatus: {} }, metrics: {}, alertCount: 0, alerts: [] };
}

function text(value: unknown, fallback: string): string {
  return typeof value === "string" && value !== "" ? value : fallback;
}

function finite(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function alertFor(metricName: string, value: number): Alert["kind"] | null {
  if (metricName === "cpu_usage" && value > HIGH_CPU_PERCENT) return "high_cpu";
  if (metricName === "memory_usage" && value > HIGH_MEMORY_PERCENT) return "high_memory";
  return null;
}

/** Adds one event to a summary (in place). Unknown or incomplete events are counted, never fatal. */
export function addEvent(summary: AnalyticsSummary, raw: unknown): AnalyticsSummary {
  const event: Loose = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Loose) : {};
  const type = text(event.eventType, "unknown");
  summary.records += 1;
  summary.byType[type] = (summary.byType[type] ?? 0) + 1;
  if (type === "user_activity") {
    const user = text(event.userId, "unknown");
    summary.users[user] = (summary.users[user] ?? 0) + 1;
  } else if (type === "transaction") {
    const cents = Math.round((finite(event.amount) ?? 0) * 100);
    const status = text(event.status, "unknown");
    summary.transactions.count += 1;
    summary.transactions.totalCents += cents;
    const bucket = (summary.transactions.byStatus[status] ??= { count: 0, totalCents: 0 });
    bucket.count += 1;
    bucket.totalCents += cents;
  } else if (type === "system_metric") {
    const value = finite(event.value);
    if (value !== null) {
      const name = text(event.metricName, "unknown");
      const host = text(event.hostname, "unknown");
      const stats = summary.metrics[name];
      if (!stats) summary.metrics[name] = { count: 1, sum: value, max: value, maxHost: host, unit: text(event.unit, "") };
      else {
        stats.count += 1;
        stats.sum += value;
        if (value > stats.max) {
          stats.max = value;
          stats.maxHost = host;
        }
      }
      const kind = alertFor(name, value);
      if (kind) {
        summary.alertCount += 1;
        summary.alerts.push({ kind, hostname: host, value, timestamp: text(event.timestamp, "") });
        if (summary.alerts.length > ALERTS_KEPT) summary.alerts.splice(0, summary.alerts.length - ALERTS_KEPT);
      }
    }
  }
  return summary;
}

export function summarizeEvents(events: readonly unknown[]): AnalyticsSummary {
  const summary = emptySummary();
  for (const event of events) addEvent(summary, event);
  return summary;
}

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = (out[key] ?? 0) + value;
  return out;
}

/** The summary of both summaries' events together. */
export function mergeSummaries(a: AnalyticsSummary, b: AnalyticsSummary): AnalyticsSummary {
  const byStatus: AnalyticsSummary["transactions"]["byStatus"] = {};
  for (const source of [a.transactions.byStatus, b.transactions.byStatus]) {
    for (const [status, bucket] of Object.entries(source)) {
      const into = (byStatus[status] ??= { count: 0, totalCents: 0 });
      into.count += bucket.count;
      into.totalCents += bucket.totalCents;
    }
  }
  const metrics: Record<string, MetricStats> = {};
  for (const source of [a.metrics, b.metrics]) {
    for (const [name, stats] of Object.entries(source)) {
      const into = metrics[name];
      if (!into) metrics[name] = { ...stats };
      else {
        into.count += stats.count;
        into.sum += stats.sum;
        if (stats.max > into.max) {
          into.max = stats.max;
          into.maxHost = stats.maxHost;
        }
      }
    }
  }
  const alerts = [...a.alerts, ...b.alerts].sort((x, y) => x.timestamp.localeCompare(y.timestamp)).slice(-ALERTS_KEPT);
  return {
    records: a.records + b.records,
    byType: addCounts(a.byType, b.byType),
    users: addCounts(a.users, b.users),
    transactions: { count: a.transactions.count + b.transactions.count, totalCents: a.transactions.totalCents + b.transactions.totalCents, byStatus },
    metrics,
    alertCount: a.alertCount + b.alertCount,
    alerts,
  };
}

/** What the live panel shows, derived from a summary. */
export interface AnalyticsFigures {
  records: number;
  byType: Record<string, number>;
  activeUsers: number;
  mostActiveUser: { userId: string; actions: number } | null;
  transactionCount: number;
  transactionTotal: number;
  /** Total over every transaction counted (null with none). */
  averageTransaction: number | null;
  byStatus: Record<string, { count: number; total: number }>;
  metrics: Array<{ name: string; count: number; average: number; max: number; maxHost: string; unit: string }>;
  alertCount: number;
  alerts: Alert[];
}

export function analyticsFigures(summary: AnalyticsSummary): AnalyticsFigures {
  let mostActiveUser: AnalyticsFigures["mostActiveUser"] = null;
  for (const [userId, actions] of Object.entries(summary.users)) {
    if (!mostActiveUser || actions > mostActiveUser.actions || (actions === mostActiveUser.actions && userId < mostActiveUser.userId)) mostActiveUser = { userId, actions };
  }
  const { count, totalCents } = summary.transactions;
  return {
    records: summary.records,
    byType: summary.byType,
    activeUsers: Object.keys(summary.users).length,
    mostActiveUser,
    transactionCount: count,
    transactionTotal: totalCents / 100,
    averageTransaction: count ? Math.round(totalCents / count) / 100 : null,
    byStatus: Object.fromEntries(Object.entries(summary.transactions.byStatus).map(([s, b]) => [s, { count: b.count, total: b.totalCents / 100 }])),
    metrics: Object.entries(summary.metrics)
      .map(([name, s]) => ({ name, count: s.count, average: Math.round((s.sum / s.count) * 100) / 100, max: s.max, maxHost: s.maxHost, unit: s.unit }))
      .sort((x, y) => x.name.localeCompare(y.name)),
    alertCount: summary.alertCount,
    alerts: [...summary.alerts].reverse(),
  };
}
