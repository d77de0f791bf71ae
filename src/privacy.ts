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

/**
 * What one event's lines must not show: the token and the personal values (as given and
 * normalised). Their needles, with every encoded form, are made only when a line may hold one.
 */
export interface Secrets {
  token: string;
  values: string[];
  /** logSecrets(token, values), once made. */
  needles?: string[];
}

export function needlesOf(secrets: Secrets): string[] {
  if (secrets.needles === undefined) secrets.needles = logSecrets(secrets.token, secrets.values);
  return secrets.needles;
}

/**
 * True when `text` (lower-cased) holds a needle. An encoded form differs from its value only by
 * "%XX" escapes and by "+" for spaces, so a text with neither character can hold only the token
 * or a value as given: then those are all that is looked for, and no encoded form is made.
 */
export function holdsSecret(text: string, secrets: Secrets): boolean {
  if (text.indexOf('%') !== -1 || text.indexOf('+') !== -1) {
    const needles = needlesOf(secrets);
    for (let i = 0; i < needles.length; i++) if (holds(text, needles[i])) return true;
    return false;
  }
  if (holds(text, secrets.token.toLowerCase())) return true;
  for (let i = 0; i < secrets.values.length; i++) if (holds(text, secrets.values[i].trim().toLowerCase())) return true;
  return false;
}

function holds(text: string, needle: string): boolean {
  return needle.length >= MIN_SECRET && text.indexOf(needle) !== -1;
}
