/**
 * The dashboard body the step saves names only the student's resources, and the file the CLI
 * snippet writes is the same body, one metric per line.
 */
import { describe, expect, it } from "vitest";
import { parseDashboardBody } from "@/lib/lab-framework/inspect/dashboard/dashboard-body";
import { snippetContext } from "@/lib/lab-framework/context";
import { dashboardFile, messagingDashboard } from "./dashboard-body";
import lab from "./lab";

describe("the lab's dashboard body", () => {
  const c = snippetContext(lab, { connection: { mode: "embedded" }, region: "eu-west-1", prefix: "user3" });
  const body = messagingDashboard(c);

  it("shows the queue, the stream and both processors of this student only", () => {
    const parsed = parseDashboardBody(JSON.stringify(body));
    expect(parsed.problems).toEqual([]);
    const shown = parsed.widgets.flatMap((w) => (w.kind === "metric" ? w.metrics.map((m) => `${m.metric?.metricName} ${m.metric?.dimensions.map((d) => d.Value).join()} ${m.stat}`) : []));
    expect(shown).toEqual([
      "NumberOfMessagesSent user3-order-processing-queue Sum",
      "NumberOfMessagesReceived user3-order-processing-queue Sum",
      "ApproximateNumberOfMessagesVisible user3-order-processing-queue Average",
      "ApproximateNumberOfMessagesVisible user3-order-dlq Maximum",
      "IncomingRecords user3-analytics-stream Sum",
      "GetRecords.Records user3-analytics-stream Sum",
      "Invocations user3-queue-processor Sum",
      "Errors user3-queue-processor Sum",
      "Duration user3-queue-processor Average",
      "Invocations user3-stream-processor Sum",
      "Errors user3-stream-processor Sum",
      "Duration user3-stream-processor Average",
    ]);
    expect(parsed.widgets.every((w) => w.kind === "metric" && w.region === "eu-west-1")).toBe(true);
  });

  it("writes the same body to the CLI's file, one metric a line", () => {
    const file = dashboardFile(body);
    expect(JSON.parse(file)).toEqual(body);
    expect(file.split("\n")).toHaveLength(2 + body.widgets.length * 2 + body.widgets.reduce((n, w) => n + (w.properties.metrics as unknown[]).length, 0));
  });
});
