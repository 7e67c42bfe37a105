import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ClassDashboard } from "@/components/instructor/class-dashboard";
import { remoteEndpointsAllowed } from "@/lib/aws/endpoint-policy";
import { listProfiles } from "@/lib/aws/profiles";
import { classStore } from "@/lib/classroom/class-store";
import { isCurrentInstructor } from "@/lib/classroom/current-instructor";
import { labs } from "@/labs/registry";
import { dashboardSnapshot } from "@/lib/classroom/dashboard-snapshot";
import { configuredPort } from "@/lib/localcloud/embedded";

export const metadata: Metadata = { title: "Class dashboard" };
export const dynamic = "force-dynamic";

export default async function ClassPage({ params }: { params: Promise<{ classId: string }> }) {
  if (!(await isCurrentInstructor())) redirect("/instructor");
  const record = classStore().get((await params).classId);
  if (!record) notFound();
  const [snapshot, { profiles }] = await Promise.all([dashboardSnapshot(record, labs), listProfiles()]);
  return (
    <main className="mx-auto max-w-[1440px] px-4 py-8 sm:px-6">
      <p className="mb-4 text-sm">
        <Link href="/instructor" className="text-accent underline underline-offset-2">
          All classes
        </Link>
      </p>
      <ClassDashboard initial={snapshot} choices={{ profiles, localCloudPort: configuredPort(), remoteEndpointsAllowed: remoteEndpointsAllowed() }} />
    </main>
  );
}
