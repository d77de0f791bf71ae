/** TikTok's event names, as the mock judges them (TikTok facts file, "Standard events"). */

export const STANDARD_EVENTS: readonly string[] = [
  'AddPaymentInfo', 'AddToCart', 'AddToWishlist', 'ApplicationApproval', 'CompleteRegistration',
  'Contact', 'CustomizeProduct', 'Download', 'FindLocation', 'InitiateCheckout', 'Lead',
  'Purchase', 'Schedule', 'Search', 'StartTrial', 'SubmitApplication', 'Subscribe', 'ViewContent',
];

/** Old names TikTok still accepts and converts (CompletePayment → Purchase, SubmitForm → Lead) or keeps until 2027. */
export const LEGACY_EVENTS: readonly string[] = ['CompletePayment', 'SubmitForm', 'ClickButton', 'PlaceAnOrder', 'Pageview'];

const KNOWN = new Set([...STANDARD_EVENTS, ...LEGACY_EVENTS]);
const BY_LOWER = new Map([...KNOWN].map((name) => [name.toLowerCase(), name]));

export type EventNameVerdict = { ok: true; kind: 'standard' | 'legacy' | 'custom' } | { ok: false; reason: string };

/**
 * Standard names are case-sensitive: "purchase" is not "Purchase". TikTok would take a wrong-case
 * name as a custom event and the conversion would silently not count; the mock rejects it so the
 * mistake shows up in tests.
 */
export function judgeEventName(name: unknown, allowCustom: boolean): EventNameVerdict {
  if (typeof name !== 'string' || name.trim() === '') return { ok: false, reason: 'event must be a non-empty string' };
  if (STANDARD_EVENTS.includes(name)) return { ok: true, kind: 'standard' };
  if (KNOWN.has(name)) return { ok: true, kind: 'legacy' };
  const proper = BY_LOWER.get(name.toLowerCase());
  if (proper) return { ok: false, reason: `event "${name}" is not a standard event name (names are case-sensitive; did you mean "${proper}"?)` };
  if (!allowCustom) return { ok: false, reason: `event "${name}" is not a standard event (custom events are disabled on this mock)` };
  if (name.length > 50 || !/^[A-Za-z0-9_][A-Za-z0-9_ -]*$/.test(name)) {
    return { ok: false, reason: `custom event "${name.slice(0, 60)}" must be 1-50 letters, digits, "_", "-" or spaces` };
  }
  return { ok: true, kind: 'custom' };
}
