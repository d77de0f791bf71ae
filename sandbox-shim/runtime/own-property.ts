/**
 * Copying values key by key with `out[key] = v` turns a key named "__proto__" (from event data,
 * a parsed HTTP body, JSON.parse) into a prototype change. Every copy across or within the
 * sandbox boundary defines own data properties instead.
 */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
