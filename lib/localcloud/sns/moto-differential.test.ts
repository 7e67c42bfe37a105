import { beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ACCOUNT_ID } from "../index";
import { motoAvailable, motoSkipReason, motoForTests } from "../test/moto";
import { cloudForTests } from "../test/test-bed";
import { runSnsScenario } from "./sns-scenario";

/**
 * Where the local cloud and moto_server answer the same SNS scenario differently, on purpose.
 * Each entry is what the local cloud answers; README.md says which one matches AWS and why.
 */
const KNOWN_DIFFERENCES = new Set([
  "createDifferent",
  "badName",
  "topicAttributeNames",
  "badAttributeName",
  "emailSubscribe",
  "listedProtocols",
  "fifoNoGroup",
  "fifoNoDedup",
  "fifoSequenceShape",
  "unsubscribeAgain",
]);

const normalise = (value: unknown) => JSON.parse(JSON.stringify(value ?? null).replace(/"requestId":"[^"]*"/g, '"requestId":"-"'));

describe("SNS: the local cloud against moto_server", () => {
  const bed = cloudForTests({});
  const moto = motoForTests({ accountId: LOCAL_ACCOUNT_ID });
  let local: Record<string, unknown>;
  let reference: Record<string, unknown>;
  beforeAll(async () => {
    local = await runSnsScenario(bed.cloud.endpoint);
    if (motoAvailable) reference = await runSnsScenario(moto.endpoint);
  }, 60_000);

  it.skipIf(!motoAvailable)(`agrees with moto on the shared surface${motoSkipReason}`, () => {
    const agreed = Object.keys(local).filter((key) => !KNOWN_DIFFERENCES.has(key));
    expect(agreed.length).toBeGreaterThan(15);
    for (const key of agreed) expect(normalise(local[key]), key).toEqual(normalise(reference[key]));
  });

  it.skipIf(!motoAvailable)(`differs from moto only where moto departs from AWS${motoSkipReason}`, () => {
    for (const key of KNOWN_DIFFERENCES) expect(normalise(local[key]), key).not.toEqual(normalise(reference[key]));
    expect(local.createDifferent).toMatchObject({ error: "InvalidParameterException", message: "Invalid parameter: Attributes Reason: Topic already exists with different attributes" });
    expect(reference.createDifferent).toHaveProperty("ok");
    expect(local.emailSubscribe).toBe("pending confirmation");
    expect(local.listedProtocols).toEqual([["sqs", "arn"], ["email", "PendingConfirmation"]]);
    expect(local.fifoNoGroup).toMatchObject({ error: "InvalidParameterException" });
    expect(reference.fifoNoGroup).toMatchObject({ error: "MissingParameter" });
    expect(local.fifoSequenceShape).toBe(true);
    expect(local.unsubscribeAgain).toMatchObject({ error: "NotFoundException" });
    expect(reference.unsubscribeAgain).toHaveProperty("ok");
  });
});
