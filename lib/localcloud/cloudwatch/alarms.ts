/**
 * Metric alarms: PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric, DescribeAlarmHistory,
 * SetAlarmState, DeleteAlarms, Enable/DisableAlarmActions, alarm tags; and the evaluation that
 * runs once a virtual minute (after every service has emitted that minute's metrics), moves
 * alarms between OK, ALARM and INSUFFICIENT_DATA, records each change in the history and runs
 * the new state's actions (SNS topics receive AWS's alarm notification through `links.sns`).
 */
import type {
  AlarmHistoryItem,
  DescribeAlarmHistoryOutput,
  DescribeAlarmsForMetricOutput,
  DescribeAlarmsOutput,
  ListTagsForResourceOutput,
  MetricAlarm,
} from "@aws-sdk/client-cloudwatch";
import type { Links } from "../core/links";
import {
  COMPARISON_OPERATORS,
  evaluateAlarm,
  evaluationRange,
  TREAT_MISSING_DATA,
  type AlarmState,
  type ComparisonOperator,
  type PeriodValue,
  type TreatMissingData,
} from "./alarm-evaluation";
import { alarmEmailText, alarmNotification, alarmSubject, cloudWatchTime, javaDouble, type StateChange } from "./alarm-notification";
import type { AlarmHistoryRecord, AlarmStore, HistoryItemType, MetricAlarmRecord, StoredMetricDataQuery } from "./alarm-store";
import { cloudWatchErrors } from "./errors";
import {
  isRecord,
  readBoolean,
  readEnum,
  readInteger,
  readList,
  readNumber,
  readString,
  readTimestamp,
  requireString,
  type Input,
} from "./input";
import { validateDimensions, validateNamespace, validateUnit } from "./metric-data";
import { evaluateQueries, parseQueries, type MetricState } from "./metric-operations";
import { aggregateByPeriod } from "./metric-query";
import { page } from "./paging";
import { isBasicStatistic, isPercentile, statisticValue } from "./statistics";

export interface AlarmDeps {
  alarms: AlarmStore;
  metricState: MetricState;
  links: Links;
  accountId: string;
}

const STATES: readonly AlarmState[] = ["OK", "ALARM", "INSUFFICIENT_DATA"];
const MAX_ACTIONS = 5;
const MAX_TAGS = 50;
const DAY_S = 86_400;

function alarmArn(region: string, accountId: string, name: string): string {
  return `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`;
}

function stringList(value: unknown, path: string): string[] {
  return readList(value).map((item, i) => requireString(item, `${path}.member.${i + 1}`));
}

function validateActions(value: unknown, path: string, region: string): string[] {
  const actions = stringList(value, path);
  if (actions.length > MAX_ACTIONS) {
    throw cloudWatchErrors.validation(`The collection ${path} must not have a size greater than ${MAX_ACTIONS}.`);
  }
  for (const action of actions) {
    const match = /^arn:aws[\w-]*:([a-z0-9-]+):([a-z0-9-]*):/.exec(action);
    if (!match) throw cloudWatchErrors.validation(`Invalid arn syntax: ${action}`);
    if (match[1] === "sns" && match[2] !== region) {
      throw cloudWatchErrors.validation(`Invalid region ${match[2]} specified. Only ${region} is supported.`);
    }
  }
  return actions;
}

function tagMap(value: unknown, path: string): Record<string, string> {
  const tags: Record<string, string> = {};
  readList(value).forEach((item, i) => {
    const record = isRecord(item) ? item : {};
    const key = requireString(record.Key, `${path}.member.${i + 1}.Key`);
    if (key.length > 128 || key.toLowerCase().startsWith("aws:")) {
      throw cloudWatchErrors.invalidParameterValue(`The value ${key} for parameter ${path}.member.${i + 1}.Key is invalid.`);
    }
    tags[key] = readString(record.Value, `${path}.member.${i + 1}.Value`) ?? "";
  });
  if (Object.keys(tags).length > MAX_TAGS) throw cloudWatchErrors.limitExceeded(`A resource can have at most ${MAX_TAGS} tags.`);
  return tags;
}

