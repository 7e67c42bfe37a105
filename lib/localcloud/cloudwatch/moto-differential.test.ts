import { beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ACCOUNT_ID } from "../index";
import { motoAvailable, motoSkipReason, motoForTests } from "../test/moto";
import { cloudForTests } from "../test/test-bed";
import { runCloudWatchScenario } from "./cloudwatch-scenario";

/**
 * Where the local cloud and moto_server answer the same CloudWatch scenario differently, on
 * purpose; README.md says which matches AWS and why.
 */
const KNOWN_DIFFERENCES = new Set([
  "metricDataLabels",
  "expression",
  "awsNamespace",
  "alarm",
  "history",
  "missingAlarmState",
  "badDashboard",
  "missingDashboard",
]);

describe("CloudWatch: the local cloud against moto_server", () => {
  const bed = cloudForTests({});
  const moto = motoForTests({ accountId: LOCAL_ACCOUNT_ID });
  let local: Record<string, unknown>;
  let reference: Record<string, unknown>;
  beforeAll(async () => {
    local = await runCloudWatchScenario(bed.cloud.endpoint, bed.cloud.clock.now());
    if (motoAvailable) reference = await runCloudWatchScenario(moto.endpoint, Date.now());
  }, 60_000);

  it.skipIf(!motoAvailable)(`agrees with moto on the shared surface${motoSkipReason}`, () => {
    const agreed = Object.keys(local).filter((key) => !KNOWN_DIFFERENCES.has(key));
    expect(agreed.length).toBeGreaterThan(12);
    for (const key of agreed) expect(local[key], key).toEqual(reference[key]);
  });

  it.skipIf(!motoAvailable)(`differs from moto only where moto departs from AWS${motoSkipReason}`, () => {
    for (const key of KNOWN_DIFFERENCES) expect(local[key], key).not.toEqual(reference[key]);
    expect(local.metricDataLabels).toEqual(["Sent", "Failures"]);
    expect(reference.metricDataLabels).toEqual(["Sent Sum", "Failures"]);
    expect(local.expression).toEqual([{ Id: "doubled", Label: "Doubled", Values: [4, 24] }]);
    expect(local.awsNamespace).toMatchObject({ error: "InvalidParameterValueException", status: 400 });
    expect(reference.awsNamespace).toEqual({ ok: true });
    expect((local.alarm as { StateValue: string }).StateValue).toBe("INSUFFICIENT_DATA");
    expect((reference.alarm as { StateValue: string }).StateValue).toBe("OK");
    expect(reference.history).toBe("not implemented");
  });
});
