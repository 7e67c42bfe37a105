"use client";
/**
 * Refreshes the page's live views every `ms` while something is about to change on its own (a
 * message due to be received again, a shard retrying, a run in progress), instead of waiting
 * for the live poll's back-off.
 */
import { useEffect } from "react";
import { requestLiveRefresh } from "@/components/lab/panel-kit";

export function useRefreshWhile(active: boolean | (() => boolean), ms = 1000): void {
  useEffect(() => {
    if (active === false) return;
    const timer = setInterval(() => {
      if (typeof active !== "function" || active()) requestLiveRefresh();
    }, ms);
    return () => clearInterval(timer);
  }, [active, ms]);
}
