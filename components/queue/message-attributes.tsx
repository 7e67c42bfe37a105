/**
 * A message's SQS message attributes on one or two lines: each name with its DataType (String,
 * Number, Binary, or a custom `Number.grams`) and its value; a Binary value as its size and the
 * start of its base64. Filter policies match on both the value and the type, so the type is shown.
 */
import type { MessageAttributeView } from "@/lib/lab-framework/inspect/queue-inspection";
import { cx } from "@/components/ui/cx";

const LONGEST_SHOWN = 48;

function shortened(text: string): string {
  return text.length > LONGEST_SHOWN ? `${text.slice(0, LONGEST_SHOWN)}…` : text;
}

function byteCount(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}

function shownValue({ dataType, value }: MessageAttributeView): string {
  if (!dataType.startsWith("Binary")) return shortened(value);
  const bytes = byteCount(value);
  return `${bytes} byte${bytes === 1 ? "" : "s"}, base64 ${shortened(value)}`;
}

export function MessageAttributeList({ attributes, className, testId = "message-attributes" }: { attributes: MessageAttributeView[]; className?: string; testId?: string }) {
  return (
    <dl className={cx("flex flex-wrap gap-x-4 gap-y-1 text-xs", className)} data-testid={testId}>
      {attributes.map((attribute) => (
        <div key={attribute.name} className="flex items-baseline gap-1.5" data-attribute={attribute.name} data-data-type={attribute.dataType}>
          <dt className="font-mono font-semibold text-fg">{attribute.name}</dt>
          <dd className="rounded bg-surface-2 px-1 text-muted">{attribute.dataType}</dd>
          <dd className="font-mono break-all text-fg" title={attribute.value}>
            {shownValue(attribute)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
