/** Dashboard bodies are read as the console reads them: shorthands expanded, defaults applied, problems named. */
import { describe, expect, it } from "vitest";
import { expandMetricEntry, parseDashboardBody } from "./dashboard-body";

describe("dashboard body", () => {
  it("expands '.' and a leading '...' against the metric above", () => {
    const first = ["AWS/SQS", "NumberOfMessagesSent", "QueueName", "user3-orders"];
    expect(expandMetricEntry([".", "NumberOfMessagesReceived", ".", ".", { stat: "Sum" }], first)).toEqual({
      values: ["AWS/SQS", "NumberOfMessagesReceived", "QueueName", "user3-orders"],
      options: { stat: "Sum" },
    });
    expect(expandMetricEntry(["...", "user3-dlq"], first)).toEqual({ values: ["AWS/SQS", "NumberOfMessagesSent", "QueueName", "user3-dlq"], options: {} });
    expect(expandMetricEntry(["...", "user3-dlq"], null)).toBe('"..." needs a metric above it.');
    expect(expandMetricEntry([".", "X"], null)).toBe('"." at position 1 has nothing above it to repeat.');
    expect(expandMetricEntry(["AWS/SQS", 5], null)).toBe("position 2 holds 5, not a string.");
  });

  it("reads metric widgets with the widget's stat and period as defaults, metric math, text and other widgets", () => {
    const body = JSON.stringify({
      start: "-PT1H",
      widgets: [
        { type: "text", x: 0, y: 8, width: 24, height: 2, properties: { markdown: "# Notes" } },
        {
          type: "metric",
          x: 12,
          y: 0,
          width: 12,
          height: 6,
          properties: {
            title: "Queue",
            period: 60,
            stat: "Sum",
            region: "us-east-1",
            metrics: [
              ["AWS/SQS", "NumberOfMessagesSent", "QueueName", "q", { label: "sent" }],
              [".", "ApproximateNumberOfMessagesVisible", ".", ".", { stat: "Average", yAxis: "right", id: "visible" }],
              [{ expression: "visible * 2", label: "doubled", id: "e1" }],
            ],
          },
        },
        { type: "alarm", x: 0, y: 0, properties: { title: "Alarms", alarms: [] } },
        { type: "metric", properties: { view: "singleValue", setPeriodToTimeRange: true, metrics: [["MessagingLabs/Functions", "Invocations", "FunctionName", "f"], "oops"] } },
      ],
    });
    const parsed = parseDashboardBody(body);
    expect(parsed.start).toBe("-PT1H");
    expect(parsed.problems).toEqual([]);
    expect(parsed.widgets.map((w) => [w.kind, w.x, w.y])).toEqual([
      ["other", 0, 0],
      ["metric", 12, 0],
      ["metric", 0, 18],
      ["text", 0, 8],
    ].sort((a, b) => (a[2] as number) - (b[2] as number) || (a[1] as number) - (b[1] as number)));
    const queue = parsed.widgets.find((w) => w.kind === "metric" && w.title === "Queue");
    expect(queue).toMatchObject({
      view: "timeSeries",
      region: "us-east-1",
      periodToTimeRange: false,
      metrics: [
        { id: "m1", label: "sent", stat: "Sum", period: 60, yAxis: "left", visible: true, metric: { namespace: "AWS/SQS", metricName: "NumberOfMessagesSent", dimensions: [{ Name: "QueueName", Value: "q" }] } },
        { id: "visible", label: "ApproximateNumberOfMessagesVisible", stat: "Average", period: 60, yAxis: "right", metric: { metricName: "ApproximateNumberOfMessagesVisible", dimensions: [{ Name: "QueueName", Value: "q" }] } },
        { id: "e1", label: "doubled", expression: "visible * 2" },
      ],
      problems: [],
    });
    const single = parsed.widgets.find((w) => w.kind === "metric" && w.view === "singleValue");
    expect(single).toMatchObject({ title: "Widget 4", periodToTimeRange: true, metrics: [{ stat: "Average", period: 300 }], problems: ["Metric 2 is not an array."] });
  });

  it("names what it cannot read instead of failing", () => {
    expect(parseDashboardBody("nope")).toEqual({ widgets: [], problems: ["The dashboard body is not JSON."] });
    expect(parseDashboardBody("{}")).toEqual({ widgets: [], problems: ["The dashboard body has no widgets array."] });
    const odd = parseDashboardBody(JSON.stringify({ widgets: [7, { type: "metric", properties: { metrics: [["AWS/SQS", "Sent", "QueueName"]] } }] }));
    expect(odd.problems).toEqual(["Widget 1 is not an object."]);
    expect(odd.widgets[0]).toMatchObject({ kind: "metric", metrics: [], problems: ["Metric 1 needs a namespace, a metric name and dimension name/value pairs."] });
  });
});
