"use client";
/**
 * Moving the local cloud's clock forward from a panel (a countdown's "skip" button): the same
 * route the clock control calls; every live view refreshes afterwards.
 */
import { useContext } from "react";
import { callApi, type ApiResult } from "@/lib/api/client";
import { requestLiveRefresh } from "@/lib/live/use-live";
import { LabLiveContext } from "./lab-live-context";

export async function fastForwardBy(seconds: number): Promise<ApiResult<{ clock: { offsetSeconds: number } }>> {
  const result = await callApi<{ clock: { offsetSeconds: number } }>("/api/clock", "POST", { advanceSeconds: Math.max(1, Math.ceil(seconds)) });
  requestLiveRefresh();
  return result;
}

/** True on a lab page whose connection has a clock to move (the local cloud). */
export function useCanFastForward(): boolean {
  const live = useContext(LabLiveContext);
  return Boolean(live?.data?.clock);
}
