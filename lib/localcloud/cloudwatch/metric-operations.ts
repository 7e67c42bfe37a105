/**
 * The metric operations: PutMetricData, GetMetricStatistics, GetMetricData, ListMetrics. Each
 * returns the SDK's output shape (timestamps as Dates; the protocol adapter renders them).
 */
import type {
  Datapoint,
  GetMetricDataOutput,
  GetMetricStatisticsOutput,
  ListMetricsOutput,
  MetricDataResult,
  StandardUnit,
} from "@aws-sdk/client-cloudwatch";
import { cloudWatchErrors } from "./errors";
import {
  isRecord,
  readBoolean,
  readEnum,
  readInteger,
  readList,
  readRecord,
  readString,
  requireString,
  requireTimestamp,
  type Input,
} from "./input";
import { validateDimensions, validateNamespace, validatePutMetricData, validateUnit } from "./metric-data";
import { evaluateExpression, MathError, parseExpression, referencedIds, type LabelledSeries, type MathValue } from "./metric-math";
import { aggregateByPeriod, alignStart, isValidPeriod, periodGrid } from "./metric-query";
import type { MetricIdentity, MetricStore } from "./metric-store";
import { encodeToken, decodeToken, page } from "./paging";
import { BASIC_STATISTICS, isBasicStatistic, isPercentile, isSupportedStatistic, statisticValue } from "./statistics";

export interface MetricState {
  metrics: MetricStore;
  now(): number;
}

const MAX_STATISTICS_DATAPOINTS = 1440;
const MAX_QUERIES = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;
const LIST_METRICS_PAGE = 500;
const RECENTLY_ACTIVE_MS = 3 * 3600_000;
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

export function putMetricData(state: MetricState, region: string, input: Input): Record<string, never> {
  const now = state.now();
  for (const { metric, point } of validatePutMetricData(input, now)) state.metrics.put(region, metric, point, now);
  return {};
}

function checkPeriod(value: unknown, path: string): number {
  const period = readInteger(value, path);
  if (period === undefined) throw cloudWatchErrors.required(path);
  if (!isValidPeriod(period)) {
    throw cloudWatchErrors.invalidParameterValue(
      `The parameter ${path} must be a multiple of 60 or equal to 1, 5, 10, 20 or 30.`,
    );
  }
  return period;
}

function readTimeRange(input: Input): { start: number; end: number } {
  const start = requireTimestamp(input.StartTime, "StartTime");
  const end = requireTimestamp(input.EndTime, "EndTime");
  if (start >= end) {
    throw cloudWatchErrors.invalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
  }
  return { start, end };
}

function readMetric(record: Input, path: string): MetricIdentity {
  return {
    namespace: validateNamespace(record.Namespace, `${path}Namespace`, true),
    metricName: requireString(record.MetricName, `${path}MetricName`),
    dimensions: validateDimensions(record.Dimensions, `${path}Dimensions`),
  };
}

