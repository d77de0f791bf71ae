/**
 * A small stand-in for the runtime's ApiContext, for unit tests of the API families: deep copies
 * across the "boundary", the host Promise, a recorder that collects into arrays, and a
 * permission engine that runs the families' own checks against a Permission[].
 */
import type { ApiContext, ApiFamily, RunEnvironment } from '../../sandbox-shim/apis/family';
import { PermissionError } from '../../sandbox-shim/apis/family';
import type { ConsoleEntry, CookieSet, Permission, PermissionMode } from '../../sandbox-shim/types';
import { family as eventData } from '../../sandbox-shim/apis/event-data';
import { family as request } from '../../sandbox-shim/apis/request';
import { family as cookies } from '../../sandbox-shim/apis/cookies';
import { family as logging } from '../../sandbox-shim/apis/logging';
import { family as container } from '../../sandbox-shim/apis/container';
import { family as crypto } from '../../sandbox-shim/apis/crypto';
import { family as values } from '../../sandbox-shim/apis/values';
import { family as encoding } from '../../sandbox-shim/apis/encoding';
import { family as time } from '../../sandbox-shim/apis/time';
import { family as promise } from '../../sandbox-shim/apis/promise';
import { family as storage } from '../../sandbox-shim/apis/storage';
import { family as googleCloud } from '../../sandbox-shim/apis/google-cloud';
import { family as client } from '../../sandbox-shim/apis/client';
import { family as messaging } from '../../sandbox-shim/apis/messaging';

export const FAMILIES: ApiFamily[] = [
  eventData, request, cookies, logging, container, crypto, values, encoding, time, promise, storage, googleCloud, client, messaging,
];

/** Permission shorthand: perm('read_event_data', {eventDataAccess: 'any'}). */
export function perm(publicId: string, params: Record<string, unknown> = {}): Permission {
  return { publicId, params };
}

export interface FakeRunOptions {
  env?: Partial<RunEnvironment>;
  permissions?: Permission[];
  mode?: PermissionMode;
}

export interface FakeRun {
  ctx: ApiContext;
  // The APIs as template code would call them.
  apis: Record<string, any>;
  console: ConsoleEntry[];
  cookies: CookieSet[];
  responseHeaders: Record<string, string | string[]>;
  extras: Record<string, unknown>;
  /** Errors thrown by callbacks run through callSandbox (the run's uncaught errors). */
  uncaught: unknown[];
  /** Runs callLater work and waits for tracked promises until nothing is left. */
  drain(): Promise<void>;
}

export function deepCopy<T>(value: T, seen = new Map<unknown, unknown>()): T {
  if (value === null || typeof value !== 'object') return value;
  if (Object.prototype.toString.call(value) === '[object RegExp]') return value;
  if (seen.has(value)) return seen.get(value) as T;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(deepCopy(item, seen));
    return out as T;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = deepCopy(v, seen);
  return out as T;
}

export function defaultEnv(overrides: Partial<RunEnvironment> = {}): RunEnvironment {
  return {
    mode: 'run',
    eventData: {},
    request: { method: 'GET', path: '/', queryString: '', headers: {} },
    containerVersion: {
      containerId: 'GTM-TEST',
      debugMode: false,
      environmentMode: false,
      environmentName: '',
      previewMode: false,
      version: '7',
    },
    routes: {},
    allowNetwork: false,
    permissionMode: 'strict',
    storage: new Map(),
    now: () => 1700000000123,
    random: () => 0.5,
    permissions: [],
    templateType: 'TAG',
    ...overrides,
  };
}

export function fakeRun(options: FakeRunOptions = {}): FakeRun {
  const env = defaultEnv({ ...options.env, permissions: options.permissions ?? options.env?.permissions ?? [], permissionMode: options.mode ?? options.env?.permissionMode ?? 'strict' });
  const checks = new Map<string, (params: Record<string, unknown>, ...args: unknown[]) => string | undefined>();
  for (const f of FAMILIES) for (const [id, check] of Object.entries(f.permissions ?? {})) checks.set(id, check);

  const consoleEntries: ConsoleEntry[] = [];
  const cookieSets: CookieSet[] = [];
  const responseHeaders: Record<string, string | string[]> = {};
  const extras: Record<string, unknown> = {};
  const uncaught: unknown[] = [];
  const laterQueue: (() => void)[] = [];
  const pending = new Set<Promise<unknown>>();

  const decide = (publicId: string, args: unknown[]): string | undefined => {
    const declared = env.permissions.find((p) => p.publicId === publicId);
    if (!declared) return `requires the ${publicId} permission; declare it in ___SERVER_PERMISSIONS___`;
    const check = checks.get(publicId);
    const reason = check ? check(declared.params, ...args) : undefined;
    return reason === undefined ? undefined : `${publicId} ${reason}`;
  };

  const ctx: ApiContext = {
    env,
    recorder: {
      console: (entry) => consoleEntries.push(entry),
      outgoingRequest: () => undefined,
      cookieSet: (cookie) => cookieSets.push(cookie),
      responseHeader: (name, value) => {
        if (value === undefined) delete responseHeaders[name];
        else responseHeaders[name] = value;
      },
      extra: (key, value) => {
        extras[key as string] = value;
      },
      append: (key, value) => {
        const list = (extras[key] as unknown[] | undefined) ?? [];
        list.push(value);
        extras[key] = list;
      },
    },
    checkPermission(publicId, api, ...args) {
      if (env.permissionMode === 'off') return;
      const problem = decide(publicId, args);
      if (problem === undefined) return;
      const message = `${api}: ${problem}`;
      if (env.permissionMode === 'strict') throw new PermissionError(message);
      consoleEntries.push({ level: 'warn', message });
    },
    isAllowed(publicId, ...args) {
      return env.permissionMode === 'off' || decide(publicId, args) === undefined;
    },
    toSandbox: (value) => deepCopy(value),
    fromSandbox: (value) => deepCopy(value),
    Promise,
    track(work) {
      pending.add(work);
      const done = () => pending.delete(work);
      work.then(done, done);
      return work;
    },
    later: (fn) => laterQueue.push(fn),
    callSandbox(fn, ...args) {
      try {
        return (fn as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        uncaught.push(error);
        return undefined;
      }
    },
  };

  const apis: Record<string, any> = {};
  for (const f of FAMILIES) Object.assign(apis, f.create(ctx));

  return {
    ctx,
    apis,
    console: consoleEntries,
    cookies: cookieSets,
    responseHeaders,
    extras,
    uncaught,
    async drain() {
      for (let round = 0; round < 1000; round++) {
        await new Promise((r) => setImmediate(r));
        if (laterQueue.length) {
          laterQueue.splice(0).forEach((fn) => fn());
          continue;
        }
        if (pending.size === 0) return;
      }
      throw new Error('fake run did not settle after 1000 rounds');
    },
  };
}
