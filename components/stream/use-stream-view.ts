"use client";
/**
 * Polls one of the lab's streams (a Kinesis stream, or a table's stream) through
 * `GET /api/labs/<labId>/streams/<resourceKey>`; refreshes with every other live view on the page.
 */
import { useLive, type LiveState } from "@/lib/live/use-live";
import type { StreamRouteAnswer } from "@/lib/lab-framework/inspect/stream/stream-route";

export function streamUrl(labId: string, resourceKey: string, options: { limit?: number; probeKey?: string } = {}): string {
  const params = new URLSearchParams();
  if (options.limit !== undefined) params.set("limit", String(options.limit));
  if (options.probeKey) params.set("key", options.probeKey);
  const query = params.toString();
  return `/api/labs/${encodeURIComponent(labId)}/streams/${encodeURIComponent(resourceKey)}${query ? `?${query}` : ""}`;
}

export function useStreamView(labId: string, resourceKey: string, options: { limit?: number; probeKey?: string } = {}): LiveState<StreamRouteAnswer> {
  return useLive<StreamRouteAnswer>(streamUrl(labId, resourceKey, options));
}
