/** Form parts shared by the settings and instructor forms: a labelled field, choice cards. */
import type { ReactNode } from "react";
import { cx } from "./cx";

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

/** A radio group drawn as cards with a title and a line of text each. */
export function ChoiceCards<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: T; title: string; text: string }>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-fg">{legend}</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-3">
        {options.map((option) => (
          <label
            key={option.value}
            className={cx(
              "flex cursor-pointer gap-2.5 rounded-md border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring",
              value === option.value ? "border-accent bg-accent-soft" : "border-border bg-surface hover:border-border-strong",
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="mt-0.5 accent-[var(--accent)]"
            />
            <span>
              <span className="block font-medium text-fg">{option.title}</span>
              <span className="mt-0.5 block text-muted">{option.text}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