function storedQueries(value: unknown): StoredMetricDataQuery[] {
  return readList(value).map((item) => {
    const record = isRecord(item) ? item : {};
    const stat = isRecord(record.MetricStat) ? record.MetricStat : undefined;
    const metric = stat && isRecord(stat.Metric) ? stat.Metric : undefined;
    const query: StoredMetricDataQuery = {
      Id: String(record.Id ?? ""),
      Expression: readString(record.Expression, "Expression"),
      Label: readString(record.Label, "Label"),
      ReturnData: readBoolean(record.ReturnData, "ReturnData"),
      Period: readInteger(record.Period, "Period"),
    };
    if (stat && metric) {
      query.MetricStat = {
        Metric: {
          Namespace: String(metric.Namespace ?? ""),
          MetricName: String(metric.MetricName ?? ""),
          Dimensions: validateDimensions(metric.Dimensions, "Dimensions"),
        },
        Period: readInteger(stat.Period, "Period") ?? 0,
        Stat: String(stat.Stat ?? ""),
        Unit: readString(stat.Unit, "Unit"),
      };
    }
    return query;
  });
}

function checkAlarmPeriod(period: number, path: string): void {
  if (!Number.isInteger(period) || period <= 0 || !(period === 10 || period === 20 || period === 30 || period % 60 === 0)) {
    throw cloudWatchErrors.validation(`The parameter ${path} must be 10, 20, 30 or a multiple of 60.`);
  }
}

export class Alarms {
  constructor(private readonly deps: AlarmDeps) {}

  private now(): number {
    return this.deps.metricState.now();
  }

