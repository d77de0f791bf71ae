/** TikTok event names and the GA4 → TikTok mapping (docs/tag.md, "Event name"). */
import { contains, onlyChars, own, text } from './values';
import { LEGACY_EVENTS, STANDARD_EVENTS } from './tiktok-events';

/** Current name → legacy name, for the "legacy names" option. */
const LEGACY_NAME: Record<string, string> = { Purchase: 'CompletePayment', Lead: 'SubmitForm' };

/** GA4 recommended events → TikTok (current names). page_view is handled by its own option. */
export const GA4_TO_TIKTOK: Record<string, string> = {
  view_item: 'ViewContent',
  view_item_list: 'ViewContent',
  select_item: 'ViewContent',
  search: 'Search',
  view_search_results: 'Search',
  add_to_wishlist: 'AddToWishlist',
  add_to_cart: 'AddToCart',
  begin_checkout: 'InitiateCheckout',
  add_payment_info: 'AddPaymentInfo',
  add_shipping_info: 'AddShippingInfo',
  purchase: 'Purchase',
  sign_up: 'CompleteRegistration',
  generate_lead: 'Lead',
  contact: 'Contact',
  subscribe: 'Subscribe',
  file_download: 'Download',
  find_location: 'FindLocation',
  schedule: 'Schedule',
  start_trial: 'StartTrial',
  customize_product: 'CustomizeProduct',
  submit_application: 'SubmitApplication',
};

export type EventNameMode = 'inherit' | 'standard' | 'custom';

export interface EventNameOptions {
  mode: EventNameMode;
  /** The standard event picked from the list (mode standard) or typed (mode custom). */
  fixedName: string | undefined;
  legacyNames: boolean;
  /** What page_view becomes: a TikTok event name, or "" to skip it. */
  pageView: string;
  /** Inherited names with no mapping: sent as they are, or skipped. */
  unmapped: 'custom' | 'skip';
  /** User rows: GA4 event name → TikTok event name; an empty TikTok name skips that event. */
  overrides: Record<string, string>;
}

export interface EventNameResult {
  /** The TikTok event to send, or undefined when the event is not sent. */
  name: string | undefined;
  skipReason: 'event_not_mapped' | undefined;
  /** Why the client's name cannot be sent as a custom event (for the event_name_invalid warning). */
  invalidReason?: string;
}

function withNameVersion(name: string, legacy: boolean): string {
  const legacyName = own(LEGACY_NAME, name);
  return legacy && typeof legacyName === 'string' ? legacyName : name;
}

/** The TikTok name for an event: fixed name, user row, built-in mapping, or pass-through. */
export function resolveEventName(ga4Event: string | undefined, options: EventNameOptions): EventNameResult {
  if (options.mode !== 'inherit') {
    if (options.fixedName === undefined) return { name: undefined, skipReason: 'event_not_mapped' };
    return { name: withNameVersion(options.fixedName, options.legacyNames), skipReason: undefined };
  }
  if (ga4Event === undefined) return { name: undefined, skipReason: 'event_not_mapped' };
  const override = own(options.overrides, ga4Event);
  if (typeof override === 'string') {
    if (override === '') return { name: undefined, skipReason: 'event_not_mapped' };
    return { name: withNameVersion(override, options.legacyNames), skipReason: undefined };
  }
  if (ga4Event === 'page_view') {
    if (options.pageView === '') return { name: undefined, skipReason: 'event_not_mapped' };
    return { name: options.pageView, skipReason: undefined };
  }
  const mapped = text(own(GA4_TO_TIKTOK, ga4Event));
  if (mapped !== undefined) {
    return { name: withNameVersion(mapped, options.legacyNames), skipReason: undefined };
  }
  if (contains(STANDARD_EVENTS, ga4Event) || contains(LEGACY_EVENTS, ga4Event)) {
    return { name: withNameVersion(ga4Event, options.legacyNames), skipReason: undefined };
  }
  // "PURCHASE" or "ViewContent " in the wrong case would reach TikTok as a custom event and the
  // conversion would silently not count: the name it clearly means is sent instead.
  const lower = ga4Event.toLowerCase();
  const mappedLower = text(own(GA4_TO_TIKTOK, lower));
  if (mappedLower !== undefined) return { name: withNameVersion(mappedLower, options.legacyNames), skipReason: undefined };
  const known = tiktokNameIgnoringCase(lower);
  if (known !== undefined) return { name: withNameVersion(known, options.legacyNames), skipReason: undefined };
  if (options.unmapped === 'skip') return { name: undefined, skipReason: 'event_not_mapped' };
  const problem = customNameProblem(ga4Event);
  if (problem !== undefined) return { name: undefined, skipReason: 'event_not_mapped', invalidReason: problem };
  return { name: ga4Event, skipReason: undefined };
}

function tiktokNameIgnoringCase(lower: string): string | undefined {
  const names = STANDARD_EVENTS.concat(LEGACY_EVENTS);
  for (let i = 0; i < names.length; i++) {
    if (names[i].toLowerCase() === lower) return names[i];
  }
  return undefined;
}

const CUSTOM_NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_- ';
export const MAX_CUSTOM_NAME = 50;

/**
 * A custom event name TikTok takes: 1–50 ASCII letters, digits, "_", "-" or spaces, not starting
 * with a space or "-". Other names (emoji, CJK, over-long) are rejected with 40002, so they are
 * skipped as not mapped instead of failing on every hit.
 */
export function isValidCustomName(name: string): boolean {
  return customNameProblem(name) === undefined;
}

/** Why TikTok would refuse name as a custom event name, in words (never quoting it); undefined when it takes it. */
export function customNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the event name is empty';
  if (name.length > MAX_CUSTOM_NAME) return 'the event name has ' + name.length + ' characters; TikTok takes custom event names of at most ' + MAX_CUSTOM_NAME;
  if (name.charAt(0) === ' ' || name.charAt(0) === '-') return 'the event name starts with a space or "-", which TikTok refuses in custom event names';
  if (!onlyChars(name, CUSTOM_NAME_CHARS)) return 'the event name has characters TikTok refuses in custom event names (only ASCII letters, digits, "_", "-" and spaces)';
  return undefined;
}
