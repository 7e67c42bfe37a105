/**
 * The dashboard renderer's server side reads a real dashboard from the local cloud and the data of
 * each metric widget on the cloud's own clock (which may run ahead of the wall clock).
 */
import { PutDashboardCommand, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLabContext } from "@/lib/lab-framework/context";
import { defineLab, defineResources } from "@/lib/lab-framework/define";
import type { LabContext } from "@/lib/lab-framework/types";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { answerDashboardRequest } from "./dashboard-route";
import { readDashboard, type MetricWidgetView } from "./read-dashboard";

const resources = defineResources({
  board: { kind: "cloudwatch-dashboard", name: "board", description: "" },
  queue: { kind: "sqs-queue", name: "queue", description: "" },
});
const lab = defineLab({ id: "dashboard-test", order: 99, title: "Dashboard test", summary: "", minutes: 1, level: "beginner", services: [], resources, steps: [] });

let cloud: LocalCloud;
let context: LabContext<typeof resources>;
beforeAll(async () => {
  cloud = await startTestCloud();
  // Run the cloud two hours ahead: the renderer must read on its clock, not the wall clock.
  cloud.clock.advance(2 * 3600_000);
  context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "user5" }, AbortSignal.timeout(30_000));
});
afterAll(async () => {
  await cloud?.close();
});

describe("reading a dashboard", () => {
  it("answers MISSING before the dashboard exists", async () => {
    expect(await readDashboard(context, context.names.board)).toMatchObject({ name: "user5-board", status: "MISSING", widgets: [] });
  });

  it("reads each metric widget's lines, single values over the whole range, and passes text through", async () => {
    const now = cloud.clock.now();
    const minute = (back: number) => new Date(Math.floor(now / 60_000) * 60_000 - back * 60_000);
    await context.aws.cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: "Lab/Test",
        MetricData: [
          { MetricName: "Sent", Dimensions: [{ Name: "QueueName", Value: "user5-queue" }], Timestamp: minute(3), Value: 4 },
          { MetricName: "Sent", Dimensions: [{ Name: "QueueName", Value: "user5-queue" }], Timestamp: minute(1), Value: 6 },
          { MetricName: "Sent", Dimensions: [{ Name: "QueueName", Value: "user5-dlq" }], Timestamp: minute(1), Value: 1 },
          { MetricName: "Duration", Dimensions: [{ Name: "FunctionName", Value: "f" }], Timestamp: minute(2), Value: 100 },
          { MetricName: "Duration", Dimensions: [{ Name: "FunctionName", Value: "f" }], Timestamp: minute(1), Value: 300 },
        ],
      }),
    );
    await context.aws.cloudwatch.send(
      new PutDashboardCommand({
        DashboardName: context.names.board,
        DashboardBody: JSON.stringify({
          widgets: [
            { type: "metric", x: 0, y: 0, width: 12, height: 6, properties: { title: "Sent", period: 60, stat: "Sum", metrics: [["Lab/Test", "Sent", "QueueName", "user5-queue"], ["...", "user5-dlq", { label: "dlq" }]] } },
            { type: "metric", x: 12, y: 0, width: 12, height: 6, properties: { title: "Work", view: "singleValue", setPeriodToTimeRange: true, stat: "Average", metrics: [["Lab/Test", "Duration", "FunctionName", "f"]] } },
            { type: "text", x: 0, y: 6, width: 24, height: 2, properties: { markdown: "Hello" } },
          ],
        }),
      }),
    );
    const view = await readDashboard(context, context.names.board, 15);
    expect(view.status).toBe("READY");
    expect(view.end).toBeGreaterThan(Date.now() + 3600_000);
    const [sent, work, text] = view.widgets;
    expect(text).toMatchObject({ kind: "text", markdown: "Hello" });
    expect((sent as MetricWidgetView).series.map((s) => [s.label, s.points.map((p) => p[1])])).toEqual([
      ["Sent", [4, 6]],
      ["dlq", [1]],
    ]);
    expect((sent as MetricWidgetView).series[0].points[0][0]).toBe(minute(3).getTime());
    expect(work).toMatchObject({ kind: "metric", view: "singleValue", periodSeconds: 900, series: [{ label: "Duration", value: 200 }] });
  });

  it("the route takes a dashboard resource key and a range in minutes, nothing else", async () => {
    const settings = { connection: { mode: "endpoint" as const, endpoint: cloud.endpoint }, region: "us-east-1", prefix: "user5" };
    const get = (key: string, query = "") => answerDashboardRequest(new Request(`http://127.0.0.1/api/labs/${lab.id}/dashboards/${key}${query}`), lab, key, settings);
    expect((await get("board", "?minutes=30")).status).toBe(200);
    expect((await get("queue")).status).toBe(404);
    expect((await get("toString")).status).toBe(404);
    for (const query of ["?minutes=1", "?minutes=2000", "?minutes=ten"]) expect((await get("board", query)).status, query).toBe(400);
  });
});
