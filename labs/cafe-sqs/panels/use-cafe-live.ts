"use client";
import { useLabLive } from "@/components/lab/panel-kit";
import type { CafeLiveState } from "../live";

/** The lab's own live state (see live.ts), typed. */
export function useCafeLive(): CafeLiveState | undefined {
  const live = useLabLive();
  return live.data?.lab as unknown as CafeLiveState | undefined;
}
