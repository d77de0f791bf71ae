/**
 * The local server container's configuration: defaults, then `sgtm.config.json` (or --config),
 * then environment variables. Every problem is reported with the key and the fix.
 */
import fs from 'fs';
import path from 'path';
import type { FaultOptions } from '../mock-tiktok/faults';
import { checkFaultOptions } from '../mock-tiktok/faults';
import type { PermissionMode } from '../../sandbox-shim/types';
import { cannotRead } from '../../sandbox-shim/cli/read-text';
import { isObject } from '../../sandbox-shim/template/is-object';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const TIKTOK_HOST = 'business-api.tiktok.com';

export interface ServerConfig {
  host: string;
  port: number;
  /** Path of the tag template (.tpl), relative to the repo root or absolute. */
  template: string;
  tag: {
    /** Name shown in preview (the tag's own log lines carry the tagName field). */
    name: string;
    /** The tag's field values (`data`), e.g. pixelCode, accessToken, timeoutMs. */
    fields: Record<string, unknown>;
    /** Field names whose values are secrets (redacted everywhere). Fields named like *token* or *secret* always are. */
    secretFields: string[];
  };
  tiktok: {
    /** `mock`: route business-api.tiktok.com to the embedded mock (default). `real`: the real API. */
    target: 'mock' | 'real';
    /** An already-running mock to use instead of starting one (e.g. `sgtm mock-tiktok`). */
    mockUrl?: string;
    mock: {
      port: number;
      faults: FaultOptions;
      accessToken?: string;
      pixelCodes?: string[];
      /** Event ids the mock remembers for duplicate counting (default 200,000; oldest forgotten first). */
      maxTrackedEventIds?: number;
    };
  };
  /** `preview` makes getContainerVersion() report previewMode/debugMode (the tag then logs request/response lines). */
  mode: 'preview' | 'production';
  containerId: string;
  /** Ms before a tag that called neither gtmOnSuccess nor gtmOnFailure ends as `timeout`. */
  tagTimeoutMs: number;
  /** Tag runs at once; further events wait their turn (the shim is CPU-bound). */
  maxConcurrentTags: number;
  /** Worker threads that run the shim; 0 runs it on the main thread, "auto" one per core (max 4). */
  workers: number | 'auto';
  permissions: PermissionMode;
  preview: {
    /** Incoming requests kept for /preview (oldest dropped first). */
    maxRequests: number;
    /** Longest request body kept in preview, bytes. */
    maxBodyBytes: number;
    /**
     * Token the preview (/preview, /preview.json, /preview/stream) asks for. Null: none on a
     * loopback address; on any other address one is made up at start and printed.
     */
    token: string | null;
  };
  logs: {
    /** JSON lines file of the tag's health logs; null for none. */
    file: string | null;
    /** Also print log lines to stdout. */
    stdout: boolean;
  };
  limits: {
    /** Largest accepted request body, bytes. */
    maxBodyBytes: number;
  };
  ga4: {
    /** Add a decoded consent_state object next to x-ga-gcs/x-ga-gcd. */
    consentState: boolean;
  };
}

export type ServerConfigInput = DeepPartial<ServerConfig>;
type DeepPartial<T> = { [K in keyof T]?: T[K] extends Record<string, unknown> ? DeepPartial<T[K]> : T[K] };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A placeholder token accepted by the embedded mock; never valid against the real API. */
export const LOCAL_TOKEN = 'local-mock-token';
export const LOCAL_PIXEL = 'CLOCALPIXEL0001';

export function defaultConfig(): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 8080,
    template: 'template/template.tpl',
    tag: {
      name: 'TikTok Events API',
      fields: { accessToken: LOCAL_TOKEN, pixelCode: LOCAL_PIXEL, eventSource: 'web', loggingLevel: 'standard' },
      secretFields: ['accessToken'],
    },
    tiktok: { target: 'mock', mockUrl: undefined, mock: { port: 0, faults: {} } },
    mode: 'preview',
    containerId: 'GTM-LOCAL',
    tagTimeoutMs: 20000,
    maxConcurrentTags: 8,
    workers: 'auto',
    permissions: 'strict',
    preview: { maxRequests: 200, maxBodyBytes: 16384, token: null },
    logs: { file: 'logs/health.jsonl', stdout: true },
    limits: { maxBodyBytes: 1024 * 1024 },
    ga4: { consentState: false },
  };
}


