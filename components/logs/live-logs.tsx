"use client";
/**
 * The lab's functions' structured logs, live: invocations (how each ended, how long it took),
 * what handlers logged with structuredLog, what they printed, and what the triggers did. Filter by
 * any text or by a trace id (a message id: click one in a line). Streams while the tab is visible
 * and picks up where it stopped when it is shown again.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { NumberedLogLine } from "@/lib/runtime/logs/log-line";
import { cx } from "@/components/ui/cx";
import { summarizeLogLine, type LogSummary, type LogTone } from "./log-line-summary";

const MAX_LINES = 500;

const TONE: Record<LogTone, string> = {
  ok: "text-ok",
  err: "text-err",
  warn: "text-warn",
  info: "text-muted",
};

type StreamState = "connecting" | "live" | "paused" | "retrying";

export interface LiveLogsProps {
  labId: string;
  title?: string;
  /** Shown before any line arrives. */
  emptyText?: string;
  /** A trace id to filter by from the start (to change it later, give the component a new `key`). */
  traceId?: string;
  /** The student's prefix: function names are shown without it (the full name is in the tooltip). */
  prefix?: string;
  className?: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function LiveLogs({ labId, title = "Function logs", emptyText = "No log lines yet. They appear here as soon as a function runs.", traceId, prefix, className }: LiveLogsProps) {
  const id = useId();
  const [text, setText] = useState("");
  const [trace, setTrace] = useState(traceId ?? "");
  const [log, setLog] = useState<{ key: string; lines: LogSummary[] }>({ key: "", lines: [] });
  const [state, setState] = useState<StreamState>("connecting");
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const filterText = useDebounced(text.trim(), 350);
  const filterTrace = useDebounced(trace.trim(), 350);
  const filterKey = `${filterText}\u0000${filterTrace}`;
  // Lines belong to the filter they were streamed for; a new filter starts from an empty list.
  const lines = useMemo(() => (log.key === filterKey ? log.lines : []), [log, filterKey]);

  useEffect(() => {
    let source: EventSource | null = null;
    let lastSeq = 0;

    const open = () => {
      source?.close();
      const params = new URLSearchParams();
      if (filterText) params.set("text", filterText);
      if (filterTrace) params.set("trace", filterTrace);
      if (lastSeq) params.set("after", String(lastSeq));
      setState("connecting");
      source = new EventSource(`/api/labs/${encodeURIComponent(labId)}/logs?${params}`);
      source.addEventListener("ready", () => setState("live"));
      source.addEventListener("line", (message) => {
        const line = JSON.parse((message as MessageEvent<string>).data) as NumberedLogLine;
        lastSeq = Math.max(lastSeq, line.seq);
        setLog((previous) => {
          const next = [...(previous.key === filterKey ? previous.lines : []), summarizeLogLine(line)];
          return { key: filterKey, lines: next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next };
        });
      });
      source.onerror = () => setState(source?.readyState === EventSource.CLOSED ? "retrying" : "connecting");
    };
    const onVisibility = () => {
      if (document.hidden) {
        source?.close();
        source = null;
        setState("paused");
      } else open();
    };
    if (!document.hidden) open();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      source?.close();
    };
  }, [labId, filterText, filterTrace, filterKey]);

  useEffect(() => {
    const element = scroller.current;
    if (follow && element) element.scrollTop = element.scrollHeight;
  }, [lines, follow]);

  const status = { connecting: "connecting…", live: "live", paused: "paused while hidden", retrying: "reconnecting…" }[state];

  return (
    <section aria-labelledby={`${id}-title`} className={cx("rounded-lg border border-border bg-surface", className)} data-testid="live-logs">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-border px-4 py-2.5">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-fg">
          {title}
        </h3>
        <span className="flex items-center gap-1.5 text-xs text-muted" data-testid="log-stream-state" data-state={state}>
          <span aria-hidden className={cx("inline-block size-2 rounded-full", state === "live" ? "bg-ok" : state === "paused" ? "bg-subtle" : "bg-warn animate-pulse")} />
          {status}
        </span>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor={`${id}-text`}>
            Filter log lines by text
          </label>
          <input
            id={`${id}-text`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Filter text"
            className="w-32 rounded-md border border-border-strong bg-surface px-2 py-1 text-xs text-fg"
          />
          <label className="sr-only" htmlFor={`${id}-trace`}>
            Filter by trace id
          </label>
          <input
            id={`${id}-trace`}
            value={trace}
            onChange={(e) => setTrace(e.target.value)}
            placeholder="Trace id"
            className="w-36 rounded-md border border-border-strong bg-surface px-2 py-1 font-mono text-xs text-fg"
          />
          <label className="flex items-center gap-1 text-xs text-muted">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} className="accent-[var(--accent)]" />
            Follow
          </label>
          <button type="button" onClick={() => setLog({ key: filterKey, lines: [] })} className="rounded px-1.5 py-0.5 text-xs text-muted hover:bg-surface-2 hover:text-fg">
            Clear
          </button>
        </div>
      </div>
      <div ref={scroller} role="log" aria-live="off" aria-label={title} tabIndex={0} className="max-h-72 min-h-24 overflow-y-auto bg-code-bg px-3 py-2 font-mono text-xs leading-relaxed">
        {lines.length === 0 ? (
          <p className="py-3 font-sans text-muted">{filterText || filterTrace ? "No line matches the filter yet." : emptyText}</p>
        ) : (
          <ol>
            {lines.map((line) => (
              <li key={line.seq} className="grid grid-cols-[4.5rem_minmax(0,9rem)_minmax(0,7rem)_minmax(0,1fr)] gap-x-2 py-0.5" data-testid="log-line" data-kind={line.kind} data-tone={line.tone}>
                <span className="text-subtle tabular-nums">{line.time}</span>
                <span className="truncate text-muted" title={line.fn}>
                  {prefix && line.fn.startsWith(`${prefix}-`) ? line.fn.slice(prefix.length + 1) : line.fn}
                </span>
                <span className={cx("truncate font-semibold", TONE[line.tone])}>{line.kind}</span>
                <span className="break-words text-code-fg">
                  {line.traceId ? (
                    <button type="button" onClick={() => setTrace(line.traceId ?? "")} className="mr-1.5 text-accent underline-offset-2 hover:underline" title="Show only this trace">
                      {line.traceId.length > 13 ? `${line.traceId.slice(0, 8)}…` : line.traceId}
                    </button>
                  ) : null}
                  {line.text}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