  putMetricAlarm(region: string, input: Input): Record<string, never> {
    const name = requireString(input.AlarmName, "AlarmName");
    if (name.length > 255) throw cloudWatchErrors.validation("The parameter AlarmName must be at most 255 characters long.");
    const comparisonOperator = readEnum<ComparisonOperator>(input.ComparisonOperator, "ComparisonOperator", COMPARISON_OPERATORS);
    if (!comparisonOperator) throw cloudWatchErrors.required("ComparisonOperator");
    const evaluationPeriods = readInteger(input.EvaluationPeriods, "EvaluationPeriods");
    if (evaluationPeriods === undefined) throw cloudWatchErrors.required("EvaluationPeriods");
    if (evaluationPeriods < 1) throw cloudWatchErrors.validation("The parameter EvaluationPeriods must be greater than or equal to 1.");
    const datapointsToAlarm = readInteger(input.DatapointsToAlarm, "DatapointsToAlarm");
    if (datapointsToAlarm !== undefined && (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)) {
      throw cloudWatchErrors.validation("DatapointsToAlarm must be between 1 and EvaluationPeriods.");
    }
    const treatMissingData = readEnum<TreatMissingData>(input.TreatMissingData, "TreatMissingData", TREAT_MISSING_DATA);
    const thresholdMetricId = readString(input.ThresholdMetricId, "ThresholdMetricId");
    if (thresholdMetricId !== undefined) {
      throw cloudWatchErrors.validation("Anomaly detection alarms (ThresholdMetricId) are not supported by the local cloud.");
    }
    const threshold = readNumber(input.Threshold, "Threshold");
    if (threshold === undefined) throw cloudWatchErrors.missingParameter("The parameter Threshold is required.");
    const evaluateLow = readString(input.EvaluateLowSampleCountPercentile, "EvaluateLowSampleCountPercentile");
    if (evaluateLow !== undefined && evaluateLow !== "evaluate" && evaluateLow !== "ignore") {
      throw cloudWatchErrors.validation(
        `Option ${evaluateLow} is not supported. Supported options for parameter EvaluateLowSampleCountPercentile are evaluate and ignore.`,
      );
    }

    const metrics = readList(input.Metrics);
    const statistic = readString(input.Statistic, "Statistic");
    const extendedStatistic = readString(input.ExtendedStatistic, "ExtendedStatistic");
    const record: Omit<MetricAlarmRecord, "stateValue" | "stateReason" | "stateUpdatedAt" | "stateTransitionedAt" | "tags"> = {
      name,
      arn: alarmArn(region, this.deps.accountId, name),
      region,
      description: readString(input.AlarmDescription, "AlarmDescription"),
      actionsEnabled: readBoolean(input.ActionsEnabled, "ActionsEnabled") ?? true,
      okActions: validateActions(input.OKActions, "OKActions", region),
      alarmActions: validateActions(input.AlarmActions, "AlarmActions", region),
      insufficientDataActions: validateActions(input.InsufficientDataActions, "InsufficientDataActions", region),
      dimensions: [],
      evaluationPeriods,
      datapointsToAlarm,
      threshold,
      comparisonOperator,
      treatMissingData,
      evaluateLowSampleCountPercentile: evaluateLow,
      configurationUpdatedAt: this.now(),
    };

    if (metrics.length > 0) {
      for (const field of ["MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Period", "Unit"]) {
        if (input[field] !== undefined && input[field] !== "") {
          throw cloudWatchErrors.invalidParameterCombination(`The parameters Metrics and ${field} are mutually exclusive and you have specified both.`);
        }
      }
      parseQueries({ MetricDataQueries: metrics });
      const stored = storedQueries(metrics);
      const returning = stored.filter((q) => q.ReturnData !== false);
      if (returning.length !== 1) throw cloudWatchErrors.validation("Exactly one element of the metrics list should return data.");
      const period = returning[0].MetricStat?.Period ?? returning[0].Period ?? stored.find((q) => q.MetricStat)?.MetricStat?.Period;
      if (period === undefined) throw cloudWatchErrors.validation("The alarm's returned metric needs a Period.");
      checkAlarmPeriod(period, "Metrics.Period");
      record.metrics = stored;
      record.period = period;
    } else {
      record.metricName = requireString(input.MetricName, "MetricName");
      record.namespace = validateNamespace(input.Namespace, "Namespace", true);
      record.dimensions = validateDimensions(input.Dimensions, "Dimensions");
      record.unit = validateUnit(input.Unit, "Unit");
      const period = readInteger(input.Period, "Period");
      if (period === undefined) throw cloudWatchErrors.required("Period");
      checkAlarmPeriod(period, "Period");
      record.period = period;
      if (statistic !== undefined && extendedStatistic !== undefined) {
        throw cloudWatchErrors.invalidParameterCombination(
          "The parameters Statistic and ExtendedStatistic are mutually exclusive and you have specified both.",
        );
      }
      if (statistic === undefined && extendedStatistic === undefined) {
        throw cloudWatchErrors.missingParameter("One of Statistic or ExtendedStatistic must be specified.");
      }
      if (statistic !== undefined && !isBasicStatistic(statistic)) {
        throw cloudWatchErrors.invalidParameterValue(`The value ${statistic} for parameter Statistic is not valid.`);
      }
      if (extendedStatistic !== undefined && !isPercentile(extendedStatistic)) {
        throw cloudWatchErrors.invalidParameterValue(`The value ${extendedStatistic} for parameter ExtendedStatistic is not supported.`);
      }
      record.statistic = statistic;
      record.extendedStatistic = extendedStatistic;
    }
    const limit = (record.period ?? 60) >= 3600 ? 7 * DAY_S : DAY_S;
    if ((record.period ?? 60) * evaluationPeriods > limit) {
      throw cloudWatchErrors.validation(
        `The evaluation period of the alarm (Period * EvaluationPeriods) must not exceed ${limit / DAY_S} day${limit > DAY_S ? "s" : ""}.`,
      );
    }

    const existing = this.deps.alarms.get(region, name);
    const now = this.now();
    if (existing) {
      const updated: MetricAlarmRecord = {
        ...record,
        tags: existing.tags,
        stateValue: existing.stateValue,
        stateReason: existing.stateReason,
        stateReasonData: existing.stateReasonData,
        stateUpdatedAt: existing.stateUpdatedAt,
        stateTransitionedAt: existing.stateTransitionedAt,
      };
      this.deps.alarms.put(updated);
      this.history(updated, "ConfigurationUpdate", `Alarm "${name}" updated`, {
        version: "1.0",
        type: "Update",
        updatedAlarm: this.historyConfig(updated),
        originalAlarm: this.historyConfig(existing),
      });
      return {};
    }
    const created: MetricAlarmRecord = {
      ...record,
      tags: tagMap(input.Tags, "Tags"),
      stateValue: "INSUFFICIENT_DATA",
      stateReason: "Unchecked: Initial alarm creation",
      stateUpdatedAt: now,
      stateTransitionedAt: now,
    };
    this.deps.alarms.put(created);
    this.history(created, "ConfigurationUpdate", `Alarm "${name}" created`, {
      version: "1.0",
      type: "Create",
      createdAlarm: this.historyConfig(created),
    });
    if (created.actionsEnabled) {
      this.runActions(created, { oldState: "INSUFFICIENT_DATA", newState: "INSUFFICIENT_DATA", reason: created.stateReason, changedAt: now });
    }
    return {};
  }

