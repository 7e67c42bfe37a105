/**
 * The lab page's live log as a server-sent event stream: the lines already in the student's
 * buffer (after the last one the browser saw), then each new line as it is written. Filters by
 * text and by trace id; a trace id (a message id, an order id) matches the handler lines that carry
 * it and every other line of the same invocations.
 */
import type { LogFilter, MappingRegistry, NumberedLogLine } from "@/lib/runtime";
import type { StudentOwner } from "./student-store";

export interface LogStreamOptions {
  text?: string;
  traceId?: string;
  /** The last sequence number the browser has (Last-Event-ID, or `after`). */
  afterSeq?: number;
  /** Lines of backlog sent at most. */
  backlog?: number;
}

const HEARTBEAT_MS = 15_000;
const DEFAULT_BACKLOG = 300;

/** Keeps the trace filter's memory of which invocations carried the trace id. */
export function traceMatcher(traceId: string | undefined): (line: NumberedLogLine) => boolean {
  if (!traceId) return () => true;
  const wanted = traceId.toLowerCase();
  const requests = new Set<string>();
  return (line) => {
    const requestId = "requestId" in line ? line.requestId : undefined;
    if (line.type === "handler" && line.trace_id.toLowerCase().includes(wanted)) {
      requests.add(line.requestId);
      return true;
    }
    if (requestId && requests.has(requestId)) return true;
    return JSON.stringify(line).toLowerCase().includes(wanted);
  };
}

function event(line: NumberedLogLine): string {
  return `id: ${line.seq}\nevent: line\ndata: ${JSON.stringify(line)}\n\n`;
}

export function logEventStream(registry: MappingRegistry, owner: StudentOwner, options: LogStreamOptions, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const filter: LogFilter | undefined = options.text ? { text: options.text } : undefined;
  const matches = traceMatcher(options.traceId);
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (chunk: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          stop();
        }
      };
      send("retry: 3000\n\n");
      const backlog = registry.logs.query(owner, { filter, afterSeq: options.afterSeq ?? 0 }).filter(matches);
      for (const line of backlog.slice(-(options.backlog ?? DEFAULT_BACKLOG))) send(event(line));
      send(`event: ready\ndata: {}\n\n`);
      const unsubscribe = registry.logs.subscribe(
        owner,
        (line) => {
          if (matches(line)) send(event(line));
        },
        filter,
      );
      const heartbeat = setInterval(() => send(": still here\n\n"), HEARTBEAT_MS);
      stop = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      signal.addEventListener("abort", stop, { once: true });
    },
    cancel() {
      stop();
    },
  });
}
