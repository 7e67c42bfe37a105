/** The server's classes, newest first: open ones with their join code, ended ones for their records. */
import Link from "next/link";
import type { ClassSummaryView } from "@/lib/classroom/dashboard-view";
import { Badge } from "@/components/ui/badge";

export function ClassList({ classes }: { classes: ClassSummaryView[] }) {
  if (!classes.length) return <p className="text-sm text-muted">No class yet. Creating one puts this workbook in classroom mode.</p>;
  return (
    <ul className="grid gap-2" data-testid="class-list">
      {classes.map((c) => (
        <li key={c.id}>
          <Link href={`/instructor/${c.id}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-border bg-surface px-4 py-3 hover:border-border-strong">
            <span className="font-medium text-fg">{c.name}</span>
            {c.endedAt ? <Badge>ended</Badge> : <Badge tone="ok">open</Badge>}
            <span className="text-sm text-muted">{c.roster}</span>
            <span className="text-sm text-muted">{c.connection.label}</span>
            {!c.endedAt ? <span className="ml-auto font-mono text-sm tracking-widest text-fg">{c.joinCode}</span> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
