/** A labelled form field with its help or error line, as the settings form draws them. */
import type { ReactNode } from "react";

export const inputClass =
  "mt-1.5 block w-full rounded-md border border-border-strong bg-surface px-3 py-2 text-sm text-fg placeholder:text-subtle aria-[invalid=true]:border-err";

export function FormField({ id, label, help, error, children }: { id: string; label: string; help?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-fg">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-err">
          {error}
        </p>
      ) : help ? (
        <p id={`${id}-help`} className="mt-1.5 text-sm text-muted">
          {help}
        </p>
      ) : null}
    </div>
  );
}

/** The error of `field` from a failed call, to show under that field. */
export function fieldError(error: { field?: string; message: string } | null | undefined, field: string): string | undefined {
  return error?.field === field ? error.message : undefined;
}
