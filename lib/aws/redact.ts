/**
 * Removes credentials from text before it is shown or logged: every key the vault holds, plus
 * anything shaped like an access key ID, a secret access key or a session token.
 */
import { heldSecrets } from "./key-vault";

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|APKA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{12,124}\b/g;
/** A secret access key: 40 characters of base64 (redacted when it mixes cases and digits). */
const BASE64_40 = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g;
const SESSION_TOKEN = /[A-Za-z0-9/+=]{120,}/g;

export const REDACTED = "[redacted]";

export function redactSecrets(text: string, extra: string[] = []): string {
  let out = text;
  for (const secret of [...heldSecrets(), ...extra]) {
    if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  return out.replace(SESSION_TOKEN, REDACTED).replace(ACCESS_KEY_ID, REDACTED).replace(BASE64_40, (match) => (looksLikeSecret(match) ? REDACTED : match));
}

function looksLikeSecret(candidate: string): boolean {
  return /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /\d/.test(candidate);
}
