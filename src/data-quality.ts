/**
 * Data quality warnings for the result line (docs/health-log-schema.md, `warnings`): what the tag
 * had to drop, replace or could not find, so a bad currency or an over-long event name is seen in
 * the logs, the preview and the health report instead of vanishing. Messages say why in words
 * and never quote an event's value (it could be personal data).
 */
import { CONTENT_EVENTS, VALUE_EVENTS } from './tiktok-events';
import { Dict, given, numeric, text } from './values';

export interface Warning {
  code: string;
  /** The TikTok field concerned, as a path in the sent event (e.g. "properties.currency"). */
  field?: string;
  message: string;
}

export function warning(code: string, field: string | undefined, message: string): Warning {
  // Keys in the contract's order: code, field, message.
  if (field === undefined) return { code: code, message: message };
  return { code: code, field: field, message: message };
}

export interface PropertyInputs {
  eventName: string;
  /** The currency and value given (event data, or an override row), before normalisation. */
  rawCurrency: unknown;
  rawValue: unknown;
  valueFromItems: boolean;
}

function contentsWithoutId(properties: Dict): number {
  // properties.contents is absent or a list the tag built (src/properties.ts): no getType needed.
  const contents = given(properties.contents) as unknown[] | undefined;
  if (contents === undefined) return -1;
  let missing = 0;
  for (let i = 0; i < contents.length; i++) {
    if ((contents[i] as Dict).content_id === undefined) missing++;
  }
  return missing;
}

/** currency_invalid, currency_missing, value_invalid, value_missing, content_id_missing. */
export function propertyWarnings(properties: Dict, inputs: PropertyInputs, warnings: Warning[]): void {
  const sentCurrency = properties.currency !== undefined;
  const sentValue = properties.value !== undefined;
  if (text(inputs.rawCurrency) !== undefined && !sentCurrency) {
    warnings.push(warning('currency_invalid', 'properties.currency', 'currency is not a 3-letter ISO 4217 code (e.g. EUR, USD); the event was sent without currency'));
  } else if (sentValue && !sentCurrency) {
    warnings.push(warning('currency_missing', 'properties.currency', 'value is sent without currency; TikTok cannot report revenue without an ISO 4217 currency'));
  }
  if (text(inputs.rawValue) !== undefined && numeric(inputs.rawValue) === undefined) {
    const instead = sentValue ? 'the sum of price × quantity of the items was sent instead' : 'it was not sent';
    warnings.push(warning('value_invalid', 'properties.value', 'value is not a number (use a dot for decimals and no thousands separator, e.g. 1234.56); ' + instead));
  } else if (!sentValue && VALUE_EVENTS.indexOf(inputs.eventName) !== -1) {
    const why = inputs.valueFromItems ? 'and it could not be computed from the items (each needs a price)' : 'and value from items is off';
    warnings.push(warning('value_missing', 'properties.value', inputs.eventName + ' has no value ' + why + '; TikTok reports no revenue for it'));
  }
  if (CONTENT_EVENTS.indexOf(inputs.eventName) === -1) return;
  const missing = contentsWithoutId(properties);
  if (missing === -1) {
    warnings.push(warning('content_id_missing', 'properties.contents', inputs.eventName + ' has no items with an id; catalog ads match products by content_id (GA4 items[].item_id)'));
  } else if (missing > 0) {
    warnings.push(warning('content_id_missing', 'properties.contents', missing + ' of ' + (given(properties.contents) as unknown[]).length + ' items ' + (missing === 1 ? 'has' : 'have') + ' no id; catalog ads match products by content_id (GA4 items[].item_id)'));
  }
}
