/**
 * Actions the two routing steps share: the filter and template tester, and a demonstration run.
 */
import { z } from "zod";
import { PlainFailure } from "@/lib/aws/errors";
import { defineAction } from "@/lib/lab-framework/define";
import type { JsonValue } from "@/lib/lab-framework/types";
import { startRun } from "../demo-run";
import { partitionOf } from "../provision/context";
import { PIPE_OF } from "../provision/pipe";
import type { StreamsResources } from "../resources";
import { RoutingTestError, testRouting, type RoutingDesign } from "../routing";

const testParams = z
  .object({
    design: z.enum(["queue", "stream"]),
    filter: z.string().min(2, "Write a filter pattern.").max(4000, "Keep the pattern under 4,000 characters."),
    template: z.string().max(4000, "Keep the template under 4,000 characters."),
    sample: z.string().min(2, "Write a sample order.").max(4000, "Keep the sample under 4,000 characters."),
  })
  .strict();

export function testRoutingAction() {
  return defineAction<StreamsResources, typeof testParams>({
    id: "test-routing",
    label: "Run the sample through the pipe",
    panelOnly: true,
    checkAfter: false,
    params: testParams,
    async run(context, params) {
      let sample: unknown;
      try {
        sample = JSON.parse(params.sample);
      } catch {
        throw new PlainFailure("SampleNotJson", "The sample order is not valid JSON.", "Write it as a JSON object, e.g. {\"amount\": 25000}.");
      }
      if (typeof sample !== "object" || sample === null || Array.isArray(sample)) {
        throw new PlainFailure("SampleNotObject", "The sample order must be a JSON object.", "Write it between { and }.");
      }
      const account = await context.accountId();
      const partition = partitionOf(context.region);
      const sourceArn =
        params.design === "queue"
          ? `arn:${partition}:sqs:${context.region}:${account}:${context.names.processingQueue}`
          : `arn:${partition}:dynamodb:${context.region}:${account}:table/${context.names.ordersTable}/stream/(latest)`;
      try {
        const result = testRouting(
          { design: params.design, filter: params.filter, template: params.template, sample: sample as Record<string, unknown> },
          { pipeName: context.names[PIPE_OF[params.design]], sourceArn, region: context.region, now: new Date() },
        );
        return {
          message: result.matched ? "The filter matches: the pipe would send the payload below." : `No match. ${result.fate}`,
          data: JSON.parse(JSON.stringify(result)) as JsonValue,
        };
      } catch (error) {
        if (error instanceof RoutingTestError) throw new PlainFailure("InvalidRouting", error.message, "Correct it and run the sample again.");
        throw error;
      }
    },
  });
}

const triggerParams = z.object({ enabled: z.boolean() }).strict();

/** The worker's trigger switch (UpdateEventSourceMapping Enabled), to let the pipe read the queue alone. */
export function workerTriggerAction() {
  return defineAction<StreamsResources, typeof triggerParams>({
    id: "set-worker-trigger",
    label: "Turn the worker's trigger on or off",
    panelOnly: true,
    checkAfter: false,
    params: triggerParams,
    async run(context, params) {
      const mapping = await context.runtime.findMapping("orderWorker", "processingQueue");
      if (!mapping) throw new PlainFailure("WorkerMissing", "The worker has no trigger yet.", "Start it in the order worker step first.");
      await context.runtime.setMappingEnabled(mapping.uuid, params.enabled);
      return { message: params.enabled ? `${context.names.orderWorker} reads ${context.names.processingQueue} again.` : `${context.names.orderWorker} is paused: the pipe alone reads ${context.names.processingQueue}.` };
    },
  });
}

export function runDemoAction(design: RoutingDesign) {
  return defineAction<StreamsResources>({
    id: "run-demo",
    label: "Send the demonstration batch (12 orders)",
    description: "Six ordinary orders (one of exactly 10,000), four above 10,000 and two whose notes contain FAIL, through the create-order API.",
    tone: "secondary",
    panelOnly: true,
    checkAfter: false,
    async run(context) {
      const { runId, purged, workerPaused } = await startRun(context, design);
      return {
        message: `Sent 12 orders as run ${runId}${workerPaused ? " with the worker paused" : ""}${purged ? `, after emptying ${context.names.processingDlq} of ${purged} earlier message${purged === 1 ? "" : "s"}` : ""}. Watch where each one goes.`,
        data: { runId },
      };
    },
  });
}
