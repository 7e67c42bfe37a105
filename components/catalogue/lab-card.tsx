import Link from "next/link";
import type { LabSummaryView } from "@/lib/lab-framework/view";
import { Badge } from "@/components/ui/badge";
import { LabProgress } from "./progress-provider";

const LEVEL_TONE = { beginner: "ok", intermediate: "accent", advanced: "warn" } as const;

export function LabCard({ lab, number }: { lab: LabSummaryView; number: number }) {
  const listed = lab.resources.filter((r) => r.listed);
  const shown = listed.slice(0, 4);
  return (
    <article className="relative flex w-full flex-col rounded-lg border border-border bg-surface p-5 shadow-sm transition-shadow hover:shadow-md" aria-labelledby={`lab-${lab.id}-title`}>
      <div className="flex items-center gap-2 text-xs text-muted">
        <span className="font-mono">Lab {number}</span>
        <span aria-hidden>·</span>
        <span>{lab.minutes} min</span>
        <Badge tone={LEVEL_TONE[lab.level]} className="ml-auto capitalize">
          {lab.level}
        </Badge>
      </div>
      <h2 id={`lab-${lab.id}-title`} className="mt-2 text-lg leading-snug font-semibold text-fg">
        <Link href={`/labs/${lab.id}`} className="hover:text-accent">
          {lab.title}
        </Link>
      </h2>
      <p className="mt-2 text-sm leading-relaxed text-muted">{lab.summary}</p>
      <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Services">
        {lab.services.map((service) => (
          <li key={service}>
            <Badge>{service}</Badge>
          </li>
        ))}
      </ul>
      <div className="mt-4 border-t border-border pt-3">
        <p className="text-xs font-medium text-muted">Creates</p>
        <ul className="mt-1.5 space-y-0.5 font-mono text-xs text-fg">
          {shown.map((r) => (
            <li key={r.key} className="truncate" title={r.description}>
              {r.name}
            </li>
          ))}
          {listed.length > shown.length ? <li className="text-muted">and {listed.length - shown.length} more</li> : null}
        </ul>
      </div>
      <div className="mt-auto pt-4">
        <LabProgress labId={lab.id} total={lab.stepCount} />
        {lab.stepsComingIn ? <p className="mt-2 text-xs text-muted">More steps are being written ({lab.stepsComingIn}).</p> : null}
        <Link
          href={`/labs/${lab.id}`}
          className="mt-3 inline-flex items-center gap-1 text-sm font-medium text-accent hover:text-accent-strong"
          aria-label={`Open ${lab.title}`}
        >
          Open lab <span aria-hidden>→</span>
        </Link>
      </div>
    </article>
  );
}
