/**
 * The small markdown subset lab texts are written in: paragraphs, `- ` lists, `code`, **bold** and
 * [links](https://...). Rendered as React elements, never as HTML strings.
 */
import type { ReactNode } from "react";
import { cx } from "./cx";

const INLINE = /(`[^`]+`|\*\*[^*]+\*\*|\[[^\]]+\]\(https?:\/\/[^)\s]+\))/g;

function inline(text: string, keyBase: string): ReactNode[] {
  return text.split(INLINE).map((part, i) => {
    const key = `${keyBase}-${i}`;
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) {
      return (
        <code key={key} className="rounded bg-surface-2 px-1 py-0.5 font-mono text-[0.9em] text-fg">
          {part.slice(1, -1)}
        </code>
      );
    }
    if (part.startsWith("**") && part.endsWith("**") && part.length > 4) {
      return (
        <strong key={key} className="font-semibold text-fg">
          {part.slice(2, -2)}
        </strong>
      );
    }
    const link = /^\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)$/.exec(part);
    if (link) {
      return (
        <a key={key} href={link[2]} className="text-accent underline underline-offset-2" target="_blank" rel="noreferrer">
          {link[1]}
        </a>
      );
    }
    return part;
  });
}

export function RichText({ text, className }: { text: string; className?: string }) {
  const blocks = text.trim().split(/\n\s*\n/);
  return (
    <div className={cx("space-y-3 leading-relaxed text-muted", className)}>
      {blocks.map((block, b) => {
        const lines = block.split("\n");
        if (lines.every((line) => /^\s*[-*] /.test(line))) {
          return (
            <ul key={b} className="list-disc space-y-1 pl-5">
              {lines.map((line, l) => (
                <li key={l}>{inline(line.replace(/^\s*[-*] /, ""), `${b}-${l}`)}</li>
              ))}
            </ul>
          );
        }
        return <p key={b}>{inline(lines.join(" "), String(b))}</p>;
      })}
    </div>
  );
}
