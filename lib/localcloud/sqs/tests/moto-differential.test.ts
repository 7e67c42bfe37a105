import { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { LOCAL_ACCOUNT_ID } from "../../index";
import { clientConfig, testCredentials } from "../../test/harness";
import { motoAvailable, motoSkipReason, motoForTests } from "../../test/moto";
import { cloudForTests } from "../../test/test-bed";
import { runScenario, type Observations } from "./sqs-scenario";

/**
 * Where moto_server and the local cloud answer differently, and why. Each entry says which one
 * matches AWS's documentation; README.md in this folder lists the same table. The test fails if
 * an entry stops being a difference (so the table stays true) or a new one appears.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  "error: visibility 43201": "AWS documents VisibilityTimeout as 0 to 43,200; the local cloud refuses 43201 (InvalidAttributeValue), moto accepts it.",
  "error: unknown attribute": "AWS answers InvalidAttributeName for a name it does not know; moto ignores it.",
  "error: invalid characters": "AWS documents InvalidMessageContents for characters outside #x9 | #xA | #xD | #x20-#xD7FF | ...; moto accepts them.",
  "FIFO duplicate returns same id":
    "AWS's documentation only says a duplicate is accepted and not delivered; the local cloud answers with the original message's id and sequence number, moto with a new id.",
  "RedrivePolicy as returned": "AWS's examples show compact JSON with a numeric maxReceiveCount, as the local cloud returns it; moto adds spaces.",
};

describe("differential against moto_server", () => {
  const bed = cloudForTests({});
  const moto = motoForTests({ accountId: LOCAL_ACCOUNT_ID });

  it.skipIf(!motoAvailable)(`answers the shared scenario as moto does, apart from the recorded differences${motoSkipReason}`, async () => {
    const ours = new SQSClient(clientConfig(bed.cloud));
    const theirs = new SQSClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: testCredentials });
    const local: Observations = await runScenario(ours, "diff");
    const reference: Observations = await runScenario(theirs, "diff");
    ours.destroy();
    theirs.destroy();
    const differing = Object.keys(local).filter((key) => JSON.stringify(local[key]) !== JSON.stringify(reference[key]));
    const report = differing.map((key) => `${key}: local cloud ${JSON.stringify(local[key])} / moto ${JSON.stringify(reference[key])}`);
    console.log(report.join("\n"));
    expect(differing.sort()).toEqual(Object.keys(KNOWN_DIFFERENCES).sort());
  }, 120_000);
});
