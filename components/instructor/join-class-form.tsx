"use client";
/** The student's way in: the join code from the instructor and their username (their prefix). */
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { callApi } from "@/lib/api/client";
import type { ApiError } from "@/lib/api/responses";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { fieldError, FormField, inputClass } from "@/components/ui/form-field";

export function JoinClassForm() {
  const router = useRouter();
  const id = useId();
  const [code, setCode] = useState("");
  const [username, setUsername] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await callApi<{ class: { name: string }; username: string }>("/api/classroom/join", "POST", { code, username });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    router.push("/");
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="mt-6 grid max-w-md gap-5" aria-label="Join a class" data-testid="join-form">
      <FormField id={`${id}-code`} label="Join code" help="Letters and digits, from your instructor (dashes and case do not matter)." error={fieldError(error, "code")}>
        <input
          id={`${id}-code`}
          name="code"
          className={`${inputClass} font-mono uppercase tracking-widest`}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={Boolean(fieldError(error, "code"))}
          required
        />
      </FormField>
      <FormField id={`${id}-username`} label="Your username" help="As your instructor handed it out, such as user3. It goes in front of every name you create." error={fieldError(error, "username")}>
        <input
          id={`${id}-username`}
          name="username"
          className={`${inputClass} font-mono`}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={Boolean(fieldError(error, "username"))}
          required
        />
      </FormField>
      {error && !error.field ? <ErrorNotice error={error} /> : null}
      {error?.field && error.code === "SeatTaken" ? <p className="text-sm text-muted">{error.action}</p> : null}
      <div>
        <Button type="submit" busy={busy}>
          Join the class
        </Button>
      </div>
    </form>
  );
}
