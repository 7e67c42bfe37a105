"use client";
/** Step 8's panel: the dashboard as CloudWatch stores it, drawn by the workbook. */
import { CloudWatchDashboard } from "@/components/dashboard/cloudwatch-dashboard";
import type { LabPanelProps } from "@/lib/lab-framework/types";

export function DashboardPanel({ labId }: LabPanelProps) {
  return (
    <div className="rounded-lg border border-border bg-bg/40 p-4">
      <CloudWatchDashboard labId={labId} resourceKey="dashboard" />
    </div>
  );
}
