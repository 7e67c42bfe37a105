import { cx } from "./cx";

/** A determinate bar when `value` is given, an indeterminate one otherwise. */
export function ProgressBar({ value, max = 100, label, className }: { value?: number; max?: number; label: string; className?: string }) {
  const percent = value === undefined ? undefined : Math.max(0, Math.min(100, (value / Math.max(max, 1)) * 100));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      className={cx("h-1.5 w-full overflow-hidden rounded-full bg-surface-2", className)}
    >
      {percent === undefined ? (
        <div className="h-full w-1/3 animate-pulse rounded-full bg-accent" />
      ) : (
        <div className="h-full rounded-full bg-accent transition-[width] duration-500" style={{ width: `${percent}%` }} />
      )}
    </div>
  );
}