  describeAlarms(region: string, input: Input): DescribeAlarmsOutput {
    const names = stringList(input.AlarmNames, "AlarmNames");
    const prefix = readString(input.AlarmNamePrefix, "AlarmNamePrefix");
    if (names.length > 0 && prefix !== undefined) {
      throw cloudWatchErrors.invalidParameterCombination("AlarmNames and AlarmNamePrefix are mutually exclusive.");
    }
    const state = readEnum<AlarmState>(input.StateValue, "StateValue", STATES);
    const actionPrefix = readString(input.ActionPrefix, "ActionPrefix");
    const types = stringList(input.AlarmTypes, "AlarmTypes");
    const maxRecords = this.maxRecords(input.MaxRecords, 50);
    const wantMetric = types.length === 0 || types.includes("MetricAlarm");
    const matching = !wantMetric
      ? []
      : this.deps.alarms
          .list(region)
          .filter((a) => names.length === 0 || names.includes(a.name))
          .filter((a) => prefix === undefined || a.name.startsWith(prefix))
          .filter((a) => state === undefined || a.stateValue === state)
          .filter(
            (a) => actionPrefix === undefined || [...a.okActions, ...a.alarmActions, ...a.insufficientDataActions].some((x) => x.startsWith(actionPrefix)),
          );
    const { items, nextToken } = page(matching, "DescribeAlarms", readString(input.NextToken, "NextToken"), maxRecords);
    return { MetricAlarms: items.map((a) => this.describe(a)), CompositeAlarms: [], NextToken: nextToken };
  }

  describeAlarmsForMetric(region: string, input: Input): DescribeAlarmsForMetricOutput {
    const metricName = requireString(input.MetricName, "MetricName");
    const namespace = requireString(input.Namespace, "Namespace");
    const statistic = readString(input.Statistic, "Statistic");
    const extended = readString(input.ExtendedStatistic, "ExtendedStatistic");
    const period = readInteger(input.Period, "Period");
    const unit = readString(input.Unit, "Unit");
    const dims = input.Dimensions === undefined ? undefined : validateDimensions(input.Dimensions, "Dimensions");
    const sameDims = (a: MetricAlarmRecord) =>
      dims === undefined ||
      (a.dimensions.length === dims.length && dims.every((d) => a.dimensions.some((x) => x.Name === d.Name && x.Value === d.Value)));
    const alarms = this.deps.alarms
      .list(region)
      .filter((a) => a.metricName === metricName && a.namespace === namespace)
      .filter((a) => (statistic === undefined || a.statistic === statistic) && (extended === undefined || a.extendedStatistic === extended))
      .filter((a) => (period === undefined || a.period === period) && (unit === undefined || a.unit === unit))
      .filter(sameDims);
    return { MetricAlarms: alarms.map((a) => this.describe(a)) };
  }

