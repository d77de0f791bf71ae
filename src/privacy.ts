/**
 * What log lines must never show: the access token, and each personal value of the event in the
 * forms it can take in a line (as given, normalised, URL-encoded with %20 or "+" for spaces).
 * health-log.ts replaces them, without regard to case, in every string of every line.
 */
import { percentEncode } from './url-encoding';

/** Shorter values would redact ordinary words and numbers. */
const MIN_SECRET = 3;

/** Matching ignores case, so each needle is kept lower-cased (once, here) and only once. */
function add(out: string[], value: string): void {
  if (value.length < MIN_SECRET) return;
  const lower = value.toLowerCase();
  if (out.indexOf(lower) === -1) out.push(lower);
}

/** The needles, lower-cased: what redact() (src/values.ts) looks for in every text of a line. */
export function logSecrets(accessToken: string, personalValues: string[]): string[] {
  const out: string[] = [];
  if (accessToken !== '') out.push(accessToken.toLowerCase());
  for (let i = 0; i < personalValues.length; i++) {
    const value = personalValues[i].trim();
    add(out, value);
    const encoded = percentEncode(value);
    // Most values have nothing to encode: the same text, already added.
    if (encoded === undefined || encoded === value) continue;
    add(out, encoded);
    // "+" for spaces, as a form-encoded query writes them; only when there is a space.
    if (encoded.indexOf('%20') !== -1) add(out, encoded.split('%20').join('+'));
  }
  return out;
}
