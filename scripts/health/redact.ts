/**
 * Defence in depth for the report: the tag never logs raw personal values, but a log line is input
 * we do not control (an email typed as an event name, a phone number echoed in an error message).
 * The report knows no event's raw values, so it recognises them by shape: every string taken from a
 * line passes through `redactPersonal` before it can reach any field of the report.
 */
import { REDACTED } from '../../sandbox-shim/runtime/redact';

/** `@` as written, URL-encoded once or twice, or as an HTML entity. */
const AT = String.raw`(?:@|%40|%2540|&#0*64;|&#x0*40;)`;
/** Local part, encoded or not ("jane.doe%2Brel", "jane+rel"), then a domain with a dot. */
// Bounded repeats (RFC 5321 limits) keep the scan linear on hostile multi-megabyte strings.
const EMAIL = new RegExp(String.raw`[A-Za-z0-9._%+\-!#$&'*/=?^\`{|}~]{1,64}${AT}[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}`, 'gi');
/** International numbers, separators allowed: "+33 6 12 34 56 78", "%2B33612345678", "0033612345678". */
const INTERNATIONAL_PHONE = /(?:\+|%2B|\b00)\d(?:[\s.\-()]{0,2}\d){6,14}/gi;
/** A bare run of 9 to 15 digits (national numbers such as 0612345678), not part of a longer word or number. */
const DIGIT_RUN = /(?<![\dA-Za-z])\d{9,15}(?![\dA-Za-z])/g;
/** National formats with separators: "06 12 34 56 78", "(555) 123-4567", "555-123-4567". */
const NATIONAL_PHONE = /\b0\d(?:[\s.\-]\d{2}){4}\b|\(\d{3}\)\s?\d{3}[\s.\-]\d{4}\b|\b\d{3}[.\-]\d{3}[.\-]\d{4}\b/g;

/** Whatever looks like the start of an address or a number where the text was cut. */
const CUT_TAIL = /\S*(?:@|%40|&#|\+|\d{3})\S*$/i;

/** The text with anything shaped like an email address or a phone number replaced by [REDACTED]. */
export function redactPersonal(text: string): string {
  if (!/\d|@|%40|&#/i.test(text)) return text;
  const redacted = text.replace(EMAIL, REDACTED).replace(INTERNATIONAL_PHONE, REDACTED).replace(NATIONAL_PHONE, REDACTED);
  return /\d{9}/.test(redacted) ? redacted.replace(DIGIT_RUN, REDACTED) : redacted;
}

/**
 * A string of a log line as the report may show it: personal values redacted, at most `max`
 * characters ("…" marks a cut). Only the head is scanned, so a hostile multi-megabyte value costs
 * no more than a long one; a value cut mid-way loses its last token, which might be half an address.
 */
export function reportText(text: string, max: number): string {
  const scanned = text.length > 8 * max ? text.slice(0, 8 * max).replace(CUT_TAIL, REDACTED) : text;
  const clean = redactPersonal(scanned);
  if (clean.length <= max && scanned === text) return clean;
  return (clean.length < max ? clean : clean.slice(0, max - 1)) + '…';
}
