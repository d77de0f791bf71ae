/** Fills a RunEnvironment from run or test options, with the defaults documented in docs/shim.md. */
import type { IncomingRequest, RunEnvironment } from '../apis/family';
import type { ContainerVersion } from '../sandbox-apis';
import type { ParsedTemplate, PermissionMode, RequestFixture } from '../types';
import { defineOwn } from './own-property';

/** Run mode mirrors a preview session (what the record shows); pass containerVersion to change it. */
export const RUN_CONTAINER_VERSION: ContainerVersion = {
  containerId: 'GTM-SHIM',
  debugMode: false,
  environmentMode: false,
  environmentName: '',
  previewMode: true,
  version: '0',
};

/** The template editor's test environment, as far as the spec can tell (§5.1, a guess). */
export const TEST_CONTAINER_VERSION: ContainerVersion = {
  containerId: '',
  debugMode: true,
  environmentMode: false,
  environmentName: '',
  previewMode: true,
  version: '0',
};

export function normalizeRequest(fixture: RequestFixture = {}): IncomingRequest {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(fixture.headers ?? {})) {
    const key = name.toLowerCase();
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    // A header may be named __proto__ (any token is a valid name): keep it an own key.
    const earlier = Object.prototype.hasOwnProperty.call(headers, key) ? headers[key] : [];
    defineOwn(headers, key, [...earlier, ...values]);
  }
  let queryString = '';
  if (typeof fixture.query === 'string') {
    queryString = fixture.query.replace(/^\?/, '');
  } else if (fixture.query && typeof fixture.query === 'object') {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(fixture.query)) {
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, String(v));
    }
    queryString = params.toString();
  }
  let path = fixture.path ?? '/';
  const q = path.indexOf('?');
  if (q !== -1) {
    if (!queryString) queryString = path.slice(q + 1);
    path = path.slice(0, q);
  }
  return {
    method: (fixture.method ?? 'GET').toUpperCase(),
    path: path || '/',
    queryString,
    headers,
    body: fixture.body,
    remoteAddress: fixture.remoteAddress,
  };
}

export interface EnvironmentInput {
  eventData?: Record<string, unknown>;
  request?: RequestFixture;
  containerVersion?: Partial<ContainerVersion>;
  routes?: Record<string, string>;
  allowNetwork?: boolean;
  permissions?: PermissionMode;
  storage?: Map<string, unknown>;
  now?: () => number;
  random?: () => number;
}

export function buildEnvironment(mode: 'run' | 'test', template: ParsedTemplate, input: EnvironmentInput): RunEnvironment {
  const base = mode === 'run' ? RUN_CONTAINER_VERSION : TEST_CONTAINER_VERSION;
  return {
    mode,
    eventData: input.eventData ?? {},
    request: normalizeRequest(input.request),
    containerVersion: { ...base, ...(input.containerVersion ?? {}) },
    routes: input.routes ?? {},
    allowNetwork: input.allowNetwork ?? mode === 'run',
    permissionMode: input.permissions ?? 'strict',
    storage: input.storage ?? new Map(),
    now: input.now ?? Date.now,
    random: input.random ?? Math.random,
    permissions: template.permissions ?? [],
    templateType: String(template.info?.type ?? 'TAG'),
  };
}

/** `--production`: what getContainerVersion returns outside preview. */
export const PRODUCTION_CONTAINER_VERSION: Partial<ContainerVersion> = { debugMode: false, previewMode: false };
