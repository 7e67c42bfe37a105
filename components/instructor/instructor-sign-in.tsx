"use client";
/** The instructor's sign-in: the secret from INSTRUCTOR_SECRET or from the server's start-up log. */
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { callApi } from "@/lib/api/client";
import type { ApiError } from "@/lib/api/responses";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { fieldError, FormField, inputClass } from "@/components/ui/form-field";

export function InstructorSignIn() {
  const router = useRouter();
  const id = useId();
  const [secret, setSecret] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await callApi<{ signedIn: boolean }>("/api/instructor/session", "POST", { secret });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setSecret("");
    router.refresh();
  }

  return (
    // method="post" and no input name: a click before the page is interactive never puts the secret in a URL.
    <form onSubmit={submit} method="post" className="mt-6 grid max-w-md gap-5" aria-label="Instructor sign-in" data-testid="instructor-sign-in">
      <FormField
        id={`${id}-secret`}
        label="Instructor secret"
        help="The value of INSTRUCTOR_SECRET, or the secret the server printed in its log when it started."
        error={fieldError(error, "secret")}
      >
        <input
          id={`${id}-secret`}
          type="password"
          className={`${inputClass} font-mono`}
          autoComplete="current-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          aria-invalid={Boolean(fieldError(error, "secret"))}
          required
        />
      </FormField>
      {error && !error.field ? <ErrorNotice error={error} /> : null}
      <div>
        <Button type="submit" busy={busy}>
          Sign in
        </Button>
      </div>
    </form>
  );
}

export function InstructorSignOut() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      tone="ghost"
      busy={busy}
      onClick={async () => {
        setBusy(true);
        await callApi("/api/instructor/session", "DELETE", {});
        setBusy(false);
        router.refresh();
      }}
    >
      Sign out
    </Button>
  );
}
