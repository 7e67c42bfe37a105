"use client";
/** The 15 min / 1 h / 3 h buttons above a graph or a dashboard. */
import { cx } from "@/components/ui/cx";

const RANGES = [
  { minutes: 15, label: "15 min" },
  { minutes: 60, label: "1 h" },
  { minutes: 180, label: "3 h" },
];

export function TimeRangePicker({ minutes, onChange }: { minutes: number; onChange: (minutes: number) => void }) {
  return (
    <div className="ml-auto flex gap-1" role="group" aria-label="Time range">
      {RANGES.map((r) => (
        <button
          key={r.minutes}
          type="button"
          onClick={() => onChange(r.minutes)}
          aria-pressed={minutes === r.minutes}
          className={cx("rounded px-2 py-0.5 text-xs", minutes === r.minutes ? "bg-accent-soft font-medium text-fg" : "text-muted hover:bg-surface-2")}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}
