"use client";
/**
 * Small pieces the lab's panels share: the lab's typed live state, an action's outcome or error
 * under its button, JSON laid out for reading, and a short list kept in the tab's session.
 */
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { useLabLive } from "@/components/lab/panel-kit";
import type { SnsFanoutLive } from "../live";

/** The lab's own live state (`lab.live`), or null before the first snapshot. */
export function useFanoutLive(): { lab: SnsFanoutLive | null; refresh(): void } {
  const live = useLabLive();
  const lab = live.data?.lab && "subscriptions" in live.data.lab ? (live.data.lab as unknown as SnsFanoutLive) : null;
  return { lab, refresh: live.refresh };
}

export { ActionOutcome as Outcome } from "@/components/lab/action-outcome";

/** The JSON a queue message's body or an order holds, laid out for reading. */
export function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const STORAGE_EVENT = "sns-fanout:session-list";

function subscribe(onChange: () => void): () => void {
  window.addEventListener(STORAGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(STORAGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/**
 * A short list kept in the tab's sessionStorage (what the student sent, so a reload keeps it),
 * newest first, at most `max` entries.
 */
export function useSessionList<T>(key: string, max: number): [T[], (item: T) => void] {
  const text = useSyncExternalStore(
    subscribe,
    () => sessionStorage.getItem(key),
    () => null,
  );
  const list = useMemo(() => {
    try {
      const parsed = JSON.parse(text ?? "[]") as unknown;
      return Array.isArray(parsed) ? (parsed as T[]) : [];
    } catch {
      return [];
    }
  }, [text]);
  const add = useCallback(
    (item: T) => {
      let current: T[] = [];
      try {
        const parsed = JSON.parse(sessionStorage.getItem(key) ?? "[]") as unknown;
        current = Array.isArray(parsed) ? (parsed as T[]) : [];
      } catch {
        current = [];
      }
      sessionStorage.setItem(key, JSON.stringify([item, ...current].slice(0, max)));
      window.dispatchEvent(new Event(STORAGE_EVENT));
    },
    [key, max],
  );
  return [list, add];
}
