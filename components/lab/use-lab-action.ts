"use client";
/**
 * Runs one of a step's actions on the server and keeps its state for the UI. After it returns,
 * every live view on the page refreshes.
 */
import { useCallback, useState } from "react";
import type { ActionOutcome } from "@/lib/lab-framework/types";
import type { CheckRun } from "@/lib/progress/check-runner";
import { callApi } from "@/lib/api/client";
import type { ApiError } from "@/lib/api/responses";
import { requestLiveRefresh } from "@/lib/live/use-live";

export type PlainParams = Record<string, string | number | boolean | null | Array<string | number | boolean | null>>;

export interface ActionResponse {
  outcome: ActionOutcome;
  check?: CheckRun;
}

export interface LabActionState {
  run(params?: PlainParams): Promise<ActionResponse | null>;
  busy: boolean;
  startedAt: number | null;
  result: ActionResponse | null;
  error: ApiError | null;
  reset(): void;
}

export function useLabAction(labId: string, stepId: string, actionId: string, onDone?: (response: ActionResponse) => void): LabActionState {
  const [busy, setBusy] = useState(false);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [result, setResult] = useState<ActionResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const run = useCallback(
    async (params: PlainParams = {}) => {
      setBusy(true);
      setStartedAt(Date.now());
      setError(null);
      const response = await callApi<ActionResponse>(
        `/api/labs/${encodeURIComponent(labId)}/steps/${encodeURIComponent(stepId)}/actions/${encodeURIComponent(actionId)}`,
        "POST",
        { params },
      );
      setBusy(false);
      setStartedAt(null);
      requestLiveRefresh();
      if (response.ok) {
        setResult(response.data);
        onDone?.(response.data);
        return response.data;
      }
      setResult(null);
      setError(response.error);
      return null;
    },
    [labId, stepId, actionId, onDone],
  );

  const reset = useCallback(() => {
    setResult(null);
    setError(null);
  }, []);

  return { run, busy, startedAt, result, error, reset };
}
