/**
 * Decodes the typed values of ___SERVER_PERMISSIONS___ (and ___WEB_PERMISSIONS___) into plain
 * JS values. GTM stores every param value as {type, string|listItem|mapKey+mapValue|boolean};
 * the runtime's permission checks want plain strings, arrays, objects and booleans.
 */
import type { Permission } from '../types';
import { isObject } from './is-object';

/** Type codes GTM uses in permission params (spec §3.1). */
export const TYPED_VALUE = { STRING: 1, LIST: 2, MAP: 3, BOOLEAN: 8 } as const;

/**
 * type 1 → string, 2 → array, 3 → object (parallel mapKey/mapValue), 8 → boolean.
 * Anything else (an unknown type code, a bare value) is kept as it is, so nothing is lost.
 */
export function decodeTypedValue(value: unknown): unknown {
  if (!isObject(value)) return value;
  switch (value.type) {
    case TYPED_VALUE.STRING:
      return value.string;
    case TYPED_VALUE.LIST:
      return Array.isArray(value.listItem) ? value.listItem.map(decodeTypedValue) : [];
    case TYPED_VALUE.MAP: {
      const keys = Array.isArray(value.mapKey) ? value.mapKey : [];
      const values = Array.isArray(value.mapValue) ? value.mapValue : [];
      const out: Record<string, unknown> = {};
      keys.forEach((key, i) => {
        out[String(decodeTypedValue(key))] = decodeTypedValue(values[i]);
      });
      return out;
    }
    case TYPED_VALUE.BOOLEAN:
      return value.boolean;
    default:
      return value;
  }
}

/**
 * One raw permission entry → Permission. Entries too broken to name (no publicId) get
 * publicId '' so the validator can report them; the parser does not throw on shape.
 */
export function decodePermission(entry: unknown): Permission {
  const instance = isObject(entry) && isObject(entry.instance) ? entry.instance : {};
  const key = isObject(instance.key) ? instance.key : {};
  const params: Record<string, unknown> = {};
  if (Array.isArray(instance.param)) {
    for (const p of instance.param) {
      if (isObject(p) && typeof p.key === 'string') params[p.key] = decodeTypedValue(p.value);
    }
  }
  const permission: Permission = { publicId: typeof key.publicId === 'string' ? key.publicId : '', params };
  if (isObject(entry) && typeof entry.isRequired === 'boolean') permission.isRequired = entry.isRequired;
  return permission;
}

export function decodePermissions(entries: unknown[]): Permission[] {
  return entries.map(decodePermission);
}
