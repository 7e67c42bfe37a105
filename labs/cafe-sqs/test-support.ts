/**
 * What the Cafe lab's tests share: a context of the lab for a prefix on any endpoint (or on a local
 * cloud of the test file's own), an API Gateway event for a body, an SQS event for a body, and a
 * way to wait for something.
 */
import type { APIGatewayProxyEvent, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { createLabContext } from "@/lib/lab-framework/context";
import { toApiGatewayProxyEvent } from "@/lib/runtime/events/api-gateway-event";
import lab from "./lab";
import type { CafeContext } from "./provision";

export const REGION = "us-east-1";

export function cafeContext(endpoint: string, prefix: string): Promise<CafeContext> {
  return createLabContext(lab, { connection: { mode: "endpoint", endpoint }, region: REGION, prefix }, AbortSignal.timeout(180_000));
}

export type CafeSteps = ReturnType<typeof stepsOf>;

export interface CafeOnLocalCloud {
  cloud: LocalCloud;
  context: CafeContext;
  steps: CafeSteps;
}

/**
 * The lab for `prefix` on a local cloud of the test file's own: started before its tests, then
 * `prepare` run on the steps; the runtime and the cloud are closed after. The returned object
 * fills in when the tests start.
 */
export function cafeOnLocalCloud(prefix: string, prepare?: (steps: CafeSteps) => Promise<void>): CafeOnLocalCloud {
  const cafe = {} as CafeOnLocalCloud;
  beforeAll(async () => {
    cafe.cloud = await startTestCloud();
    cafe.context = await cafeContext(cafe.cloud.endpoint, prefix);
    cafe.steps = stepsOf(cafe.context);
    await prepare?.(cafe.steps);
  });
  afterAll(async () => {
    await closeSharedRegistry();
    await cafe.cloud?.close();
  });
  return cafe;
}

/** The queue, the tables and the worker's trigger in place, as the worker step leaves them. */
export async function workerRunning(steps: CafeSteps): Promise<void> {
  await steps.act("create-queue", "create-queue");
  await steps.act("worker", "create-tables");
  await steps.act("worker", "enable-trigger");
}

export function apiEvent(body: string | null): APIGatewayProxyEvent {
  return toApiGatewayProxyEvent({ method: "POST", path: "/orders", body }, { accountId: "000000000000", apiId: "cafetest", now: Date.now() });
}

export function sqsEvent(body: string, messageId = `msg-${Math.random().toString(36).slice(2, 10)}`, receiveCount = 1): SQSEvent {
  return {
    Records: [
      {
        messageId,
        receiptHandle: "handle",
        body,
        attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: String(Date.now()), SenderId: "test", ApproximateFirstReceiveTimestamp: String(Date.now()) },
        messageAttributes: {},
        md5OfBody: "",
        eventSource: "aws:sqs",
        eventSourceARN: `arn:aws:sqs:${REGION}:000000000000:orders`,
        awsRegion: REGION,
      },
    ],
  };
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs a step's action or check by id, as the routes do. */
export function stepsOf(context: CafeContext) {
  const step = (id: string) => {
    const found = lab.steps.find((s) => s.id === id);
    if (!found) throw new Error(`no step ${id}`);
    return found;
  };
  return {
    async act(stepId: string, actionId: string, params: Record<string, unknown> = {}) {
      const action = step(stepId).actions.find((a) => a.id === actionId);
      if (!action) throw new Error(`no action ${stepId}/${actionId}`);
      return action.run(context, action.params.parse(params));
    },
    check(stepId: string) {
      return step(stepId).check(context);
    },
  };
}
