import {
  CloudWatchClient,
  GetMetricDataCommand,
  PutMetricDataCommand,
  type MetricDataQuery,
  type MetricDataResult,
} from "@aws-sdk/client-cloudwatch";
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";

describe("GetMetricData with metric math", () => {
  const bed = cloudForTests({ cw: CloudWatchClient });
  let namespace: string;
  let start: number;
  beforeAll(async () => {
    namespace = uniqueName("Lab/Math");
    start = Math.floor(bed.cloud.clock.now() / 60_000) * 60_000 - 10 * 60_000;
    // Minutes 0..4: sent 10, 20, 30, 40, 50; failed 1, -, 3, -, 5 (minutes 1 and 3 have none).
    const data = [];
    for (let i = 0; i < 5; i++) {
      data.push({ MetricName: "Sent", Value: (i + 1) * 10, Timestamp: new Date(start + i * 60_000) });
      if (i % 2 === 0) data.push({ MetricName: "Failed", Value: i + 1, Timestamp: new Date(start + i * 60_000) });
    }
    await bed.cw.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: data }));
  });

  const stat = (Id: string, MetricName: string, extra: Partial<MetricDataQuery> = {}): MetricDataQuery => ({
    Id,
    MetricStat: { Metric: { Namespace: namespace, MetricName }, Period: 60, Stat: "Sum" },
    ...extra,
  });

  async function query(queries: MetricDataQuery[], extra: { ScanBy?: "TimestampAscending" | "TimestampDescending"; MaxDatapoints?: number; NextToken?: string } = {}) {
    const result = await bed.cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(start),
        EndTime: new Date(start + 5 * 60_000),
        ScanBy: "TimestampAscending",
        MetricDataQueries: queries,
        ...extra,
      }),
    );
    return result;
  }

  it("adds, divides and sums series by timestamp", async () => {
    const result = await query([
      stat("sent", "Sent", { ReturnData: false }),
      stat("failed", "Failed", { ReturnData: false }),
      { Id: "total", Expression: "sent + failed", Label: "Sent and failed" },
      { Id: "rate", Expression: "100 * failed / sent" },
      { Id: "all", Expression: "SUM(METRICS())" },
    ]);
    const byId: Record<string, MetricDataResult> = Object.fromEntries((result.MetricDataResults ?? []).map((r) => [r.Id, r]));
    expect(Object.keys(byId).sort()).toEqual(["all", "rate", "total"]);
    expect(byId.total.Values).toEqual([11, 33, 55]);
    expect(byId.total.Label).toBe("Sent and failed");
    expect(byId.total.Timestamps?.map((t) => t.getTime())).toEqual([start, start + 120_000, start + 240_000]);
    expect(byId.rate.Values).toEqual([10, 10, 10]);
    expect(byId.all.Values).toEqual([11, 20, 33, 40, 55]);
  });

  it("computes RATE and DIFF between periods, and FILLs the gaps", async () => {
    const result = await query([
      stat("sent", "Sent", { ReturnData: false }),
      stat("failed", "Failed", { ReturnData: false }),
      { Id: "rate", Expression: "RATE(sent)" },
      { Id: "diff", Expression: "DIFF(sent)" },
      { Id: "zeroes", Expression: "FILL(failed, 0)" },
      { Id: "repeat", Expression: "FILL(failed, REPEAT)" },
      { Id: "linear", Expression: "FILL(failed, LINEAR)" },
      { Id: "peak", Expression: "MAX(sent)" },
    ]);
    const values = (id: string) => result.MetricDataResults?.find((r) => r.Id === id)?.Values;
    expect(values("rate")).toEqual([10 / 60, 10 / 60, 10 / 60, 10 / 60]);
    expect(values("diff")).toEqual([10, 10, 10, 10]);
    expect(values("zeroes")).toEqual([1, 0, 3, 0, 5]);
    expect(values("repeat")).toEqual([1, 1, 3, 3, 5]);
    expect(values("linear")).toEqual([1, 2, 3, 4, 5]);
    expect(values("peak")).toEqual([50, 50, 50, 50, 50]);
  });

  it("returns newest first by default, with the metric name as the label", async () => {
    const result = await bed.cw.send(
      new GetMetricDataCommand({ StartTime: new Date(start), EndTime: new Date(start + 5 * 60_000), MetricDataQueries: [stat("sent", "Sent")] }),
    );
    expect(result.MetricDataResults?.[0]).toMatchObject({ Id: "sent", Label: "Sent", Values: [50, 40, 30, 20, 10], StatusCode: "Complete" });
  });

  it("pages by MaxDatapoints with a NextToken", async () => {
    const first = await query([stat("sent", "Sent")], { MaxDatapoints: 2 });
    expect(first.MetricDataResults?.[0]).toMatchObject({ Values: [10, 20], StatusCode: "PartialData" });
    const second = await query([stat("sent", "Sent")], { MaxDatapoints: 2, NextToken: first.NextToken });
    expect(second.MetricDataResults?.[0].Values).toEqual([30, 40]);
    const third = await query([stat("sent", "Sent")], { MaxDatapoints: 2, NextToken: second.NextToken });
    expect(third.MetricDataResults?.[0]).toMatchObject({ Values: [50], StatusCode: "Complete" });
    expect(third.NextToken).toBeUndefined();
  });

  it("rejects bad ids, unknown references and unknown functions", async () => {
    await expect(query([stat("Bad", "Sent")])).rejects.toMatchObject({ name: "ValidationException" });
    await expect(query([stat("a", "Sent"), stat("a", "Failed")])).rejects.toMatchObject({ name: "ValidationException" });
    await expect(query([{ Id: "e", Expression: "m9 * 2" }])).rejects.toMatchObject({
      name: "ValidationException",
      message: "Error in expression e: Unrecognized identifier m9.",
    });
    await expect(query([stat("m", "Sent"), { Id: "e", Expression: "SQRT(m)" }])).rejects.toMatchObject({
      name: "ValidationException",
      message: "Error in expression e: Unknown function SQRT.",
    });
    await expect(query([stat("m", "Sent", { MetricStat: { Metric: { Namespace: namespace, MetricName: "Sent" }, Period: 45, Stat: "Sum" } })]))
      .rejects.toMatchObject({ name: "InvalidParameterValueException" });
  });
});
