import type { LabContext } from "@/lib/lab-framework/types";
import type { StreamsResources } from "../resources";

/** The context every server-side part of this lab runs with. */
export type StreamsContext = LabContext<StreamsResources>;

export function options(context: StreamsContext) {
  return { abortSignal: context.signal };
}

export function partitionOf(region: string): string {
  return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
