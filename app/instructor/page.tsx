import type { Metadata } from "next";
import { ClassList } from "@/components/instructor/class-list";
import { CreateClassForm } from "@/components/instructor/create-class-form";
import { InstructorSignIn, InstructorSignOut } from "@/components/instructor/instructor-sign-in";
import { remoteEndpointsAllowed } from "@/lib/aws/endpoint-policy";
import { listProfiles } from "@/lib/aws/profiles";
import { KNOWN_REGIONS } from "@/lib/aws/regions";
import { labs } from "@/labs/registry";
import { allLabChoices } from "@/lib/classroom/class-labs";
import { classStore } from "@/lib/classroom/class-store";
import { isCurrentInstructor } from "@/lib/classroom/current-instructor";
import { classSummary } from "@/lib/classroom/dashboard-snapshot";
import { configuredPort } from "@/lib/localcloud/embedded";

export const metadata: Metadata = { title: "Instructor" };
export const dynamic = "force-dynamic";

export default async function InstructorPage() {
  if (!(await isCurrentInstructor())) {
    return (
      <main className="mx-auto max-w-[1100px] px-4 py-10 sm:px-6">
        <h1 className="text-3xl font-semibold tracking-tight text-fg">Instructor</h1>
        <p className="mt-2 max-w-2xl text-muted">Run a class on this workbook: one connection for everyone, each student on their own prefix, and their progress live.</p>
        <InstructorSignIn />
      </main>
    );
  }
  const { profiles } = await listProfiles();
  const classes = classStore().list().map(classSummary);
  return (
    <main className="mx-auto grid max-w-[1100px] gap-10 px-4 py-10 sm:px-6">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight text-fg">Instructor</h1>
          <p className="mt-2 max-w-2xl text-muted">
            While a class is open the workbook runs in classroom mode: students join with the code and their username, and every request they make uses
            the class&apos;s connection and their username as the prefix.
          </p>
        </div>
        <InstructorSignOut />
      </div>
      <section aria-labelledby="classes-title">
        <h2 id="classes-title" className="mb-3 text-lg font-semibold text-fg">
          Classes
        </h2>
        <ClassList classes={classes} />
      </section>
      <section aria-labelledby="new-class-title" className="rounded-lg border border-border bg-surface p-5">
        <h2 id="new-class-title" className="mb-4 text-lg font-semibold text-fg">
          New class
        </h2>
        <CreateClassForm labs={allLabChoices(labs)} regions={KNOWN_REGIONS} profiles={profiles} localCloudPort={configuredPort()} remoteEndpointsAllowed={remoteEndpointsAllowed()} />
      </section>
    </main>
  );
}
