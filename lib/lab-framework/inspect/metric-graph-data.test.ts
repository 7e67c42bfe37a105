/**
 * A lab's graph is defined on the server and read with GetMetricData over the last minutes of the
 * cloud's clock; the points come back oldest first, one series per metric, named by the lab.
 */
import { CreateQueueCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { createLabContext } from "../context";
import { defineLab, defineResources } from "../define";
import type { LabContext } from "../types";
import { graphData } from "./metric-graphs";

const resources = defineResources({ queue: { kind: "sqs-queue", name: "graphed", description: "" } });
const lab = defineLab({
  id: "graph-lab",
  order: 94,
  title: "Graph",
  summary: "",
  minutes: 1,
  level: "beginner",
  services: [],
  resources,
  steps: [],
  graphs: {
    traffic: {
      title: "Messages",
      healthy: "sent and deleted rise together",
      metrics: [
        { id: "sent", label: "Sent", namespace: "AWS/SQS", metricName: "NumberOfMessagesSent", stat: "Sum", dimensions: (c) => [{ Name: "QueueName", Value: c.names.queue }] },
        { id: "visible", label: "Visible", namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", stat: "Maximum", dimensions: (c) => [{ Name: "QueueName", Value: c.names.queue }] },
      ],
    },
  },
});

let cloud: LocalCloud;
let context: LabContext<typeof resources>;

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "gr1" }, AbortSignal.timeout(30_000));
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("graph data", () => {
  it("answers null for a graph the lab does not define", async () => {
    expect(await graphData(context, lab, "nope", 15)).toBeNull();
  });

  it("reads the lab's metrics for the student's queue on the cloud's clock", async () => {
    const { QueueUrl } = await context.aws.sqs.send(new CreateQueueCommand({ QueueName: context.names.queue }));
    for (let i = 0; i < 3; i++) await context.aws.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}` }));
    cloud.clock.advance(3 * 60_000);
    const graph = await graphData(context, lab, "traffic", 15);
    expect(graph?.title).toBe("Messages");
    expect(graph?.healthy).toBe("sent and deleted rise together");
    expect(graph?.series.map((s) => s.id)).toEqual(["sent", "visible"]);
    const sent = graph!.series[0].points;
    expect(sent.reduce((sum, [, v]) => sum + v, 0)).toBe(3);
    expect(graph!.series[1].points.at(-1)?.[1]).toBe(3);
    const times = graph!.series[1].points.map(([t]) => t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The window ends at the cloud's clock, three minutes ahead of the real one.
    expect(graph!.end).toBeGreaterThan(Date.now() + 2 * 60_000);
  });
});
