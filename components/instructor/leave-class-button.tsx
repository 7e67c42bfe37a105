"use client";
/** Leaves the class: frees the username's seat and clears this browser's session. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/lib/api/client";
import type { ApiError } from "@/lib/api/responses";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";

export function LeaveClassButton({ username }: { username: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  async function leave() {
    if (!window.confirm(`Leave the class? ${username} becomes free to join again; your resources and progress stay.`)) return;
    setBusy(true);
    const result = await callApi<{ left: boolean }>("/api/classroom/session", "DELETE", {});
    setBusy(false);
    if (!result.ok) return setError(result.error);
    router.push("/join");
    router.refresh();
  }
  return (
    <div>
      <Button tone="secondary" busy={busy} onClick={leave}>
        Leave the class
      </Button>
      {error ? <ErrorNotice className="mt-3" error={error} /> : null}
    </div>
  );
}
