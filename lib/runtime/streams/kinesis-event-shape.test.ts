import type { KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { documentedKinesisRecord } from "../events/fixtures/aws-kinesis-events";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { shapeDifferences } from "../test/same-shape";
import { createStream, putRecord } from "../test/streams";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["kinesis"]);

describe.skipIf(!kind)(`Kinesis events are built as Lambda builds them (${kind ?? "skipped: no local cloud Kinesis and no moto_server"})`, () => {
  const backend = backendForTests(["kinesis"]);

  it("every field of the documented record, with AWS's formats", async () => {
    const stream = await createStream(backend, "lambda-stream", 1);
    const records: KinesisStreamRecord[] = [];
    const registry = testRegistry(backend, { reader: async (event: KinesisStreamEvent) => void records.push(...event.Records) });
    await registry.create(owner, {
      functionName: "user3-reader",
      handler: "reader",
      eventSourceArn: stream.arn,
      startingPosition: "TRIM_HORIZON",
      roleArn: "arn:aws:iam::000000000000:role/lambda-role",
    });
    const put = await putRecord(backend, stream, "Hello, this is a test.", { index: 0, count: 1 });
    await eventually(backend, () => records.length > 0, { what: "the record" });
    await registry.shutdown();

    const record = records[0];
    expect(shapeDifferences(record, documentedKinesisRecord)).toEqual([]);
    expect(record.kinesis.data).toBe(documentedKinesisRecord.kinesis.data); // base64 of the same text
    expect(record.kinesis.partitionKey).toBe("pk-0");
    expect(record.kinesis.sequenceNumber).toBe(put.sequenceNumber);
    expect(record.kinesis.kinesisSchemaVersion).toBe("1.0");
    expect(record.kinesis.approximateArrivalTimestamp).toBeCloseTo(backend.clock.now() / 1000, -2); // seconds, not ms
    expect(record.eventSource).toBe("aws:kinesis");
    expect(record.eventVersion).toBe("1.0");
    expect(record.eventName).toBe("aws:kinesis:record");
    expect(record.eventID).toBe(`${put.shardId}:${put.sequenceNumber}`);
    expect(record.invokeIdentityArn).toBe("arn:aws:iam::000000000000:role/lambda-role");
    expect(record.awsRegion).toBe("us-east-1");
    expect(record.eventSourceARN).toBe(stream.arn);
  });
});
