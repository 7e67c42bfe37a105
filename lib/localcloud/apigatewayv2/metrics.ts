/**
 * The AWS/ApiGateway metrics of HTTP APIs (Count, 4xx, 5xx, Latency, IntegrationLatency,
 * DataProcessed), per ApiId and per ApiId + Stage as AWS publishes them, counted per request and
 * emitted once per virtual minute in which the API answered something.
 */
import type { Links, MetricDatum } from "../core/links";
import { StatSet } from "../core/stat-set";

export const API_GATEWAY_NAMESPACE = "AWS/ApiGateway";

interface Counters {
  region: string;
  dimensions: Array<{ Name: string; Value: string }>;
  count: number;
  clientErrors: number;
  serverErrors: number;
  bytes: number;
  latency: StatSet;
  integrationLatency: StatSet;
}

export interface RequestOutcome {
  region: string;
  apiId: string;
  /** Unset when no stage served the request (it still counts for the API). */
  stage?: string;
  status: number;
  latencyMs: number;
  /** Set when the integration was called. */
  integrationLatencyMs?: number;
  /** Request plus response body bytes. */
  bytes: number;
}

export class ApiMetrics {
  private readonly counters = new Map<string, Counters>();

  record(outcome: RequestOutcome): void {
    const keys: Array<Array<{ Name: string; Value: string }>> = [[{ Name: "ApiId", Value: outcome.apiId }]];
    if (outcome.stage !== undefined) keys.push([...keys[0], { Name: "Stage", Value: outcome.stage }]);
    for (const dimensions of keys) {
      const key = `${outcome.region}|${dimensions.map((d) => d.Value).join("|")}`;
      let counters = this.counters.get(key);
      if (!counters) {
        counters = { region: outcome.region, dimensions, count: 0, clientErrors: 0, serverErrors: 0, bytes: 0, latency: new StatSet(), integrationLatency: new StatSet() };
        this.counters.set(key, counters);
      }
      counters.count += 1;
      if (outcome.status >= 400 && outcome.status < 500) counters.clientErrors += 1;
      if (outcome.status >= 500) counters.serverErrors += 1;
      counters.bytes += outcome.bytes;
      counters.latency.add(outcome.latencyMs);
      if (outcome.integrationLatencyMs !== undefined) counters.integrationLatency.add(outcome.integrationLatencyMs);
    }
  }

  /** Puts the minute's data through `links.metrics` and starts the next minute from zero. */
  emit(links: Links, minuteStart: number): void {
    if (this.counters.size === 0) return;
    const byRegion = new Map<string, MetricDatum[]>();
    for (const counters of this.counters.values()) {
      const datum = (metricName: string, value: number, unit: string): MetricDatum => ({
        namespace: API_GATEWAY_NAMESPACE,
        metricName,
        dimensions: counters.dimensions,
        value,
        unit,
        timestamp: minuteStart,
      });
      const stats = (metricName: string, values: StatSet): MetricDatum => ({
        ...datum(metricName, values.sum, "Milliseconds"),
        statisticValues: { sampleCount: values.sampleCount, sum: values.sum, min: values.min, max: values.max },
      });
      const data = [datum("Count", counters.count, "Count"), datum("4xx", counters.clientErrors, "Count"), datum("5xx", counters.serverErrors, "Count"), datum("DataProcessed", counters.bytes, "Bytes"), stats("Latency", counters.latency)];
      if (counters.integrationLatency.sampleCount > 0) data.push(stats("IntegrationLatency", counters.integrationLatency));
      byRegion.set(counters.region, [...(byRegion.get(counters.region) ?? []), ...data]);
    }
    this.counters.clear();
    for (const [region, data] of byRegion) links.metrics?.put(region, data);
  }
}
