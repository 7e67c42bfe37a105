import Link from "next/link";
import type { ConnectionSummary } from "@/lib/aws/connection-summary";
import { ConnectionBadge } from "./connection-badge";
import { NavLinks } from "./nav-links";
import { ThemeToggle, type Theme } from "./theme-toggle";

function Logo() {
  return (
    <svg viewBox="0 0 24 24" className="size-6" aria-hidden>
      <rect x="2" y="5" width="7" height="14" rx="2" className="fill-accent" />
      <rect x="10.5" y="5" width="4" height="14" rx="1.5" className="fill-accent opacity-60" />
      <rect x="16" y="5" width="4" height="14" rx="1.5" className="fill-accent opacity-30" />
    </svg>
  );
}

export function SiteHeader({ summary, theme }: { summary: ConnectionSummary; theme: Theme }) {
  return (
    <header className="sticky top-0 z-20 border-b border-border bg-surface/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-[1440px] items-center gap-4 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-fg">
          <Logo />
          <span>Messaging Labs</span>
        </Link>
        <NavLinks />
        <div className="ml-auto flex min-w-0 items-center gap-2">
          <ConnectionBadge key={`${summary.prefix}|${summary.label}|${summary.region}`} initial={summary} />
          <ThemeToggle initial={theme} />
        </div>
      </div>
    </header>
  );
}
