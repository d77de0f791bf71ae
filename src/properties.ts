/**
 * The `properties` object: value, currency, contents from GA4 `items`, content_type, query,
 * order_id, then the user's override rows. Types follow TikTok's rules: value and price are
 * numbers, quantity an integer, content_id a string, currency ISO 4217 upper case.
 */
import { getType, makeInteger } from './sandbox';
import { Dict, field, firstDefined, isArray, isObject, keysOf, numeric, onlyChars, text } from './values';

const MAX_CONTENTS = 200;

export interface PropertyOptions {
  /** content_type sent when contents are present ("product" or "product_group"). */
  contentType: string;
  overrides: Record<string, unknown>;
}

/** ISO 4217: three letters, upper-cased; anything else is dropped. */
export function normalizeCurrency(value: unknown): string | undefined {
  const raw = text(value, 10);
  if (raw === undefined || raw.length !== 3) return undefined;
  const upper = raw.toUpperCase();
  return onlyChars(upper, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') ? upper : undefined;
}

/** One GA4 item → one TikTok content; undefined when it has neither an id nor a name. */
export function itemToContent(item: unknown): Dict | undefined {
  if (!isObject(item)) return undefined;
  const content: Dict = {};
  const id = text(firstDefined([field(item, 'item_id'), field(item, 'id'), field(item, 'content_id')]), 500);
  const name = text(firstDefined([field(item, 'item_name'), field(item, 'name'), field(item, 'content_name')]), 500);
  const category = text(firstDefined([field(item, 'item_category'), field(item, 'content_category')]), 500);
  const brand = text(firstDefined([field(item, 'item_brand'), field(item, 'brand')]), 500);
  const price = numeric(field(item, 'price'));
  const quantity = numeric(field(item, 'quantity'));
  if (id === undefined && name === undefined) return undefined;
  if (id !== undefined) content.content_id = id;
  if (name !== undefined) content.content_name = name;
  if (category !== undefined) content.content_category = category;
  if (brand !== undefined) content.brand = brand;
  if (price !== undefined) content.price = price;
  // A fractional quantity under 1 would truncate to 0, which TikTok rejects: it is left out.
  const wholeQuantity = quantity === undefined ? 0 : makeInteger(quantity);
  if (wholeQuantity >= 1) content.quantity = wholeQuantity;
  return content;
}

export function itemsToContents(items: unknown): Dict[] {
  const contents: Dict[] = [];
  if (!isArray(items)) return contents;
  for (let i = 0; i < items.length && contents.length < MAX_CONTENTS; i++) {
    const content = itemToContent(items[i]);
    if (content !== undefined) contents.push(content);
  }
  return contents;
}

/** A copy without empty strings, null or undefined at any depth; undefined when nothing is left. */
export function compact(value: unknown, depth: number): unknown {
  if (depth > 5) return undefined;
  if (isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length && i < MAX_CONTENTS; i++) {
      const item = compact(value[i], depth + 1);
      if (item !== undefined) out.push(item);
    }
    return out.length > 0 ? out : undefined;
  }
  if (isObject(value)) {
    const out: Dict = {};
    const keys = keysOf(value);
    for (let i = 0; i < keys.length; i++) {
      const item = compact(value[keys[i]], depth + 1);
      if (item !== undefined) out[keys[i]] = item;
    }
    return keysOf(out).length > 0 ? out : undefined;
  }
  if (getType(value) === 'number') return numeric(value);
  if (getType(value) === 'boolean') return value;
  return text(value, 1000);
}

/** An override's value with the type TikTok expects for that property name. */
function overrideValue(name: string, value: unknown): unknown {
  if (name === 'value') return numeric(value);
  if (name === 'currency') return normalizeCurrency(value);
  if (name === 'contents') return isArray(value) ? itemsToContents(value) : undefined;
  return compact(value, 0);
}

export function buildProperties(eventData: Dict, options: PropertyOptions): Dict {
  const properties: Dict = {};
  const contents = itemsToContents(field(eventData, 'items'));
  if (contents.length > 0) {
    properties.contents = contents;
    properties.content_type = options.contentType;
  }
  const currency = normalizeCurrency(field(eventData, 'currency'));
  if (currency !== undefined) properties.currency = currency;
  const value = numeric(field(eventData, 'value'));
  if (value !== undefined) properties.value = value;
  const query = text(field(eventData, 'search_term'), 500);
  if (query !== undefined) properties.query = query;
  const orderId = text(field(eventData, 'transaction_id'), 500);
  if (orderId !== undefined) properties.order_id = orderId;
  const description = text(field(eventData, 'description'), 500);
  if (description !== undefined) properties.description = description;

  const names = keysOf(options.overrides);
  for (let i = 0; i < names.length; i++) {
    const overridden = overrideValue(names[i], options.overrides[names[i]]);
    // An empty row (often a variable that is undefined for this event) keeps the event's value.
    if (overridden !== undefined) properties[names[i]] = overridden;
  }
  if (properties.contents !== undefined && properties.content_type === undefined) properties.content_type = options.contentType;
  return properties;
}