  describeAlarmHistory(region: string, input: Input): DescribeAlarmHistoryOutput {
    const name = readString(input.AlarmName, "AlarmName");
    const type = readEnum<HistoryItemType>(input.HistoryItemType, "HistoryItemType", ["ConfigurationUpdate", "StateUpdate", "Action"]);
    const start = readTimestamp(input.StartDate, "StartDate");
    const end = readTimestamp(input.EndDate, "EndDate");
    const types = stringList(input.AlarmTypes, "AlarmTypes");
    const scanBy = readEnum(input.ScanBy, "ScanBy", ["TimestampDescending", "TimestampAscending"] as const) ?? "TimestampDescending";
    const maxRecords = this.maxRecords(input.MaxRecords, 100);
    let items = this.deps.alarms
      .historyOf(region)
      .filter((h) => name === undefined || h.alarmName === name)
      .filter((h) => type === undefined || h.type === type)
      .filter((h) => (start === undefined || h.timestamp >= start) && (end === undefined || h.timestamp <= end))
      .filter(() => types.length === 0 || types.includes("MetricAlarm"));
    if (scanBy === "TimestampDescending") items = [...items].reverse();
    const { items: pageItems, nextToken } = page(items, "DescribeAlarmHistory", readString(input.NextToken, "NextToken"), maxRecords);
    return {
      AlarmHistoryItems: pageItems.map(
        (h): AlarmHistoryItem => ({
          AlarmName: h.alarmName,
          AlarmType: "MetricAlarm",
          Timestamp: new Date(h.timestamp),
          HistoryItemType: h.type,
          HistorySummary: h.summary,
          HistoryData: h.data,
        }),
      ),
      NextToken: nextToken,
    };
  }

  setAlarmState(region: string, input: Input): Record<string, never> {
    const name = requireString(input.AlarmName, "AlarmName");
    const stateText = requireString(input.StateValue, "StateValue");
    if (!(STATES as readonly string[]).includes(stateText)) {
      throw cloudWatchErrors.validation(
        `1 validation error detected: Value '${stateText}' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]`,
      );
    }
    const reason = requireString(input.StateReason, "StateReason");
    const reasonData = readString(input.StateReasonData, "StateReasonData");
    if (reasonData !== undefined) {
      try {
        JSON.parse(reasonData);
      } catch {
        throw cloudWatchErrors.invalidFormat("The StateReasonData is not valid JSON.");
      }
    }
    const alarm = this.deps.alarms.get(region, name);
    if (!alarm) throw cloudWatchErrors.resourceNotFound(`Alarm ${name} not found`);
    this.transition(alarm, stateText as AlarmState, reason, reasonData);
    return {};
  }

  deleteAlarms(region: string, input: Input): Record<string, never> {
    const names = stringList(input.AlarmNames, "AlarmNames");
    if (names.length === 0) throw cloudWatchErrors.required("AlarmNames");
    if (names.length > 100) throw cloudWatchErrors.validation("The collection AlarmNames must not have a size greater than 100.");
    // Names that match no alarm are skipped without an error, as on AWS.
    for (const n of names) {
      const alarm = this.deps.alarms.get(region, n);
      if (!alarm) continue;
      this.deps.alarms.delete(alarm);
      this.history(alarm, "ConfigurationUpdate", `Alarm "${n}" deleted`, { version: "1.0", type: "Delete", deletedAlarm: this.historyConfig(alarm) });
    }
    return {};
  }

  setActionsEnabled(region: string, input: Input, enabled: boolean): Record<string, never> {
    for (const n of stringList(input.AlarmNames, "AlarmNames")) {
      const alarm = this.deps.alarms.get(region, n);
      if (!alarm || alarm.actionsEnabled === enabled) continue;
      alarm.actionsEnabled = enabled;
      alarm.configurationUpdatedAt = this.now();
      this.deps.alarms.save(alarm);
    }
    return {};
  }

  private taggedAlarm(input: Input): MetricAlarmRecord {
    const arn = requireString(input.ResourceARN, "ResourceARN");
    const alarm = this.deps.alarms.byArn(arn);
    if (!alarm) throw cloudWatchErrors.resourceNotFoundException(`The resource ${arn} does not exist.`, "alarm", arn);
    return alarm;
  }

  tagResource(input: Input): Record<string, never> {
    const alarm = this.taggedAlarm(input);
    const merged = { ...alarm.tags, ...tagMap(input.Tags, "Tags") };
    if (Object.keys(merged).length > MAX_TAGS) throw cloudWatchErrors.limitExceeded(`A resource can have at most ${MAX_TAGS} tags.`);
    alarm.tags = merged;
    this.deps.alarms.save(alarm);
    return {};
  }