/** Deep merge of plain objects; arrays and scalars replace. Unknown keys are an error (typos would silently do nothing). */
function merge(base: Record<string, unknown>, over: Record<string, unknown>, at: string, open: Set<string>): void {
  for (const [key, value] of Object.entries(over)) {
    const where = at ? `${at}.${key}` : key;
    if (value === undefined) continue;
    if (!(key in base) && !open.has(at)) {
      throw new ConfigError(`config: unknown key "${where}" (known: ${Object.keys(base).map((k) => (at ? `${at}.${k}` : k)).join(', ')})`);
    }
    const current = base[key];
    if (isObject(current)) {
      if (!isObject(value)) throw new ConfigError(`config: "${where}" must be an object`);
      merge(current, value, where, open);
    } else {
      base[key] = value;
    }
  }
}

/** Objects that accept keys of their own (tag fields, mock options, fault options). */
const OPEN = new Set(['tag.fields', 'tiktok.mock.faults', 'tiktok.mock']);

export function resolveConfig(input: ServerConfigInput = {}, env: NodeJS.ProcessEnv = {}): ServerConfig {
  const config = defaultConfig();
  if (!isObject(input)) throw new ConfigError('config: must be a JSON object');
  const over = structuredClone(input) as Record<string, unknown>;
  merge(config as unknown as Record<string, unknown>, over, '', OPEN);
  applyEnv(config, env);
  check(config);
  return config;
}

function applyEnv(config: ServerConfig, env: NodeJS.ProcessEnv): void {
  if (env.PORT !== undefined && env.PORT !== '') config.port = numberFrom('PORT', env.PORT);
  if (env.HOST) config.host = env.HOST;
  if (env.SGTM_TEMPLATE) config.template = env.SGTM_TEMPLATE;
  if (env.SGTM_LOG_FILE !== undefined) config.logs.file = env.SGTM_LOG_FILE === '' ? null : env.SGTM_LOG_FILE;
  if (env.TIKTOK_API !== undefined && env.TIKTOK_API !== '') {
    if (env.TIKTOK_API !== 'real' && env.TIKTOK_API !== 'mock') throw new ConfigError(`TIKTOK_API must be "real" or "mock" (got "${env.TIKTOK_API}")`);
    config.tiktok.target = env.TIKTOK_API;
  }
  if (env.TIKTOK_ACCESS_TOKEN) config.tag.fields.accessToken = env.TIKTOK_ACCESS_TOKEN;
  if (env.TIKTOK_PIXEL_CODE) config.tag.fields.pixelCode = env.TIKTOK_PIXEL_CODE;
  if (env.SGTM_PREVIEW_TOKEN) config.preview.token = env.SGTM_PREVIEW_TOKEN;
  if (env.MOCK_TIKTOK_URL) config.tiktok.mockUrl = env.MOCK_TIKTOK_URL;
}

function numberFrom(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n)) throw new ConfigError(`${name} must be an integer (got "${text}")`);
  return n;
}

