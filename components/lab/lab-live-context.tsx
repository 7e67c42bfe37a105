"use client";
/**
 * The lab page's live snapshot, shared with every panel on the page (one poll per page).
 */
import { createContext, useContext } from "react";
import type { LabLiveSnapshot } from "@/lib/lab-framework/live-snapshot";
import type { LiveState } from "@/lib/live/use-live";

export const LabLiveContext = createContext<LiveState<LabLiveSnapshot> | null>(null);

export function useLabLive(): LiveState<LabLiveSnapshot> {
  const live = useContext(LabLiveContext);
  if (!live) throw new Error("useLabLive() is for components inside a lab page.");
  return live;
}
