/**
 * What log lines must never show: the access token, and each personal value of the event in the
 * forms it can take in a line (as given, normalised, URL-encoded with %20 or "+" for spaces).
 * health-log.ts replaces them, without regard to case, in every string of every line.
 */
import { percentEncode } from './url-encoding';

/** Shorter values would redact ordinary words and numbers. */
const MIN_SECRET = 3;

/** `lowered`: out's entries lower-cased (kept alongside, so each is lower-cased once). */
function add(out: string[], lowered: string[], value: string): void {
  if (value.length < MIN_SECRET) return;
  const lower = value.toLowerCase();
  if (lowered.indexOf(lower) !== -1) return;
  out.push(value);
  lowered.push(lower);
}

export function logSecrets(accessToken: string, personalValues: string[]): string[] {
  const out: string[] = [];
  const lowered: string[] = [];
  if (accessToken !== '') {
    out.push(accessToken);
    lowered.push(accessToken.toLowerCase());
  }
  for (let i = 0; i < personalValues.length; i++) {
    const value = personalValues[i].trim();
    add(out, lowered, value);
    const encoded = percentEncode(value);
    if (encoded === undefined) continue;
    add(out, lowered, encoded);
    add(out, lowered, encoded.split('%20').join('+'));
  }
  return out;
}
