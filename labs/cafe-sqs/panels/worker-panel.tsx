"use client";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { TableItems } from "@/components/table/table-items";
import { TriggerStatus } from "./trigger-status";

export function WorkerPanel({ labId, names }: LabPanelProps) {
  return (
    <div className="space-y-4">
      <TriggerStatus names={names} />
      <TableItems
        labId={labId}
        tableKey="ordersTable"
        title="Orders"
        columns={["order_id", "table_number", "customer_name", "item", "quantity", "status", "created_at"]}
        onlyColumns
        sortBy="created_at"
        emptyText="No orders stored yet: enable the trigger and the waiting orders arrive here."
      />
      <TableItems labId={labId} tableKey="menuTable" title="Menu" columns={["item", "price", "orders"]} onlyColumns emptyText="The menu is empty: create the tables." />
    </div>
  );
}
