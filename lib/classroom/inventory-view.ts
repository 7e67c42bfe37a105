/** What the instructor's "Class resources" panel receives (plain JSON, browser-safe). */
export type Ownership =
  /** Carries the workbook's tags for this lab and student: clean-up deletes it. */
  | "workbook"
  /** Has a workbook name but not the workbook's tags (made by hand): clean-up leaves it. */
  | "untagged"
  /** Starts with the student's prefix but is no lab's name: clean-up leaves it. */
  | "other-name";

export interface InventoryItem {
  labId?: string;
  labTitle?: string;
  kind: string;
  name: string;
  ownership: Ownership;
  costPerHour: number;
  /** How the cost was worked out: "2 shards × $0.015". */
  costNote?: string;
}

export interface InventoryMapping {
  labId: string;
  /** "user3-CafeOrderWorker ← user3-CafeOrdersQueue". */
  name: string;
  state: string;
  costPerHour: number;
}

export interface StudentInventory {
  student: string;
  items: InventoryItem[];
  mappings: InventoryMapping[];
  costPerHour: number;
  problems: string[];
}

export interface ClassInventory {
  generatedAt: string;
  pricesAsOf: string;
  priceRegion: string;
  priceNotes: string[];
  students: StudentInventory[];
  costPerHour: number;
  problems: string[];
}

export interface CleanUpLine {
  labId: string;
  name: string;
  kind: string;
  result: string;
}

export interface StudentCleanUp {
  student: string;
  lines: CleanUpLine[];
  deleted: number;
  kept: number;
  failed: number;
}
