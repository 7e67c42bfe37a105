import { cx } from "./cx";

export type DotState = "ready" | "failed" | "untested" | "starting" | "busy";

const COLOURS: Record<DotState, string> = {
  ready: "bg-ok",
  failed: "bg-err",
  untested: "bg-subtle",
  starting: "bg-warn",
  busy: "bg-warn animate-pulse",
};

const WORDS: Record<DotState, string> = {
  ready: "working",
  failed: "failing",
  untested: "not tested",
  starting: "starting",
  busy: "busy",
};

/** A coloured dot with its meaning for screen readers (colour is never the only signal). */
export function StatusDot({ state, className }: { state: DotState; className?: string }) {
  return (
    <span className={cx("inline-flex items-center", className)}>
      <span aria-hidden className={cx("inline-block size-2.5 rounded-full", COLOURS[state])} />
      <span className="sr-only">{WORDS[state]}</span>
    </span>
  );
}
