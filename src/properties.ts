/**
 * The `properties` object: value, currency, contents from GA4 `items`, content_type, query,
 * order_id, then the user's override rows. Types follow TikTok's rules: value and price are
 * numbers, quantity an integer, content_id a string, currency ISO 4217 upper case.
 */
import { VALUE_EVENTS } from './tiktok-events';
import { Dict, firstDefined, given, hasKeys, isArray, kindOf, numeric, onlyChars, roundHalfUp, text, wholePart } from './values';

const MAX_CONTENTS = 200;

export interface PropertyOptions {
  /** content_type sent when contents are present ("product" or "product_group"). */
  contentType: string;
  overrides: Record<string, unknown>;
  /** The TikTok event: value events without a value get one from their items (valueFromItems). */
  eventName: string;
  valueFromItems: boolean;
}

/**
 * Σ price × quantity over the contents (quantity 1 when absent), rounded to cents; undefined
 * when there are no contents or one has no price (a partial sum would understate the order).
 */
export function valueOfContents(contents: Dict[]): number | undefined {
  if (contents.length === 0) return undefined;
  let sum = 0;
  for (let i = 0; i < contents.length; i++) {
    const price = contents[i].price;
    if (typeof price !== 'number') return undefined;
    const quantity = contents[i].quantity;
    sum += price * (typeof quantity === 'number' ? quantity : 1);
  }
  return roundHalfUp(sum * 100) / 100;
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
  // typeof, not getType (a call per item): a list in items has none of the keys read below, so it
  // ends as "neither an id nor a name" just as a getType check would have it. Keys are read by
  // name (given()).
  if (typeof item !== 'object' || item === null) return undefined;
  const fields = item as Dict;
  const content: Dict = {};
  const id = text(firstDefined([given(fields.item_id), given(fields.id), given(fields.content_id)]), 500);
  const name = text(firstDefined([given(fields.item_name), given(fields.name), given(fields.content_name)]), 500);
  const category = text(firstDefined([given(fields.item_category), given(fields.content_category)]), 500);
  const brand = text(firstDefined([given(fields.item_brand), given(fields.brand)]), 500);
  const price = numeric(given(fields.price));
  const quantity = numeric(given(fields.quantity));
  if (id === undefined && name === undefined) return undefined;
  if (id !== undefined) content.content_id = id;
  if (name !== undefined) content.content_name = name;
  if (category !== undefined) content.content_category = category;
  if (brand !== undefined) content.brand = brand;
  if (price !== undefined) content.price = price;
  // A fractional quantity under 1 would truncate to 0, which TikTok rejects: it is left out.
  const wholeQuantity = quantity === undefined ? 0 : wholePart(quantity);
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
  const kind = kindOf(value);
  if (kind === 'array') {
    const list = value as unknown[];
    const out: unknown[] = [];
    for (let i = 0; i < list.length && i < MAX_CONTENTS; i++) {
      const item = compact(list[i], depth + 1);
      if (item !== undefined) out.push(item);
    }
    return out.length > 0 ? out : undefined;
  }
  if (kind === 'object') {
    const out: Dict = {};
    // for…in gives Object.keys' order here: a plain object's prototype has no enumerable keys.
    for (const key in value as Dict) {
      const item = compact((value as Dict)[key], depth + 1);
      if (item !== undefined) out[key] = item;
    }
    return hasKeys(out) ? out : undefined;
  }
  if (kind === 'number') return numeric(value);
  if (kind === 'boolean') return value;
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
  const contents = itemsToContents(given(eventData.items));
  if (contents.length > 0) {
    properties.contents = contents;
    properties.content_type = options.contentType;
  }
  const currency = normalizeCurrency(given(eventData.currency));
  if (currency !== undefined) properties.currency = currency;
  const value = numeric(given(eventData.value));
  if (value !== undefined) properties.value = value;
  const query = text(given(eventData.search_term), 500);
  if (query !== undefined) properties.query = query;
  const orderId = text(firstDefined([given(eventData.transaction_id), given(eventData.order_id)]), 500);
  if (orderId !== undefined) properties.order_id = orderId;
  // Offline and CRM events carry the store; web shops rarely set these keys.
  const shopId = text(firstDefined([given(eventData.shop_id), given(eventData.store_id)]), 500);
  if (shopId !== undefined) properties.shop_id = shopId;
  const description = text(given(eventData.description), 500);
  if (description !== undefined) properties.description = description;

  for (const name in options.overrides) {
    const overridden = overrideValue(name, options.overrides[name]);
    // An empty row (often a variable that is undefined for this event) keeps the event's value.
    if (overridden !== undefined) properties[name] = overridden;
  }
  if (properties.contents !== undefined && properties.content_type === undefined) properties.content_type = options.contentType;
  if (properties.value === undefined && options.valueFromItems && VALUE_EVENTS.indexOf(options.eventName) !== -1 && properties.contents !== undefined) {
    const computed = valueOfContents(properties.contents as Dict[]);
    if (computed !== undefined) properties.value = computed;
  }
  return properties;
}
