/**
 * What an alarm action publishes to SNS: AWS's alarm notification JSON (AlarmName, NewStateValue,
 * NewStateReason, StateChangeTime, Region, AlarmArn, OldStateValue, the actions, Trigger...) as
 * the message for every protocol, a readable text for email, and the subject
 * `ALARM: "name" in US East (N. Virginia)`.
 */
import type { MetricAlarmRecord } from "./alarm-store";

const REGION_NAMES: Record<string, string> = {
  "us-east-1": "US East (N. Virginia)",
  "us-east-2": "US East (Ohio)",
  "us-west-1": "US West (N. California)",
  "us-west-2": "US West (Oregon)",
  "ca-central-1": "Canada (Central)",
  "eu-west-1": "EU (Ireland)",
  "eu-west-2": "EU (London)",
  "eu-west-3": "EU (Paris)",
  "eu-central-1": "EU (Frankfurt)",
  "eu-north-1": "EU (Stockholm)",
  "eu-south-1": "EU (Milan)",
  "ap-south-1": "Asia Pacific (Mumbai)",
  "ap-northeast-1": "Asia Pacific (Tokyo)",
  "ap-northeast-2": "Asia Pacific (Seoul)",
  "ap-northeast-3": "Asia Pacific (Osaka)",
  "ap-southeast-1": "Asia Pacific (Singapore)",
  "ap-southeast-2": "Asia Pacific (Sydney)",
  "sa-east-1": "South America (Sao Paulo)",
  "me-south-1": "Middle East (Bahrain)",
  "af-south-1": "Africa (Cape Town)",
};

export function regionDisplayName(region: string): string {
  return REGION_NAMES[region] ?? region;
}

/** CloudWatch writes times as `2026-11-22T12:04:00.000+0000`. */
export function cloudWatchTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}

/** A double as Java prints it (`1.0`, `2.5`), as CloudWatch's texts show numbers. */
export function javaDouble(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

function longDate(ms: number): string {
  const d = new Date(ms);
  const weekday = d.toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });
  const month = d.toLocaleDateString("en-GB", { month: "long", timeZone: "UTC" });
  const time = d.toISOString().slice(11, 19);
  return `${weekday} ${d.getUTCDate()} ${month}, ${d.getUTCFullYear()} ${time} UTC`;
}

export interface StateChange {
  oldState: string;
  newState: string;
  reason: string;
  changedAt: number;
}

export function alarmSubject(alarm: MetricAlarmRecord, newState: string): string {
  return `${newState}: "${alarm.name}" in ${regionDisplayName(alarm.region)}`;
}

export function alarmNotification(alarm: MetricAlarmRecord, change: StateChange, accountId: string): Record<string, unknown> {
  const trigger: Record<string, unknown> = alarm.metrics
    ? { Metrics: alarm.metrics, Period: alarm.period ?? null }
    : {
        MetricName: alarm.metricName,
        Namespace: alarm.namespace,
        StatisticType: alarm.extendedStatistic ? "ExtendedStatistic" : "Statistic",
        Statistic: alarm.extendedStatistic ?? alarm.statistic?.toUpperCase(),
        Unit: alarm.unit ?? null,
        Dimensions: alarm.dimensions.map((d) => ({ value: d.Value, name: d.Name })),
        Period: alarm.period,
      };
  Object.assign(trigger, {
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm ?? alarm.evaluationPeriods,
    ComparisonOperator: alarm.comparisonOperator,
    Threshold: alarm.threshold,
    TreatMissingData: alarm.treatMissingData ?? "missing",
    EvaluateLowSampleCountPercentile: alarm.evaluateLowSampleCountPercentile ?? "",
  });
  return {
    AlarmName: alarm.name,
    AlarmDescription: alarm.description ?? null,
    AWSAccountId: accountId,
    AlarmConfigurationUpdatedTimestamp: cloudWatchTime(alarm.configurationUpdatedAt),
    NewStateValue: change.newState,
    NewStateReason: change.reason,
    StateChangeTime: cloudWatchTime(change.changedAt),
    Region: regionDisplayName(alarm.region),
    AlarmArn: alarm.arn,
    OldStateValue: change.oldState,
    OKActions: alarm.okActions,
    AlarmActions: alarm.alarmActions,
    InsufficientDataActions: alarm.insufficientDataActions,
    Trigger: trigger,
  };
}

/** The email a person subscribed to the alarm's topic reads. */
export function alarmEmailText(alarm: MetricAlarmRecord, change: StateChange, accountId: string): string {
  const when = longDate(change.changedAt);
  const region = regionDisplayName(alarm.region);
  const m = alarm.datapointsToAlarm ?? alarm.evaluationPeriods;
  const metricLines = alarm.metrics
    ? ["- Metric math expression alarm (see the alarm's Metrics)"]
    : [
        `- MetricNamespace:                     ${alarm.namespace}`,
        `- MetricName:                          ${alarm.metricName}`,
        `- Dimensions:                          ${alarm.dimensions.map((d) => `[${d.Name} = ${d.Value}]`).join(" ")}`,
        `- Period:                              ${alarm.period} seconds`,
        `- Statistic:                           ${alarm.extendedStatistic ?? alarm.statistic}`,
        `- Unit:                                ${alarm.unit ?? "not specified"}`,
        `- TreatMissingData:                    ${alarm.treatMissingData ?? "missing"}`,
      ];
  return [
    `You are receiving this email because your Amazon CloudWatch Alarm "${alarm.name}" in the ${region} region has entered the ${change.newState} state, because "${change.reason}" at "${when}".`,
    "",
    "Alarm Details:",
    `- Name:                       ${alarm.name}`,
    `- Description:                ${alarm.description ?? ""}`,
    `- State Change:               ${change.oldState} -> ${change.newState}`,
    `- Reason for State Change:    ${change.reason}`,
    `- Timestamp:                  ${when}`,
    `- AWS Account:                ${accountId}`,
    `- Alarm Arn:                  ${alarm.arn}`,
    "",
    "Threshold:",
    `- The alarm is in the ALARM state when the metric is ${alarm.comparisonOperator} ${javaDouble(alarm.threshold ?? 0)} for at least ${m} of the last ${alarm.evaluationPeriods} period(s) of ${alarm.period ?? 60} seconds.`,
    "",
    "Monitored Metric:",
    ...metricLines,
    "",
    "State Change Actions:",
    `- OK: ${alarm.okActions.length ? `[${alarm.okActions.join(", ")}]` : ""}`,
    `- ALARM: ${alarm.alarmActions.length ? `[${alarm.alarmActions.join(", ")}]` : ""}`,
    `- INSUFFICIENT_DATA: ${alarm.insufficientDataActions.length ? `[${alarm.insufficientDataActions.join(", ")}]` : ""}`,
  ].join("\n");
}