  untagResource(input: Input): Record<string, never> {
    const alarm = this.taggedAlarm(input);
    for (const key of stringList(input.TagKeys, "TagKeys")) delete alarm.tags[key];
    this.deps.alarms.save(alarm);
    return {};
  }

  listTagsForResource(input: Input): ListTagsForResourceOutput {
    const alarm = this.taggedAlarm(input);
    return { Tags: Object.entries(alarm.tags).map(([Key, Value]) => ({ Key, Value })) };
  }

  /** Evaluates every alarm at the end of a virtual minute (`now` is that minute's end). */
  evaluateAll(now: number): void {
    for (const region of this.deps.alarms.regions()) {
      for (const alarm of this.deps.alarms.list(region)) {
        try {
          this.evaluate(alarm, now);
        } catch (error) {
          console.error(`[localcloud] could not evaluate alarm ${alarm.name}:`, error);
        }
      }
    }
  }

  private evaluate(alarm: MetricAlarmRecord, now: number): void {
    const period = alarm.period ?? 60;
    const periodMs = period * 1000;
    const end = Math.floor(now / 60_000) * 60_000;
    const range = evaluationRange(alarm.evaluationPeriods);
    const start = end - range * periodMs;
    const byStart = this.periodValues(alarm, start, end, period);
    const periods: PeriodValue[] = [];
    for (let k = 0; k < range; k++) {
      const periodStart = end - (k + 1) * periodMs;
      periods.push({ start: periodStart, ...byStart.get(periodStart) });
    }
    const datapointsToAlarm = alarm.datapointsToAlarm ?? alarm.evaluationPeriods;
    const result = evaluateAlarm({
      periods,
      evaluationPeriods: alarm.evaluationPeriods,
      datapointsToAlarm,
      threshold: alarm.threshold ?? 0,
      comparisonOperator: alarm.comparisonOperator,
      treatMissingData: alarm.treatMissingData ?? "missing",
      current: alarm.stateValue,
    });
    if (result.state === alarm.stateValue) return;
    const reason = this.reasonText(alarm, result.state, result.breaching, result.notBreaching, result.evaluated.length, datapointsToAlarm);
    const reasonData = JSON.stringify({
      version: "1.0",
      queryDate: cloudWatchTime(now),
      startDate: cloudWatchTime(result.evaluated[result.evaluated.length - 1]?.start ?? start),
      ...(alarm.metrics ? {} : { statistic: alarm.extendedStatistic ?? alarm.statistic }),
      period,
      recentDatapoints: result.evaluated.filter((p) => p.value !== undefined).map((p) => p.value),
      threshold: alarm.threshold,
      evaluatedDatapoints: result.evaluated
        .filter((p) => p.value !== undefined)
        .map((p) => ({ timestamp: cloudWatchTime(p.start), sampleCount: p.sampleCount, value: p.value })),
    });
    this.transition(alarm, result.state, reason, reasonData);
  }

  /** The alarm's value for each period of [start, end) that has data, by period start. */
  private periodValues(alarm: MetricAlarmRecord, start: number, end: number, period: number): Map<number, { value: number; sampleCount?: number }> {
    const values = new Map<number, { value: number; sampleCount?: number }>();
    if (alarm.metrics) {
      const queries = parseQueries({ MetricDataQueries: alarm.metrics });
      const evaluated = evaluateQueries(this.deps.metricState, alarm.region, queries, start, end);
      const returning = queries.find((q) => q.returnData);
      const value = returning ? evaluated.get(returning.id)?.value : undefined;
      if (value?.kind === "series") value.series.timestamps.forEach((t, i) => values.set(t, { value: value.series.values[i] }));
      return values;
    }
    const series = this.deps.metricState.metrics.find(alarm.region, {
      namespace: alarm.namespace ?? "",
      metricName: alarm.metricName ?? "",
      dimensions: alarm.dimensions,
    });
    const statistic = alarm.extendedStatistic ?? alarm.statistic ?? "Average";
    for (const p of aggregateByPeriod(series, start, end, period, alarm.unit)) {
      const value = statisticValue(p.aggregate, statistic);
      if (value !== undefined) values.set(p.start, { value, sampleCount: p.aggregate.sampleCount });
    }
    return values;
  }

