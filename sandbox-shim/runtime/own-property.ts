/**
 * Copying values key by key with `out[key] = v` turns a key named "__proto__" (from event data,
 * a parsed HTTP body, JSON.parse) into a prototype change. Every copy across or within the
 * sandbox boundary defines own data properties instead.
 *
 * `target` is always an object the copier just made ({} or [] of the host or of a realm), whose
 * prototype chain holds only writable data properties apart from the `__proto__` accessor
 * (Object.prototype is sealed, never frozen, in a realm): for any other key, assignment defines
 * the same own property, without a descriptor object per key (copies were ~4% of a run's CPU).
 */
export function defineOwn(target: object, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else (target as Record<string, unknown>)[key] = value;
}

/**
 * For a target that is not a fresh plain object (a realm error whose frozen prototype has a
 * read-only `name`, a sandbox object that may hold accessors): always a property definition.
 */
export function replaceOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
