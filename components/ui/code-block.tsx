"use client";
import { useState } from "react";
import { cx } from "./cx";

export function CodeBlock({ code, label, className }: { code: string; label: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className={cx("rounded-md border border-border bg-code-bg", className)}>
      <div className="flex items-center justify-end border-b border-border px-2 py-1">
        <button
          type="button"
          onClick={copy}
          className="rounded px-2 py-0.5 text-xs text-muted hover:bg-surface-2 hover:text-fg"
          aria-label={`Copy ${label}`}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <pre className="overflow-x-auto px-3.5 py-3 text-[13px] leading-relaxed text-code-fg" aria-label={label} tabIndex={0}>
        <code className="font-mono">{code}</code>
      </pre>
      <span aria-live="polite" className="sr-only">
        {copied ? "Copied to the clipboard" : ""}
      </span>
    </div>
  );
}