  private reasonText(
    alarm: MetricAlarmRecord,
    state: AlarmState,
    breaching: PeriodValue[],
    notBreaching: PeriodValue[],
    evaluatedCount: number,
    datapointsToAlarm: number,
  ): string {
    const n = Math.max(evaluatedCount, 1);
    const list = (points: PeriodValue[]) =>
      points
        .map((p) => (p.value === undefined ? `missing (${shortDate(p.start)})` : `${javaDouble(p.value)} (${shortDate(p.start)})`))
        .join(", ");
    const op = operatorText(alarm.comparisonOperator);
    const threshold = javaDouble(alarm.threshold ?? 0);
    const plural = datapointsToAlarm === 1 ? "datapoint" : "datapoints";
    if (state === "ALARM") {
      return `Threshold Crossed: ${breaching.length} out of the last ${n} datapoints [${list(breaching)}] was ${op} the threshold (${threshold}) (minimum ${datapointsToAlarm} ${plural} for OK -> ALARM transition).`;
    }
    if (state === "OK") {
      return `Threshold Crossed: ${notBreaching.length} out of the last ${n} datapoints [${list(notBreaching)}] was not ${op} the threshold (${threshold}) (minimum ${datapointsToAlarm} ${plural} for ALARM -> OK transition).`;
    }
    return `Insufficient Data: ${n} datapoint${n === 1 ? " was" : "s were"} unknown.`;
  }

  private transition(alarm: MetricAlarmRecord, state: AlarmState, reason: string, reasonData?: string): void {
    const now = this.now();
    const oldState = alarm.stateValue;
    const oldReason = alarm.stateReason;
    const oldReasonData = alarm.stateReasonData;
    alarm.stateValue = state;
    alarm.stateReason = reason;
    alarm.stateReasonData = reasonData;
    alarm.stateUpdatedAt = now;
    if (oldState !== state) alarm.stateTransitionedAt = now;
    this.deps.alarms.save(alarm);
    if (oldState === state) return;
    const parse = (text?: string) => (text ? (JSON.parse(text) as unknown) : undefined);
    this.history(alarm, "StateUpdate", `Alarm updated from ${oldState} to ${state}`, {
      version: "1.0",
      oldState: { stateValue: oldState, stateReason: oldReason, stateReasonData: parse(oldReasonData) },
      newState: { stateValue: state, stateReason: reason, stateReasonData: parse(reasonData) },
    });
    if (alarm.actionsEnabled) this.runActions(alarm, { oldState, newState: state, reason, changedAt: now });
  }

  private runActions(alarm: MetricAlarmRecord, change: StateChange): void {
    const actions =
      change.newState === "ALARM" ? alarm.alarmActions : change.newState === "OK" ? alarm.okActions : alarm.insufficientDataActions;
    for (const action of actions) {
      const notification = alarmNotification(alarm, change, this.deps.accountId);
      const data = { actionState: "Succeeded", stateUpdateTimestamp: change.changedAt, notificationResource: action, publishedMessage: notification };
      if (!action.startsWith("arn:aws:sns:")) {
        this.history(alarm, "Action", `Failed to execute action ${action}. Received error: "The local cloud runs only SNS alarm actions."`, {
          ...data,
          actionState: "Failed",
        });
        continue;
      }
      try {
        const sns = this.deps.links.sns;
        if (!sns) throw new Error("SNS is not running in this local cloud.");
        sns.publishToArn(action, {
          message: JSON.stringify({
            default: JSON.stringify(notification),
            email: alarmEmailText(alarm, change, this.deps.accountId),
          }),
          messageStructure: "json",
          subject: alarmSubject(alarm, change.newState),
        });
        this.history(alarm, "Action", `Successfully executed action ${action}`, data);
      } catch (error) {
        this.history(alarm, "Action", `Failed to execute action ${action}. Received error: "${(error as Error).message}"`, {
          ...data,
          actionState: "Failed",
        });
      }
    }
  }

