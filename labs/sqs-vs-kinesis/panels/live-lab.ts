"use client";
/**
 * The lab's own live state as its panels read it (`lab.live` on the server), and the cloud's
 * clock offset, so times on the cloud's clock become browser times.
 */
import { useLabLive } from "@/components/lab/panel-kit";
import type { KinesisLabLive } from "../live";

export function useKinesisLabLive(): { lab: KinesisLabLive | undefined; offsetMs: number; loading: boolean } {
  const live = useLabLive();
  const lab = live.data?.lab as KinesisLabLive | undefined;
  const hasState = lab && typeof lab === "object" && "triggers" in lab;
  return { lab: hasState ? lab : undefined, offsetMs: (live.data?.clock?.offsetSeconds ?? 0) * 1000, loading: live.loading };
}

/** A time on the cloud's clock (ISO) as the browser's epoch ms. */
export function browserTime(iso: string, offsetMs: number): number {
  return Date.parse(iso) - offsetMs;
}

export function clockTime(iso: string): string {
  return iso.slice(11, 19);
}
