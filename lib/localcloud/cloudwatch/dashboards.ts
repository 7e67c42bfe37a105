/**
 * Dashboards: PutDashboard (the body must be a JSON object with a `widgets` array of widget
 * objects, each with a known `type`), GetDashboard, ListDashboards, DeleteDashboards. Dashboards
 * belong to the account, not a region, as on AWS (`arn:aws:cloudwatch::<account>:dashboard/<name>`).
 * One persisted part per dashboard (`cloudwatch/dashboards/<name>`).
 */
import type { GetDashboardOutput, ListDashboardsOutput, PutDashboardOutput } from "@aws-sdk/client-cloudwatch";
import { keySegment, type StateStore } from "../core/persistence";
import { cloudWatchErrors } from "./errors";
import { readList, readString, requireString, type Input } from "./input";
import type { StoredPart } from "./metric-store";
import { page } from "./paging";

interface DashboardRecord {
  name: string;
  body: string;
  lastModified: number;
}

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const WIDGET_TYPES = new Set(["metric", "text", "log", "alarm", "explorer", "custom"]);
const MAX_BODY_BYTES = 1024 * 1024;
const KEY = /^cloudwatch\/dashboards\/[^/]+$/;

export class Dashboards {
  private dashboards = new Map<string, DashboardRecord>();

  constructor(
    private readonly store: StateStore,
    private readonly accountId: string,
    private readonly now: () => number,
  ) {}

  restore(parts: StoredPart[]): void {
    for (const { key, data } of parts) {
      if (!KEY.test(key)) continue;
      const record = data as DashboardRecord;
      if (record?.name) this.dashboards.set(record.name, record);
    }
  }

  private arn(name: string): string {
    return `arn:aws:cloudwatch::${this.accountId}:dashboard/${name}`;
  }

  put(input: Input): PutDashboardOutput {
    const name = requireString(input.DashboardName, "DashboardName");
    if (!NAME.test(name)) {
      throw cloudWatchErrors.invalidParameterValue(
        "The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).",
      );
    }
    const body = requireString(input.DashboardBody, "DashboardBody");
    validateBody(body);
    const record: DashboardRecord = { name, body, lastModified: this.now() };
    this.dashboards.set(name, record);
    this.store.markDirty(`cloudwatch/dashboards/${keySegment(name)}`, () => record);
    return { DashboardValidationMessages: [] };
  }

  get(input: Input): GetDashboardOutput {
    const name = requireString(input.DashboardName, "DashboardName");
    const record = this.dashboards.get(name);
    if (!record) throw cloudWatchErrors.dashboardNotFound(`Dashboard ${name} does not exist`);
    return { DashboardArn: this.arn(name), DashboardBody: record.body, DashboardName: name };
  }

  list(input: Input): ListDashboardsOutput {
    const prefix = readString(input.DashboardNamePrefix, "DashboardNamePrefix") ?? "";
    const matching = [...this.dashboards.values()].filter((d) => d.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
    const { items, nextToken } = page(matching, "ListDashboards", readString(input.NextToken, "NextToken"), 1000);
    return {
      DashboardEntries: items.map((d) => ({
        DashboardName: d.name,
        DashboardArn: this.arn(d.name),
        LastModified: new Date(d.lastModified),
        Size: Buffer.byteLength(d.body),
      })),
      NextToken: nextToken,
    };
  }

  delete(input: Input): Record<string, never> {
    const names = readList(input.DashboardNames).map((n, i) => requireString(n, `DashboardNames.member.${i + 1}`));
    if (names.length === 0) throw cloudWatchErrors.required("DashboardNames");
    const missing = names.filter((n) => !this.dashboards.has(n));
    if (missing.length > 0) {
      throw cloudWatchErrors.dashboardNotFound(`Dashboard${missing.length > 1 ? "s" : ""} ${missing.join(", ")} do${missing.length > 1 ? "" : "es"} not exist`);
    }
    for (const name of names) {
      this.dashboards.delete(name);
      this.store.remove(`cloudwatch/dashboards/${keySegment(name)}`);
    }
    return {};
  }
}

function invalid(dataPath: string, message: string): never {
  throw cloudWatchErrors.dashboardInvalidInput("The dashboard body is invalid, there are 1 validation errors:\n" + JSON.stringify([{ dataPath, message }], null, 2), [
    { DataPath: dataPath, Message: message },
  ]);
}

function validateBody(body: string): void {
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) invalid("", "The dashboard body must be at most 1 MB");
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    invalid("", "Should be a valid JSON object");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) invalid("", "Should be object");
  const widgets = (parsed as { widgets?: unknown }).widgets;
  if (widgets === undefined) invalid("", "Should have required property 'widgets'");
  if (!Array.isArray(widgets)) invalid("/widgets", "Should be array");
  widgets.forEach((widget: unknown, i: number) => {
    if (typeof widget !== "object" || widget === null || Array.isArray(widget)) invalid(`/widgets/${i}`, "Should be object");
    const type = (widget as { type?: unknown }).type;
    if (type === undefined) invalid(`/widgets/${i}`, "Should have required property 'type'");
    if (typeof type !== "string" || !WIDGET_TYPES.has(type)) {
      invalid(`/widgets/${i}/type`, `Should be equal to one of the allowed values: ${[...WIDGET_TYPES].join(", ")}`);
    }
    const properties = (widget as { properties?: unknown }).properties;
    if (properties !== undefined && (typeof properties !== "object" || properties === null || Array.isArray(properties))) {
      invalid(`/widgets/${i}/properties`, "Should be object");
    }
    for (const field of ["x", "y", "width", "height"]) {
      const v = (widget as Record<string, unknown>)[field];
      if (v !== undefined && (typeof v !== "number" || !Number.isInteger(v) || v < 0)) invalid(`/widgets/${i}/${field}`, "Should be integer");
    }
  });
}
