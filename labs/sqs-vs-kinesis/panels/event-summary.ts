/**
 * One short line for an analytics event on the stream, for the shard view: what kind of event and
 * its few telling fields, or what is wrong with it.
 */
import type { KinesisRecordView } from "@/lib/lab-framework/inspect/stream/stream-views";

export function summarizeEvent(record: KinesisRecordView): string {
  if (record.encoding === "base64") return `${record.sizeBytes} bytes of binary data`;
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(record.data) as Record<string, unknown>;
  } catch {
    return `not JSON: ${record.data.slice(0, 60)}`;
  }
  const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "?");
  switch (event.eventType) {
    case "user_activity":
      return `user_activity · ${text(event.action)} ${text(event.page)}`;
    case "transaction":
      return `transaction · $${text(event.amount)} ${text(event.status)}`;
    case "system_metric":
      return `system_metric · ${text(event.metricName)} ${text(event.value)}${event.unit === "percent" ? "%" : ` ${text(event.unit)}`}`;
    default:
      return record.data.length > 80 ? `${record.data.slice(0, 80)}…` : record.data;
  }
}
