/**
 * CloudWatch: metrics (PutMetricData, GetMetricData with metric math, GetMetricStatistics,
 * ListMetrics), metric alarms evaluated on the virtual clock with actions that publish to SNS,
 * and dashboards. Fills `links.metrics`, through which every service emits the metrics AWS emits.
 * See README.md in this folder.
 */
import { AwsError } from "../core/errors";
import { AlarmStore } from "./alarm-store";
import { Alarms } from "./alarms";
import { Dashboards } from "./dashboards";
import type { ServiceContext, ServiceModule, ServiceRequest } from "../core/service";
import { cloudWatchErrors } from "./errors";
import type { Input } from "./input";
import { fromLinkDatum } from "./metric-data";
import { getMetricData, getMetricStatistics, listMetrics, putMetricData, type MetricState } from "./metric-operations";
import { MetricStore } from "./metric-store";
import { CLOUDWATCH_JSON_TARGET, decodeInput, encodeError, encodeOutput } from "./protocol";

type Operation = (region: string, input: Input) => unknown;

export function createCloudWatchService(context: ServiceContext): ServiceModule {
  const { clock, store, links } = context;
  const metrics = new MetricStore(store);
  const alarmStore = new AlarmStore(store);
  const dashboards = new Dashboards(store, context.accountId, () => clock.now());
  const saved = store.readAll("cloudwatch/");
  metrics.restore(saved, clock.now());
  alarmStore.restore(saved);
  dashboards.restore(saved);
  const metricState: MetricState = { metrics, now: () => clock.now() };
  const alarms = new Alarms({ alarms: alarmStore, metricState, links, accountId: context.accountId });

  links.metrics = {
    put(region, data) {
      const now = clock.now();
      for (const datum of data) {
        const { metric, point } = fromLinkDatum(datum, now);
        metrics.put(region, metric, point, now);
      }
    },
  };

  // Alarms are evaluated once every service has emitted the minute's metrics: a timer due at the
  // minute's end fires after all of this minute's listeners, whatever order the services were
  // created in, and within the same fast-forward (a timer due at `now()`, read after the
  // listeners took a few real milliseconds, could fall after the advance's target and fire late).
  const stopMinutes = clock.everyMinute((minuteStart) => {
    const minuteEnd = minuteStart + 60_000;
    metrics.sweep(clock.now());
    clock.at(minuteEnd, () => alarms.evaluateAll(Math.max(minuteEnd, clock.now())));
  });

  const operations: Record<string, Operation> = {
    PutMetricData: (region, input) => putMetricData(metricState, region, input),
    GetMetricStatistics: (region, input) => getMetricStatistics(metricState, region, input),
    GetMetricData: (region, input) => getMetricData(metricState, region, input),
    ListMetrics: (region, input) => listMetrics(metricState, region, input),
    PutMetricAlarm: (region, input) => alarms.putMetricAlarm(region, input),
    DescribeAlarms: (region, input) => alarms.describeAlarms(region, input),
    DescribeAlarmsForMetric: (region, input) => alarms.describeAlarmsForMetric(region, input),
    DescribeAlarmHistory: (region, input) => alarms.describeAlarmHistory(region, input),
    SetAlarmState: (region, input) => alarms.setAlarmState(region, input),
    DeleteAlarms: (region, input) => alarms.deleteAlarms(region, input),
    EnableAlarmActions: (region, input) => alarms.setActionsEnabled(region, input, true),
    DisableAlarmActions: (region, input) => alarms.setActionsEnabled(region, input, false),
    TagResource: (_region, input) => alarms.tagResource(input),
    UntagResource: (_region, input) => alarms.untagResource(input),
    ListTagsForResource: (_region, input) => alarms.listTagsForResource(input),
    PutDashboard: (_region, input) => dashboards.put(input),
    GetDashboard: (_region, input) => dashboards.get(input),
    ListDashboards: (_region, input) => dashboards.list(input),
    DeleteDashboards: (_region, input) => dashboards.delete(input),
  };

  return {
    name: "cloudwatch",
    match: { signingNames: ["monitoring"], jsonTargetPrefixes: [CLOUDWATCH_JSON_TARGET], queryVersions: ["2010-08-01"] },
    async handle(request: ServiceRequest) {
      try {
        const operation = operations[request.operation];
        if (!operation) {
          throw new AwsError(
            request.protocol === "json" ? "UnknownOperationException" : "InvalidAction",
            `The action ${request.operation} is not valid for this endpoint.`,
            { queryCode: "InvalidAction" },
          );
        }
        return encodeOutput(request, operation(request.region, decodeInput(request)));
      } catch (error) {
        if (error instanceof AwsError) return encodeError(request, error);
        console.error("[localcloud] cloudwatch failed:", error);
        return encodeError(request, cloudWatchErrors.internal());
      }
    },
    async close() {
      stopMinutes();
    },
  };
}
