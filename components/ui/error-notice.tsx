import type { ApiError } from "@/lib/api/responses";
import { cx } from "./cx";

/** A failure in plain words and what to do, with the raw code behind a details toggle. */
export function ErrorNotice({ error, className, title }: { error: ApiError; className?: string; title?: string }) {
  return (
    <div role="alert" className={cx("rounded-md border border-err/40 bg-err-soft px-3.5 py-3 text-sm", className)}>
      {title ? <p className="font-medium text-err">{title}</p> : null}
      <p className="text-fg">{error.message}</p>
      <p className="mt-1 text-muted">{error.action}</p>
      <details className="mt-2 text-xs text-muted">
        <summary className="cursor-pointer select-none">Details</summary>
        <dl className="mt-1.5 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt>Code</dt>
          <dd className="font-mono break-all">{error.code}</dd>
          {error.httpStatus ? (
            <>
              <dt>HTTP</dt>
              <dd className="font-mono">{error.httpStatus}</dd>
            </>
          ) : null}
          {error.detail ? (
            <>
              <dt>Message</dt>
              <dd className="font-mono break-words">{error.detail}</dd>
            </>
          ) : null}
          {error.requestId ? (
            <>
              <dt>Request</dt>
              <dd className="font-mono break-all">{error.requestId}</dd>
            </>
          ) : null}
        </dl>
      </details>
    </div>
  );
}
