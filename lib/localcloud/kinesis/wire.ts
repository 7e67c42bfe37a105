/**
 * The JSON wire form of an SDK output type: timestamps travel as epoch seconds, blobs as base64,
 * and `$metadata` is the SDK's own. Operations return `Wire<XxxOutput>` so that the SDK's types
 * check the emulator's answers.
 */
export type Wire<T> = T extends Date
  ? number
  : T extends Uint8Array
    ? string
    : T extends Array<infer U>
      ? Array<Wire<U>>
      : T extends object
        ? { [K in keyof T as K extends "$metadata" ? never : K]: Wire<T[K]> }
        : T;

export function epochSeconds(ms: number): number {
  return ms / 1000;
}