export function getMetricStatistics(state: MetricState, region: string, input: Input): GetMetricStatisticsOutput {
  const metric = readMetric(input, "");
  const { start, end } = readTimeRange(input);
  const period = checkPeriod(input.Period, "Period");
  const unit = validateUnit(input.Unit, "Unit");
  const statistics = readList(input.Statistics).map((s, i) => requireString(s, `Statistics.member.${i + 1}`));
  const extended = readList(input.ExtendedStatistics).map((s, i) => requireString(s, `ExtendedStatistics.member.${i + 1}`));
  if (statistics.length === 0 && extended.length === 0) {
    throw cloudWatchErrors.missingParameter("Must specify either Statistics or ExtendedStatistics.");
  }
  if (statistics.length > 0 && extended.length > 0) {
    throw cloudWatchErrors.invalidParameterCombination(
      "The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.",
    );
  }
  statistics.forEach((s, i) => {
    if (!isBasicStatistic(s)) {
      throw cloudWatchErrors.invalidParameterValue(
        `The value ${s} for parameter Statistics.member.${i + 1} is not valid; use one of ${BASIC_STATISTICS.join(", ")}.`,
      );
    }
  });
  extended.forEach((s, i) => {
    if (!isPercentile(s)) {
      throw cloudWatchErrors.invalidParameterValue(`The value ${s} for parameter ExtendedStatistics.member.${i + 1} is not supported.`);
    }
  });
  const alignedStart = alignStart(start, period);
  const requested = Math.ceil((end - alignedStart) / (period * 1000));
  if (requested > MAX_STATISTICS_DATAPOINTS) {
    throw cloudWatchErrors.invalidParameterCombination(
      // AWS's wording, numbers without separators ("up to 86400 datapoints, which exceeds the limit of 1440").
      `You have requested up to ${requested} datapoints, which exceeds the limit of ${MAX_STATISTICS_DATAPOINTS}. ` +
        "You may reduce the datapoints requested by increasing Period, or decreasing the time range.",
    );
  }

  const periods = aggregateByPeriod(state.metrics.find(region, metric), alignedStart, end, period, unit);
  const datapoints: Datapoint[] = periods.map(({ start: periodStart, aggregate, unit: periodUnit }) => {
    const point: Datapoint = { Timestamp: new Date(periodStart), Unit: (unit ?? periodUnit) as StandardUnit };
    for (const s of statistics) {
      const value = statisticValue(aggregate, s);
      if (value !== undefined) (point as Record<string, unknown>)[s] = value;
    }
    if (extended.length > 0) {
      const values: Record<string, number> = {};
      for (const s of extended) {
        const value = statisticValue(aggregate, s);
        if (value !== undefined) values[s] = value;
      }
      point.ExtendedStatistics = values;
    }
    return point;
  });
  return { Label: metric.metricName, Datapoints: datapoints };
}

interface ParsedQuery {
  id: string;
  path: string;
  label?: string;
  returnData: boolean;
  metricStat?: { metric: MetricIdentity; period: number; stat: string; unit?: string };
  expression?: string;
  period?: number;
}

