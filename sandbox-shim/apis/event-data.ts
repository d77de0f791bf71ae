/** getAllEventData, getEventData, addEventCallback, and their read_event_data / read_event_metadata checks. */
import type { ApiContext, ApiFamily, PermissionCheck } from './family';
import type { EventCallback, SandboxApis } from '../sandbox-apis';
import { listForMessage, stringListParam, stringParam, wildcardMatch } from './permission-params';

/**
 * read_event_data: `eventDataAccess: any`, or `specific` with keyPatterns. A pattern is a key path
 * (which also allows every path below it: reading `items` returns `items.0.item_id` anyway), and
 * `*` inside a pattern matches any run of characters, dots included (`x-ga-*`, `user_data.*`,
 * `*`). No key (getAllEventData) needs `any`.
 */
const readEventData: PermissionCheck = (params, keyPath) => {
  if (stringParam(params, 'eventDataAccess') === 'any') return undefined;
  const patterns = stringListParam(params, 'keyPatterns');
  if (keyPath === undefined) {
    return `does not allow reading all event data (eventDataAccess is specific; set it to any)`;
  }
  const key = String(keyPath);
  if (patterns.some((p) => keyMatches(p, key))) return undefined;
  return `does not allow reading event data key "${key}" (allowed keys: ${listForMessage(patterns)})`;
};

export function keyMatches(pattern: string, key: string): boolean {
  if (pattern === '*' || pattern === key || key.startsWith(`${pattern}.`)) return true;
  if (!pattern.includes('*')) return false;
  return wildcardMatch(pattern, key) || (key.includes('.') && wildcardMatch(`${pattern}.*`, key));
}

/**
 * Follows a dot path through objects and arrays. A key that itself contains dots (some vendor
 * keys do) wins when present as an own property of the root.
 */
export function readKeyPath(root: Record<string, unknown>, keyPath: string): unknown {
  if (Object.prototype.hasOwnProperty.call(root, keyPath)) return root[keyPath];
  let current: unknown = root;
  for (const segment of keyPath.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    // Arrays are indexed by number only (no "length").
    if (Array.isArray(current) && !/^\d+$/.test(segment)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

const eventCallbacks = new WeakMap<ApiContext, unknown[]>();

/** The callbacks addEventCallback registered during a run, in order. */
export function registeredEventCallbacks(ctx: ApiContext): unknown[] {
  return eventCallbacks.get(ctx) ?? [];
}

/**
 * Runs every registered event callback once with (containerId, {tags}); the runtime or the
 * local container calls this when every tag of the event has finished.
 */
export function fireEventCallbacks(
  ctx: ApiContext,
  containerId: string,
  eventData: Parameters<EventCallback>[1],
): void {
  const callbacks = registeredEventCallbacks(ctx);
  eventCallbacks.set(ctx, []);
  for (const callback of callbacks) ctx.callSandbox(callback, containerId, ctx.toSandbox(eventData));
}

export const family: ApiFamily = {
  name: 'event-data',
  permissions: {
    read_event_data: readEventData,
    read_event_metadata: () => undefined,
  },
  create(ctx) {
    const apis = {
      getAllEventData: () => {
        ctx.checkPermission('read_event_data', 'getAllEventData');
        return ctx.env.eventData;
      },
      getEventData: (keyPath: string) => {
        const key = String(keyPath);
        ctx.checkPermission('read_event_data', 'getEventData', key);
        return readKeyPath(ctx.env.eventData, key);
      },
      addEventCallback: (callback: EventCallback) => {
        if (typeof callback !== 'function') {
          throw new Error('addEventCallback: the argument must be a function (containerId, eventData) => void');
        }
        ctx.checkPermission('read_event_metadata', 'addEventCallback');
        const list = eventCallbacks.get(ctx) ?? [];
        list.push(callback);
        eventCallbacks.set(ctx, list);
      },
    } satisfies Pick<SandboxApis, 'getAllEventData' | 'getEventData' | 'addEventCallback'>;
    return apis;
  },
};
