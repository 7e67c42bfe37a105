import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";

describe("PutMetricData validation", () => {
  const bed = cloudForTests({ cw: CloudWatchClient });

  const put = (data: MetricDatum[], Namespace = "Lab/Validation") => bed.cw.send(new PutMetricDataCommand({ Namespace, MetricData: data }));

  it("reserves the AWS/ namespaces for AWS", async () => {
    await expect(put([{ MetricName: "x", Value: 1 }], "AWS/SQS")).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: "The value AWS/SQS for parameter Namespace is invalid.",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("needs a value, and takes Value, Values or StatisticValues one at a time", async () => {
    await expect(put([{ MetricName: "x" }])).rejects.toMatchObject({
      name: "MissingRequiredParameterException",
      message: "The parameter MetricData.member.1.Value is required.",
    });
    await expect(put([{ MetricName: "x", Value: 1, Values: [1] }])).rejects.toMatchObject({
      name: "InvalidParameterCombinationException",
    });
    await expect(
      put([{ MetricName: "ok", Value: 1 }, { MetricName: "x", Value: 1, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } }]),
    ).rejects.toMatchObject({
      name: "InvalidParameterCombinationException",
      message: "The parameters MetricData.member.2.Value and MetricData.member.2.StatisticValues are mutually exclusive and you have specified both.",
    });
    await expect(put([{ MetricName: "x", Values: [1, 2], Counts: [1] }])).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: "The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the same size.",
    });
    await expect(put([{ MetricName: "x", Values: Array.from({ length: 151 }, (_, i) => i) }])).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
  });

  it("checks units, storage resolution, dimensions and timestamps", async () => {
    await expect(put([{ MetricName: "x", Value: 1, Unit: "Parsecs" as never }])).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    await expect(put([{ MetricName: "x", Value: 1, StorageResolution: 5 }])).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    await expect(
      put([{ MetricName: "x", Value: 1, Dimensions: [{ Name: "a", Value: "1" }, { Name: "a", Value: "2" }] }]),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(put([{ MetricName: "x", Value: 1, Dimensions: Array.from({ length: 31 }, (_, i) => ({ Name: `d${i}`, Value: "v" })) }]))
      .rejects.toMatchObject({ name: "InvalidParameterValueException" });
    const now = bed.cloud.clock.now();
    await expect(put([{ MetricName: "x", Value: 1, Timestamp: new Date(now - 15 * 24 * 3600_000) }])).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: "The parameter MetricData.member.1.Timestamp must specify a time no more than two weeks in the past.",
    });
    await expect(put([{ MetricName: "x", Value: 1, Timestamp: new Date(now + 3 * 3600_000) }])).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    await expect(put([{ MetricName: "x", Value: 1, Timestamp: new Date(now - 13 * 24 * 3600_000) }])).resolves.toBeDefined();
  });

  it("takes at most 1000 data per call", async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ MetricName: `m${i}`, Value: i }));
    await expect(put(many)).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(put(many.slice(0, 1000))).resolves.toBeDefined();
  });
});
