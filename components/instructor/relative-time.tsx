"use client";
/** "2 min ago", kept current by the browser's clock (the server's snapshot holds absolute times). */
import { useEffect, useState } from "react";

export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function ago(iso: string | undefined, now: number): string {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min ago`;
  return new Date(iso).toLocaleString();
}

export function RelativeTime({ iso, now }: { iso: string | undefined; now: number }) {
  return iso ? (
    <time dateTime={iso} title={new Date(iso).toLocaleString()} suppressHydrationWarning>
      {ago(iso, now)}
    </time>
  ) : (
    <span>never</span>
  );
}
