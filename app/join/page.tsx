import type { Metadata } from "next";
import Link from "next/link";
import { JoinClassForm } from "@/components/instructor/join-class-form";
import { LeaveClassButton } from "@/components/instructor/leave-class-button";
import { ButtonLink } from "@/components/ui/button";
import { classStore } from "@/lib/classroom/class-store";
import { currentClassroom } from "@/lib/classroom/current-classroom";

export const metadata: Metadata = { title: "Join a class" };
export const dynamic = "force-dynamic";

export default async function JoinPage() {
  const place = await currentClassroom();
  const running = classStore().active;
  return (
    <main className="mx-auto max-w-[1100px] px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight text-fg">Join a class</h1>
      {place ? (
        <div className="mt-4 max-w-2xl" data-testid="joined">
          <p className="text-muted">
            You are in <span className="font-medium text-fg">{place.className}</span> as <span className="font-mono text-fg">{place.username}</span>. Every
            resource you create is named <span className="font-mono text-fg">{place.username}-…</span>, and your instructor sees your progress.
          </p>
          <div className="mt-5 flex flex-wrap items-start gap-3">
            <ButtonLink href="/">Go to the labs</ButtonLink>
            <LeaveClassButton username={place.username} />
          </div>
        </div>
      ) : running ? (
        <>
          <p className="mt-2 max-w-2xl text-muted">
            This workbook is running a class. Enter the join code your instructor gave you and your username; the labs then run in the class&apos;s account under
            your username.
          </p>
          <JoinClassForm />
        </>
      ) : (
        <p className="mt-2 max-w-2xl text-muted">
          No class is running on this workbook right now, so there is nothing to join: <Link href="/" className="text-accent underline underline-offset-2">the labs</Link>{" "}
          use your own settings.
        </p>
      )}
      <p className="mt-10 text-sm text-muted">
        Instructor? <Link href="/instructor" className="text-accent underline underline-offset-2">Open the dashboard</Link>.
      </p>
    </main>
  );
}
