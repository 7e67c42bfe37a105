/**
 * Metric alarms and their history, per region. One persisted part per alarm
 * (`cloudwatch/<region>/alarms/<name>`) and one for the region's history
 * (`cloudwatch/<region>/alarm-history`), which keeps 30 days, as AWS does.
 */
import { createHash } from "node:crypto";
import { keySegment, type StateStore } from "../core/persistence";
import type { AlarmState, ComparisonOperator, TreatMissingData } from "./alarm-evaluation";
import type { Dimension, StoredPart } from "./metric-store";

/** A MetricDataQuery as stored on an alarm (the SDK's shape, JSON-serialisable). */
export interface StoredMetricDataQuery {
  Id: string;
  Expression?: string;
  Label?: string;
  ReturnData?: boolean;
  Period?: number;
  AccountId?: string;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: Dimension[] };
    Period: number;
    Stat: string;
    Unit?: string;
  };
}

export interface MetricAlarmRecord {
  name: string;
  arn: string;
  region: string;
  description?: string;
  actionsEnabled: boolean;
  okActions: string[];
  alarmActions: string[];
  insufficientDataActions: string[];
  metricName?: string;
  namespace?: string;
  statistic?: string;
  extendedStatistic?: string;
  dimensions: Dimension[];
  period?: number;
  unit?: string;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  threshold?: number;
  thresholdMetricId?: string;
  comparisonOperator: ComparisonOperator;
  treatMissingData?: TreatMissingData;
  evaluateLowSampleCountPercentile?: string;
  metrics?: StoredMetricDataQuery[];
  tags: Record<string, string>;
  stateValue: AlarmState;
  stateReason: string;
  stateReasonData?: string;
  stateUpdatedAt: number;
  stateTransitionedAt: number;
  configurationUpdatedAt: number;
}

export type HistoryItemType = "ConfigurationUpdate" | "StateUpdate" | "Action";

export interface AlarmHistoryRecord {
  alarmName: string;
  timestamp: number;
  type: HistoryItemType;
  summary: string;
  data: string;
}

const HISTORY_RETENTION_MS = 30 * 24 * 3600_000;
const MAX_HISTORY_PER_REGION = 10_000;
const ALARM_KEY = /^cloudwatch\/([^/]+)\/alarms\/[^/]+$/;
const HISTORY_KEY = /^cloudwatch\/([^/]+)\/alarm-history$/;

export class AlarmStore {
  private alarms = new Map<string, Map<string, MetricAlarmRecord>>();
  private history = new Map<string, AlarmHistoryRecord[]>();

  constructor(private readonly store: StateStore) {}

  restore(parts: StoredPart[]): void {
    for (const { key, data } of parts) {
      const alarmMatch = ALARM_KEY.exec(key);
      if (alarmMatch) {
        const alarm = data as MetricAlarmRecord;
        if (alarm?.name && alarm.region) this.regionAlarms(alarm.region).set(alarm.name, alarm);
        continue;
      }
      const historyMatch = HISTORY_KEY.exec(key);
      if (historyMatch && Array.isArray(data) && data.length > 0) {
        const region = decodeURIComponent(historyMatch[1].replace(/_/g, "%"));
        this.history.set(region, data as AlarmHistoryRecord[]);
      }
    }
  }

  regions(): string[] {
    return [...this.alarms.keys()];
  }

  list(region: string): MetricAlarmRecord[] {
    return [...(this.alarms.get(region)?.values() ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  get(region: string, name: string): MetricAlarmRecord | undefined {
    return this.alarms.get(region)?.get(name);
  }

  byArn(arn: string): MetricAlarmRecord | undefined {
    const match = /^arn:aws[\w-]*:cloudwatch:([a-z0-9-]+):\d{12}:alarm:(.+)$/.exec(arn);
    return match ? this.get(match[1], match[2]) : undefined;
  }

  put(alarm: MetricAlarmRecord): void {
    this.regionAlarms(alarm.region).set(alarm.name, alarm);
    this.save(alarm);
  }

  save(alarm: MetricAlarmRecord): void {
    this.store.markDirty(this.alarmKey(alarm.region, alarm.name), () => alarm);
  }

  delete(alarm: MetricAlarmRecord): void {
    this.alarms.get(alarm.region)?.delete(alarm.name);
    this.store.remove(this.alarmKey(alarm.region, alarm.name));
  }

  addHistory(region: string, item: AlarmHistoryRecord): void {
    const list = this.history.get(region) ?? [];
    list.push(item);
    const cutoff = item.timestamp - HISTORY_RETENTION_MS;
    const firstKept = list.findIndex((h) => h.timestamp >= cutoff);
    if (firstKept > 0) list.splice(0, firstKept);
    if (list.length > MAX_HISTORY_PER_REGION) list.splice(0, list.length - MAX_HISTORY_PER_REGION);
    this.history.set(region, list);
    this.store.markDirty(`cloudwatch/${keySegment(region)}/alarm-history`, () => list);
  }

  historyOf(region: string): AlarmHistoryRecord[] {
    return this.history.get(region) ?? [];
  }

  private regionAlarms(region: string): Map<string, MetricAlarmRecord> {
    let map = this.alarms.get(region);
    if (!map) {
      map = new Map();
      this.alarms.set(region, map);
    }
    return map;
  }

  private alarmKey(region: string, name: string): string {
    const segment = keySegment(name);
    // Long names would overflow a file name; the part holds the name, so a digest is as good a key.
    const safe = segment.length > 180 ? `h-${createHash("sha256").update(name).digest("hex")}` : segment;
    return `cloudwatch/${keySegment(region)}/alarms/${safe}`;
  }
}