function parseQueries(input: Input): ParsedQuery[] {
  const raw = readList(input.MetricDataQueries);
  if (raw.length === 0) throw cloudWatchErrors.required("MetricDataQueries");
  if (raw.length > MAX_QUERIES) {
    throw cloudWatchErrors.invalidParameterValue(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  }
  const ids = new Set<string>();
  return raw.map((item, i) => {
    const path = `MetricDataQueries.member.${i + 1}`;
    const record = isRecord(item) ? item : {};
    const id = requireString(record.Id, `${path}.Id`);
    if (!QUERY_ID.test(id) || id.length > 255) {
      throw cloudWatchErrors.validation(
        `The value ${id} for parameter ${path}.Id is not valid. It must start with a lowercase letter and contain only letters, numbers and underscores.`,
      );
    }
    if (ids.has(id)) throw cloudWatchErrors.validation(`The value ${id} for parameter ${path}.Id is not unique.`);
    ids.add(id);
    const stat = readRecord(record.MetricStat);
    const expression = readString(record.Expression, `${path}.Expression`);
    if (stat && expression !== undefined) {
      throw cloudWatchErrors.invalidParameterCombination(
        `The parameters ${path}.MetricStat and ${path}.Expression are mutually exclusive and you have specified both.`,
      );
    }
    if (!stat && expression === undefined) {
      throw cloudWatchErrors.missingParameter(`The parameter ${path}.MetricStat or ${path}.Expression is required.`);
    }
    const query: ParsedQuery = {
      id,
      path,
      label: readString(record.Label, `${path}.Label`),
      returnData: readBoolean(record.ReturnData, `${path}.ReturnData`) ?? true,
      period: readInteger(record.Period, `${path}.Period`),
    };
    if (stat) {
      const metricRecord = readRecord(stat.Metric);
      if (!metricRecord) throw cloudWatchErrors.required(`${path}.MetricStat.Metric`);
      const statName = requireString(stat.Stat, `${path}.MetricStat.Stat`);
      if (!isSupportedStatistic(statName)) {
        throw cloudWatchErrors.invalidParameterValue(`The value ${statName} for parameter ${path}.MetricStat.Stat is not a valid statistic.`);
      }
      query.metricStat = {
        metric: readMetric(metricRecord, `${path}.MetricStat.Metric.`),
        period: checkPeriod(stat.Period, `${path}.MetricStat.Period`),
        stat: statName,
        unit: validateUnit(stat.Unit, `${path}.MetricStat.Unit`),
      };
    } else {
      query.expression = expression;
      if (query.period !== undefined) checkPeriod(query.period, `${path}.Period`);
    }
    return query;
  });
}

/** Evaluates every query of a GetMetricData request (also used by alarms on metric math). */
export function evaluateQueries(
  state: MetricState,
  region: string,
  queries: ParsedQuery[],
  start: number,
  end: number,
): Map<string, { query: ParsedQuery; value: MathValue }> {
  const byId = new Map(queries.map((q) => [q.id, q]));
  const results = new Map<string, { query: ParsedQuery; value: MathValue }>();
  const inProgress = new Set<string>();
  const defaultPeriod = queries.find((q) => q.metricStat)?.metricStat?.period ?? queries.find((q) => q.period)?.period ?? 60;

  for (const q of queries) {
    if (!q.expression) continue;
    let ids: string[];
    try {
      ids = referencedIds(parseExpression(q.expression));
    } catch (error) {
      if (error instanceof MathError) throw cloudWatchErrors.validation(`Error in expression ${q.id}: ${error.message}`);
      throw error;
    }
    for (const ref of ids) {
      if (!byId.has(ref) && !["REPEAT", "LINEAR"].includes(ref.toUpperCase())) {
        throw cloudWatchErrors.validation(`Error in expression ${q.id}: Unrecognized identifier ${ref}.`);
      }
    }
  }

  const statSeries = (q: ParsedQuery): LabelledSeries => {
    const stat = q.metricStat as NonNullable<ParsedQuery["metricStat"]>;
    const alignedStart = alignStart(start, stat.period);
    const periods = aggregateByPeriod(state.metrics.find(region, stat.metric), alignedStart, end, stat.period, stat.unit);
    const timestamps: number[] = [];
    const values: number[] = [];
    for (const p of periods) {
      const value = statisticValue(p.aggregate, stat.stat);
      if (value === undefined) continue;
      timestamps.push(p.start);
      values.push(value);
    }
    return { label: q.label ?? stat.metric.metricName, timestamps, values };
  };

  const resolve = (id: string): MathValue => {
    const done = results.get(id);
    if (done) return done.value;
    const q = byId.get(id);
    if (!q) throw new MathError(`Unrecognized identifier ${id}.`);
    if (inProgress.has(id)) throw new MathError(`The expression ${id} refers to itself.`);
    inProgress.add(id);
    let value: MathValue;
    if (q.metricStat) value = { kind: "series", series: statSeries(q) };
    else {
      const period = q.period ?? defaultPeriod;
      const gridStart = alignStart(start, period);
      value = evaluateExpression(q.expression as string, {
        resolve,
        metrics: (filter) =>
          queries
            .filter((m) => m.metricStat)
            .map((m) => {
              const resolved = resolve(m.id);
              return resolved.kind === "series" ? resolved.series : { label: m.id, timestamps: [], values: [] };
            })
            .filter((s) => filter === undefined || s.label.includes(filter)),
        grid: periodGrid(gridStart, end, period),
        periodSeconds: period,
      });
      if (value.kind === "scalar") {
        const scalar = value.value;
        const grid = periodGrid(gridStart, end, period);
        value = { kind: "series", series: { label: "", timestamps: Number.isFinite(scalar) ? grid : [], values: Number.isFinite(scalar) ? grid.map(() => scalar) : [] } };
      }
    }
    inProgress.delete(id);
    results.set(id, { query: q, value });
    return value;
  };

  for (const q of queries) {
    try {
      resolve(q.id);
    } catch (error) {
      if (error instanceof MathError) throw cloudWatchErrors.validation(`Error in expression ${q.id}: ${error.message}`);
      throw error;
    }
  }
  return results;
}

export { parseQueries };

export function getMetricData(state: MetricState, region: string, input: Input): GetMetricDataOutput {
  const queries = parseQueries(input);
  const { start, end } = readTimeRange(input);
  const scanBy = readEnum(input.ScanBy, "ScanBy", ["TimestampDescending", "TimestampAscending"] as const) ?? "TimestampDescending";
  const maxDatapoints = readInteger(input.MaxDatapoints, "MaxDatapoints") ?? DEFAULT_MAX_DATAPOINTS;
  if (maxDatapoints < 1) throw cloudWatchErrors.invalidParameterValue(`The value ${maxDatapoints} for parameter MaxDatapoints is invalid.`);
  const skip = decodeToken("GetMetricData", readString(input.NextToken, "NextToken"));

  const evaluated = evaluateQueries(state, region, queries, start, end);
  const series: Array<{ id: string; label: string; timestamps: number[]; values: number[] }> = [];
  for (const q of queries) {
    if (!q.returnData) continue;
    const value = evaluated.get(q.id)?.value;
    if (!value) continue;
    const items = value.kind === "series" ? [value.series] : value.kind === "array" ? value.items : [];
    for (const s of items) {
      // A metric's default label is its name; an expression's is its id (each series of an array keeps its own).
      const label = q.label ?? (q.metricStat || value.kind === "array" ? s.label || q.id : q.id);
      series.push({ id: q.id, label, timestamps: s.timestamps, values: s.values });
    }
  }

  // Pages walk the request's timestamps in ScanBy order; a page ends before MaxDatapoints is passed.
  const descending = scanBy === "TimestampDescending";
  const allTimes = [...new Set(series.flatMap((s) => s.timestamps))].sort((a, b) => (descending ? b - a : a - b));
  const countAt = new Map<number, number>();
  for (const s of series) for (const t of s.timestamps) countAt.set(t, (countAt.get(t) ?? 0) + 1);
  let taken = 0;
  let last = skip;
  while (last < allTimes.length && taken + (countAt.get(allTimes[last]) ?? 0) <= maxDatapoints) {
    taken += countAt.get(allTimes[last]) ?? 0;
    last++;
  }
  if (last === skip && skip < allTimes.length) last = skip + 1;
  const pageTimes = new Set(allTimes.slice(skip, last));
  const truncated = last < allTimes.length;

  const results: MetricDataResult[] = series.map((s) => {
    const order = s.timestamps.map((t, i) => i).filter((i) => pageTimes.has(s.timestamps[i]));
    if (descending) order.reverse();
    return {
      Id: s.id,
      Label: s.label,
      Timestamps: order.map((i) => new Date(s.timestamps[i])),
      Values: order.map((i) => s.values[i]),
      StatusCode: truncated ? "PartialData" : "Complete",
    };
  });
  return { MetricDataResults: results, NextToken: truncated ? encodeToken("GetMetricData", last) : undefined, Messages: [] };
}

export function listMetrics(state: MetricState, region: string, input: Input): ListMetricsOutput {
  const namespace = readString(input.Namespace, "Namespace");
  const metricName = readString(input.MetricName, "MetricName");
  const filters = validateDimensions(input.Dimensions, "Dimensions", { valueRequired: false });
  const recentlyActive = readString(input.RecentlyActive, "RecentlyActive");
  if (recentlyActive !== undefined && recentlyActive !== "PT3H") {
    throw cloudWatchErrors.invalidParameterValue(`The value ${recentlyActive} for parameter RecentlyActive is not valid.`);
  }
  const activeSince = recentlyActive ? state.now() - RECENTLY_ACTIVE_MS : Number.NEGATIVE_INFINITY;
  const matching = state.metrics
    .list(region)
    .filter((s) => (namespace === undefined || s.namespace === namespace) && (metricName === undefined || s.metricName === metricName))
    .filter((s) => filters.every((f) => s.dimensions.some((d) => d.Name === f.Name && (f.Value === "" || d.Value === f.Value))))
    .filter((s) => s.lastPutAt >= activeSince)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const { items, nextToken } = page(matching, "ListMetrics", readString(input.NextToken, "NextToken"), LIST_METRICS_PAGE);
  return {
    Metrics: items.map((s) => ({ Namespace: s.namespace, MetricName: s.metricName, Dimensions: s.dimensions.map((d) => ({ ...d })) })),
    NextToken: nextToken,
  };
}
