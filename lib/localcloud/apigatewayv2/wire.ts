/**
 * The REST-JSON wire form of an API Gateway v2 SDK output type: members travel camelCased
 * (`ApiId` → `apiId`), timestamps as ISO 8601 strings, and `$metadata` is the SDK's own.
 * Operations return `CamelWire<XxxResponse>` so that the SDK's types check the emulator's answers.
 */
export type CamelWire<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Array<CamelWire<U>>
    : T extends object
      ? { [K in keyof T as K extends "$metadata" ? never : K extends string ? Uncapitalize<K> : never]: CamelWire<T[K]> }
      : T;

/** ISO 8601 to the second, as API Gateway writes `createdDate` (`2026-12-08T01:02:03Z`). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
