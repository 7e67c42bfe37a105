import {
  CloudWatchClient,
  DeleteDashboardsCommand,
  GetDashboardCommand,
  ListDashboardsCommand,
  PutDashboardCommand,
} from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { clientConfig, uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";

const body = JSON.stringify({
  widgets: [
    {
      type: "metric",
      x: 0,
      y: 0,
      width: 12,
      height: 6,
      properties: {
        title: "SQS Queue Metrics",
        period: 60,
        region: "us-east-1",
        metrics: [["AWS/SQS", "NumberOfMessagesSent", "QueueName", "user3-order-processing-queue", { stat: "Sum" }]],
      },
    },
    { type: "text", x: 0, y: 6, width: 12, height: 2, properties: { markdown: "# Messaging" } },
  ],
});

describe("dashboards", () => {
  const bed = cloudForTests({ cw: CloudWatchClient });

  it("stores, returns, lists and deletes a dashboard", async () => {
    const name = uniqueName("user3-messaging-dashboard");
    const put = await bed.cw.send(new PutDashboardCommand({ DashboardName: name, DashboardBody: body }));
    expect(put.DashboardValidationMessages).toEqual([]);
    const got = await bed.cw.send(new GetDashboardCommand({ DashboardName: name }));
    expect(got).toMatchObject({ DashboardName: name, DashboardBody: body, DashboardArn: `arn:aws:cloudwatch::000000000000:dashboard/${name}` });

    // Dashboards belong to the account: another region sees the same one.
    const west = new CloudWatchClient(clientConfig(bed.cloud, "us-west-2"));
    const listed = await west.send(new ListDashboardsCommand({ DashboardNamePrefix: name }));
    expect(listed.DashboardEntries).toEqual([
      { DashboardName: name, DashboardArn: got.DashboardArn, LastModified: expect.any(Date), Size: Buffer.byteLength(body) },
    ]);
    west.destroy();

    await bed.cw.send(new DeleteDashboardsCommand({ DashboardNames: [name] }));
    await expect(bed.cw.send(new GetDashboardCommand({ DashboardName: name }))).rejects.toMatchObject({
      name: "ResourceNotFound",
      message: `Dashboard ${name} does not exist`,
      $metadata: { httpStatusCode: 404 },
    });
    await expect(bed.cw.send(new DeleteDashboardsCommand({ DashboardNames: [name] }))).rejects.toMatchObject({ name: "ResourceNotFound" });
  });

  it("refuses a body that is not JSON with widgets", async () => {
    const name = uniqueName("broken");
    for (const bad of ["not json", "[]", "{}", '{"widgets":{}}', '{"widgets":[{"type":"pie"}]}', '{"widgets":[{"x":0}]}']) {
      await expect(bed.cw.send(new PutDashboardCommand({ DashboardName: name, DashboardBody: bad })), bad).rejects.toMatchObject({
        name: "DashboardInvalidInputError",
        $metadata: { httpStatusCode: 400 },
      });
    }
    await expect(bed.cw.send(new PutDashboardCommand({ DashboardName: "has space", DashboardBody: body }))).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
  });
});
