/**
 * Consent from the event data (server containers have no consent APIs): `consent_state.ad_storage`
 * first, then the GA4 `x-ga-gcs` string ("G1" + ad_storage + analytics_storage, "1" granted).
 */
import { Dict, field, given, text } from './values';

export type ConsentSignal = 'granted' | 'denied' | 'unknown';

function fromValue(value: unknown): ConsentSignal {
  if (value === true) return 'granted';
  if (value === false) return 'denied';
  const word = text(value, 20);
  if (word === undefined) return 'unknown';
  const lower = word.toLowerCase();
  if (lower === 'granted' || lower === 'true' || lower === '1') return 'granted';
  if (lower === 'denied' || lower === 'false' || lower === '0') return 'denied';
  return 'unknown';
}

export function adStorageConsent(value: unknown): ConsentSignal {
  // An array has neither key, so typeof is enough here: no getType for the event data.
  const eventData: Dict = typeof value === 'object' && value !== null ? (value as Dict) : {};
  const fromState = fromValue(field(given(eventData.consent_state), 'ad_storage'));
  if (fromState !== 'unknown') return fromState;
  const gcs = text(given(eventData['x-ga-gcs']), 10);
  if (gcs === undefined || gcs.length < 3 || gcs.substring(0, 2) !== 'G1') return 'unknown';
  const adStorage = gcs.charAt(2);
  if (adStorage === '1') return 'granted';
  if (adStorage === '0') return 'denied';
  return 'unknown';
}

/** Send unless the mode asks for ad_storage and the event says it is denied. No signal sends. */
export function consentAllowsSending(mode: 'always' | 'ad_storage', adStorage: ConsentSignal): boolean {
  return mode === 'always' || adStorage !== 'denied';
}
