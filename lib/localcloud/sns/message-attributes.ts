/**
 * Publish's message attributes: names, types (String, Number, Binary, String.Array, each with an
 * optional custom suffix) and values, checked as SNS checks them, and the size they add.
 */
import type { MessageAttribute } from "../core/links";
import { snsErrors } from "./errors";

const NAME = /^[A-Za-z0-9_.-]+$/;
const RESERVED_PREFIXES = ["aws.", "amazon."];

export function validateMessageAttributes(attributes: Record<string, MessageAttribute>): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    if (
      name.length === 0 ||
      name.length > 256 ||
      !NAME.test(name) ||
      name.startsWith(".") ||
      name.endsWith(".") ||
      name.includes("..") ||
      RESERVED_PREFIXES.some((p) => name.toLowerCase().startsWith(p))
    ) {
      throw snsErrors.parameterValueInvalid(`The message attribute name '${name}' is invalid.`);
    }
    const type = attribute.DataType ?? "";
    const base = type.split(".")[0];
    if (!["String", "Number", "Binary"].includes(base)) {
      throw snsErrors.parameterValueInvalid(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    if (base === "Binary") {
      if (!attribute.BinaryValue) {
        throw snsErrors.parameterValueInvalid(
          `The message attribute '${name}' with type 'Binary' must use field 'Binary'.`,
        );
      }
      continue;
    }
    if (attribute.StringValue === undefined || attribute.StringValue === "") {
      throw snsErrors.parameterValueInvalid(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`,
      );
    }
    if (base === "Number" && type !== "String.Array" && !Number.isFinite(Number(attribute.StringValue))) {
      throw snsErrors.parameterValueInvalid(`Could not cast message attribute '${name}' value to number.`);
    }
  }
}

/** Bytes the attributes count toward the message size (name, type and value of each). */
export function attributesSize(attributes: Record<string, MessageAttribute>): number {
  let size = 0;
  for (const [name, attribute] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(attribute.DataType);
    if (attribute.StringValue !== undefined) size += Buffer.byteLength(attribute.StringValue);
    if (attribute.BinaryValue !== undefined) size += Buffer.from(attribute.BinaryValue, "base64").length;
  }
  return size;
}

/** The envelope's `MessageAttributes`: `{ name: { Type, Value } }`, binary values in base64. */
export function envelopeAttributes(attributes: Record<string, MessageAttribute>): Record<string, { Type: string; Value: string }> {
  const result: Record<string, { Type: string; Value: string }> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    result[name] = { Type: attribute.DataType, Value: attribute.BinaryValue ?? attribute.StringValue ?? "" };
  }
  return result;
}
