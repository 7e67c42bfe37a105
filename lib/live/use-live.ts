"use client";
/**
 * The one way pages see changes: poll a JSON snapshot with adaptive back-off (see backoff.ts),
 * using ETags so an unchanged snapshot costs a 304. Polling stops while the tab is hidden, so an
 * idle tab in the background makes no AWS calls, and resumes at once when it is shown again.
 * After an action, `requestLiveRefresh()` makes every live view on the page poll immediately.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "@/lib/api/responses";
import { DEFAULT_TIMING, nextDelay, type PollResult, type PollTiming } from "./backoff";

const REFRESH_EVENT = "messaging-labs:live-refresh";

export function requestLiveRefresh(): void {
  window.dispatchEvent(new Event(REFRESH_EVENT));
}

export interface LiveState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True until the first answer. */
  loading: boolean;
  /** When the data was last confirmed current (ms since epoch). */
  checkedAt: number | null;
  /** Polling is paused because the tab is hidden. */
  paused: boolean;
  refresh(): void;
}

export function useLive<T>(url: string | null, initial?: T, timing: Partial<PollTiming> = {}): LiveState<T> {
  const [data, setData] = useState<T | undefined>(initial);
  const [error, setError] = useState<ApiError | undefined>();
  const [checkedAt, setCheckedAt] = useState<number | null>(null);
  const [paused, setPaused] = useState(false);
  const [loading, setLoading] = useState(initial === undefined);
  const refreshRef = useRef<() => void>(() => {});
  const { minMs = DEFAULT_TIMING.minMs, maxMs = DEFAULT_TIMING.maxMs, maxErrorMs = DEFAULT_TIMING.maxErrorMs } = timing;
  const hasInitial = initial !== undefined;

  useEffect(() => {
    if (!url) return;
    const pollTiming = { minMs, maxMs, maxErrorMs };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let etag: string | null = null;
    let delay: number | null = null;
    let stopped = false;

    const schedule = (result: PollResult) => {
      delay = nextDelay(delay, result, pollTiming);
      clearTimeout(timer);
      if (!document.hidden && !stopped) timer = setTimeout(poll, delay);
    };

    async function poll() {
      clearTimeout(timer);
      if (document.hidden || stopped) return;
      controller?.abort();
      controller = new AbortController();
      try {
        const response = await fetch(url!, {
          headers: etag ? { "if-none-match": etag } : {},
          cache: "no-store",
          signal: controller.signal,
        });
        if (response.status === 304) {
          setCheckedAt(Date.now());
          setError(undefined);
          schedule("unchanged");
          return;
        }
        const body = (await response.json()) as T | { error: ApiError };
        if (!response.ok) {
          setError((body as { error: ApiError }).error);
          schedule("error");
          return;
        }
        etag = response.headers.get("etag");
        setData(body as T);
        setError(undefined);
        setCheckedAt(Date.now());
        schedule("changed");
      } catch (caught) {
        if ((caught as Error).name === "AbortError") return;
        setError({ code: "NetworkError", message: "The workbook server did not answer.", action: "Check that it is still running." });
        schedule("error");
      } finally {
        setLoading(false);
      }
    }

    const onVisibility = () => {
      setPaused(document.hidden);
      if (document.hidden) {
        clearTimeout(timer);
        controller?.abort();
      } else {
        delay = null;
        void poll();
      }
    };
    const onRefresh = () => {
      delay = null;
      void poll();
    };
    refreshRef.current = onRefresh;
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener(REFRESH_EVENT, onRefresh);
    // With server-rendered data in hand, the first poll can wait; without it, ask at once.
    if (hasInitial) timer = setTimeout(poll, pollTiming.minMs);
    else void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener(REFRESH_EVENT, onRefresh);
    };
  }, [url, minMs, maxMs, maxErrorMs, hasInitial]);

  const refresh = useCallback(() => refreshRef.current(), []);
  return { data, error, loading, checkedAt, paused, refresh };
}