  private history(alarm: MetricAlarmRecord, type: HistoryItemType, summary: string, data: Record<string, unknown>): void {
    const item: AlarmHistoryRecord = { alarmName: alarm.name, timestamp: this.now(), type, summary, data: JSON.stringify(data) };
    this.deps.alarms.addHistory(alarm.region, item);
  }

  private historyConfig(alarm: MetricAlarmRecord): Record<string, unknown> {
    return {
      alarmName: alarm.name,
      alarmArn: alarm.arn,
      alarmDescription: alarm.description,
      actionsEnabled: alarm.actionsEnabled,
      okactions: alarm.okActions,
      alarmActions: alarm.alarmActions,
      insufficientDataActions: alarm.insufficientDataActions,
      metricName: alarm.metricName,
      namespace: alarm.namespace,
      statistic: alarm.statistic,
      extendedStatistic: alarm.extendedStatistic,
      dimensions: alarm.dimensions.map((d) => ({ name: d.Name, value: d.Value })),
      period: alarm.period,
      unit: alarm.unit,
      evaluationPeriods: alarm.evaluationPeriods,
      datapointsToAlarm: alarm.datapointsToAlarm,
      threshold: alarm.threshold,
      comparisonOperator: alarm.comparisonOperator,
      treatMissingData: alarm.treatMissingData,
      metrics: alarm.metrics,
      timestamp: cloudWatchTime(alarm.configurationUpdatedAt),
    };
  }

  private maxRecords(value: unknown, fallback: number): number {
    const max = readInteger(value, "MaxRecords") ?? fallback;
    if (max < 1 || max > 100) throw cloudWatchErrors.invalidParameterValue(`The value ${max} for parameter MaxRecords is invalid.`);
    return max;
  }

  private describe(alarm: MetricAlarmRecord): MetricAlarm {
    return {
      AlarmName: alarm.name,
      AlarmArn: alarm.arn,
      AlarmDescription: alarm.description,
      AlarmConfigurationUpdatedTimestamp: new Date(alarm.configurationUpdatedAt),
      ActionsEnabled: alarm.actionsEnabled,
      OKActions: [...alarm.okActions],
      AlarmActions: [...alarm.alarmActions],
      InsufficientDataActions: [...alarm.insufficientDataActions],
      StateValue: alarm.stateValue,
      StateReason: alarm.stateReason,
      StateReasonData: alarm.stateReasonData,
      StateUpdatedTimestamp: new Date(alarm.stateUpdatedAt),
      MetricName: alarm.metricName,
      Namespace: alarm.namespace,
      Statistic: alarm.statistic as MetricAlarm["Statistic"],
      ExtendedStatistic: alarm.extendedStatistic,
      Dimensions: alarm.metrics ? undefined : alarm.dimensions.map((d) => ({ ...d })),
      Period: alarm.metrics ? undefined : alarm.period,
      Unit: alarm.unit as MetricAlarm["Unit"],
      EvaluationPeriods: alarm.evaluationPeriods,
      DatapointsToAlarm: alarm.datapointsToAlarm,
      Threshold: alarm.threshold,
      ComparisonOperator: alarm.comparisonOperator,
      TreatMissingData: alarm.treatMissingData,
      EvaluateLowSampleCountPercentile: alarm.evaluateLowSampleCountPercentile,
      Metrics: alarm.metrics?.map((q) => ({ ...q })) as MetricAlarm["Metrics"],
      StateTransitionedTimestamp: new Date(alarm.stateTransitionedAt),
    };
  }
}

function operatorText(operator: ComparisonOperator): string {
  switch (operator) {
    case "GreaterThanOrEqualToThreshold":
      return "greater than or equal to";
    case "GreaterThanThreshold":
      return "greater than";
    case "LessThanThreshold":
      return "less than";
    case "LessThanOrEqualToThreshold":
      return "less than or equal to";
  }
}

/** `22/11/26 12:03:00`, as CloudWatch's state reasons print a datapoint's time. */
function shortDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${d.toISOString().slice(11, 19)}`;
}
