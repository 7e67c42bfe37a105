/**
 * Shared set-up for the SQS tests: an ephemeral cloud, an SDK client for it, and small helpers
 * that keep each test about the behaviour it checks.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll } from "vitest";
import type { LocalCloud, LocalCloudOptions } from "../../index";
import { clientConfig, startTestCloud, uniqueName } from "../../test/harness";

export interface SqsTestBed {
  cloud: LocalCloud;
  sqs: SQSClient;
  /** Creates a uniquely named queue; `.fifo` is appended (and FifoQueue set) when `fifo` is true. */
  createQueue(base: string, attributes?: Record<string, string>, fifo?: boolean): Promise<{ url: string; arn: string; name: string }>;
  counts(url: string): Promise<{ visible: number; inFlight: number; delayed: number }>;
  advanceSeconds(seconds: number): void;
}

/** Starts a cloud before the file's tests and stops it after; the returned object fills in then. */
export function useSqsTestBed(options: LocalCloudOptions = {}): SqsTestBed {
  const bed = {} as SqsTestBed;
  beforeAll(async () => {
    bed.cloud = await startTestCloud(options);
    bed.sqs = new SQSClient(clientConfig(bed.cloud));
  });
  afterAll(async () => {
    bed.sqs?.destroy();
    await bed.cloud?.close();
  });
  bed.createQueue = async (base, attributes = {}, fifo = false) => {
    const name = fifo ? `${uniqueName(base)}.fifo` : uniqueName(base);
    const { QueueUrl } = await bed.sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: fifo ? { FifoQueue: "true", ...attributes } : attributes }),
    );
    return { url: QueueUrl as string, arn: `arn:aws:sqs:us-east-1:000000000000:${name}`, name };
  };
  bed.counts = async (url) => {
    const { Attributes = {} } = await bed.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
      }),
    );
    return {
      visible: Number(Attributes.ApproximateNumberOfMessages),
      inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible),
      delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed),
    };
  };
  bed.advanceSeconds = (seconds) => {
    bed.cloud.clock.advance(seconds * 1000);
  };
  return bed;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function errorOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("Expected the call to fail, but it succeeded.");
}
