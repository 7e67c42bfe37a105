"use client";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { QueueInspector } from "@/components/queue/queue-inspector";

export function WaitingMessagePanel({ labId }: LabPanelProps) {
  return <QueueInspector labId={labId} queueKey="ordersQueue" title="Queue" emptyText="No orders are waiting. Send one with the button below, or place one in “The order API”." />;
}
