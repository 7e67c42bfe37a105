import Link from "next/link";
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";
import { Spinner } from "./spinner";

export type ButtonTone = "primary" | "secondary" | "danger" | "ghost";

const TONES: Record<ButtonTone, string> = {
  primary: "bg-accent text-accent-fg hover:bg-accent-strong border-transparent",
  secondary: "bg-surface text-fg border-border-strong hover:bg-surface-2",
  danger: "bg-surface text-err border-err/60 hover:bg-err-soft",
  ghost: "bg-transparent text-muted border-transparent hover:bg-surface-2 hover:text-fg",
};

const BASE =
  "inline-flex items-center justify-center gap-2 rounded-md border px-3.5 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60";

export function Button({
  tone = "primary",
  busy = false,
  className,
  children,
  disabled,
  type = "button",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: ButtonTone; busy?: boolean }) {
  return (
    <button type={type} className={cx(BASE, TONES[tone], className)} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy ? <Spinner /> : null}
      {children}
    </button>
  );
}

export function ButtonLink({ href, tone = "primary", className, children }: { href: string; tone?: ButtonTone; className?: string; children: ReactNode }) {
  return (
    <Link href={href} className={cx(BASE, TONES[tone], className)}>
      {children}
    </Link>
  );
}
