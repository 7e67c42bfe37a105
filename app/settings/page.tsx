import type { Metadata } from "next";
import { ClassroomSettingsNotice } from "@/components/instructor/classroom-settings-notice";
import { SettingsForm } from "@/components/settings/settings-form";
import { summarizeConnection } from "@/lib/aws/connection-summary";
import { currentSettings } from "@/lib/aws/current-settings";
import { configuredPort } from "@/lib/localcloud/embedded";
import { listProfiles } from "@/lib/aws/profiles";
import { publicSettings } from "@/lib/aws/public-settings";
import { remoteEndpointsAllowed } from "@/lib/aws/endpoint-policy";
import { KNOWN_REGIONS } from "@/lib/aws/regions";
import { currentClassroom } from "@/lib/classroom/current-classroom";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const settings = await currentSettings();
  const classroom = await currentClassroom();
  if (classroom) {
    return (
      <main className="mx-auto max-w-[1100px] px-4 py-10 sm:px-6">
        <h1 className="text-3xl font-semibold tracking-tight text-fg">Settings</h1>
        <ClassroomSettingsNotice place={classroom} />
      </main>
    );
  }
  const [summary, { profiles }] = await Promise.all([summarizeConnection(settings), listProfiles()]);
  return (
    <main className="mx-auto max-w-[1100px] px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight text-fg">Settings</h1>
      <p className="mt-2 max-w-2xl text-muted">
        Where the labs run, in which region, and the prefix that keeps your resources apart from everyone else&apos;s.
      </p>
      <SettingsForm
        initial={publicSettings(settings)}
        summary={summary}
        profiles={profiles}
        regions={KNOWN_REGIONS}
        localCloudPort={configuredPort()}
        remoteEndpointsAllowed={remoteEndpointsAllowed()}
      />
    </main>
  );
}