function check(config: ServerConfig): void {
  const int = (v: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new ConfigError(`config: "${name}" must be an integer from ${min} to ${max} (got ${JSON.stringify(v)})`);
  };
  int(config.port, 'port', 0, 65535);
  int(config.tiktok.mock.port, 'tiktok.mock.port', 0, 65535);
  int(config.tagTimeoutMs, 'tagTimeoutMs', 1);
  int(config.maxConcurrentTags, 'maxConcurrentTags', 1, 1000);
  if (config.workers !== 'auto') int(config.workers, 'workers', 0, 64);
  int(config.preview.maxRequests, 'preview.maxRequests', 1, 100000);
  int(config.preview.maxBodyBytes, 'preview.maxBodyBytes', 0);
  int(config.limits.maxBodyBytes, 'limits.maxBodyBytes', 1);
  if (typeof config.template !== 'string' || config.template === '') throw new ConfigError('config: "template" must be the path of a .tpl file');
  if (config.tiktok.target !== 'mock' && config.tiktok.target !== 'real') throw new ConfigError(`config: "tiktok.target" must be "mock" or "real" (got ${JSON.stringify(config.tiktok.target)})`);
  if (config.mode !== 'preview' && config.mode !== 'production') throw new ConfigError(`config: "mode" must be "preview" or "production" (got ${JSON.stringify(config.mode)})`);
  if (!['strict', 'warn', 'off'].includes(config.permissions)) throw new ConfigError(`config: "permissions" must be strict, warn or off (got ${JSON.stringify(config.permissions)})`);
  if (!isObject(config.tag.fields)) throw new ConfigError('config: "tag.fields" must be an object of the tag\'s field values');
  if (!Array.isArray(config.tag.secretFields) || config.tag.secretFields.some((f) => typeof f !== 'string')) throw new ConfigError('config: "tag.secretFields" must be an array of field names');
  if (config.logs.file !== null && typeof config.logs.file !== 'string') throw new ConfigError('config: "logs.file" must be a path or null');
  if (config.tiktok.mockUrl !== undefined && !isHttpUrl(config.tiktok.mockUrl)) {
    throw new ConfigError(`config: "tiktok.mockUrl" must be the http(s) URL of a running mock, e.g. "http://127.0.0.1:9401" (got ${JSON.stringify(config.tiktok.mockUrl)})`);
  }
  const token = config.preview.token;
  if (token !== null && (typeof token !== 'string' || token.length < 16 || /\s/.test(token))) {
    throw new ConfigError('config: "preview.token" must be a string of at least 16 characters without spaces (or null), e.g. from: openssl rand -hex 16');
  }
  const faultProblem = checkFaultOptions(config.tiktok.mock.faults ?? {});
  if (faultProblem) throw new ConfigError(`config: tiktok.mock.faults: ${faultProblem}`);
  if (config.tiktok.target === 'real') {
    const token = config.tag.fields.accessToken;
    if (typeof token !== 'string' || token === '' || token === LOCAL_TOKEN) {
      throw new ConfigError('TIKTOK_API=real needs a real access token: set TIKTOK_ACCESS_TOKEN or tag.fields.accessToken in the config');
    }
    const pixel = config.tag.fields.pixelCode;
    if (typeof pixel !== 'string' || pixel === '' || pixel === LOCAL_PIXEL) {
      throw new ConfigError('TIKTOK_API=real needs your pixel code: set TIKTOK_PIXEL_CODE or tag.fields.pixelCode in the config');
    }
  }
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Reads a config file; a missing default file is fine, a missing explicit one is not. */
export function loadConfigFile(file: string | undefined, cwd = process.cwd()): ServerConfigInput {
  const explicit = file !== undefined;
  const target = path.resolve(cwd, file ?? 'sgtm.config.json');
  let text: string;
  try {
    text = fs.readFileSync(target, 'utf8');
  } catch (err) {
    if (!explicit && (err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(cannotRead(target, err));
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${target} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Field names whose values are secrets whatever the config says. */
export const SECRET_NAME = /token|secret|password|api_?key/i;

/** Values that must never be shown: the secret fields plus any field named like a token or secret. */
export function secretsOf(config: ServerConfig): string[] {
  const names = new Set(config.tag.secretFields);
  for (const key of Object.keys(config.tag.fields)) if (SECRET_NAME.test(key)) names.add(key);
  const values: string[] = [];
  for (const name of names) {
    const v = config.tag.fields[name];
    if (typeof v === 'string' && v.length >= 4) values.push(v);
  }
  return values;
}

export function resolvePath(p: string): string {
  return path.isAbsolute(p) ? p : path.resolve(REPO_ROOT, p);
}
