/**
 * Types of every GTM server sandbox API, as template code sees it through `require(name)`.
 *
 * One file for both sides: the tag sources in `src/` are written against these types, and the
 * shim's API modules in `sandbox-shim/apis/` implement them (`satisfies` checks keep them honest).
 * Spec: ../shared/docs/gtm-sandbox-spec.md §2.
 */

export type SandboxType = 'undefined' | 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'function';

/** A promise as the sandbox exposes it (Promise.create / Promise.all / sendHttpRequest). */
export interface SandboxPromise<T> {
  then<R = T, E = never>(onFulfilled?: (value: T) => R | SandboxPromise<R>, onRejected?: (reason: any) => E | SandboxPromise<E>): SandboxPromise<R | E>;
  catch<E = never>(onRejected: (reason: any) => E | SandboxPromise<E>): SandboxPromise<T | E>;
  finally(onFinally: () => void): SandboxPromise<T>;
}

export type HttpHeaders = Record<string, string>;
/** Response headers: lower-cased names; `set-cookie` is an array. */
export type HttpResponseHeaders = Record<string, string | string[]>;

export interface HttpRequestOptions {
  method?: string;
  headers?: HttpHeaders;
  /** Milliseconds; default 15000. */
  timeout?: number;
  authorization?: GoogleAuth;
}

export interface HttpResponse {
  statusCode: number;
  headers: HttpResponseHeaders;
  body: string | undefined;
}

export interface HttpFailure {
  reason: 'failed' | 'timed_out';
}

/** Callback form: status 0 on transport failure, -1 on timeout. */
export type HttpCallback = (statusCode: number, headers: HttpResponseHeaders | undefined, body: string | undefined) => void;

export interface SendHttpRequest {
  (url: string, callback: HttpCallback, options?: HttpRequestOptions, body?: string): void;
  (url: string, options?: HttpRequestOptions, body?: string): SandboxPromise<HttpResponse>;
}

export interface SendHttpGet {
  (url: string, callback: HttpCallback, options?: HttpRequestOptions): void;
  (url: string, options?: HttpRequestOptions): SandboxPromise<HttpResponse>;
}

export interface CookieOptions {
  domain?: string;
  path?: string;
  'max-age'?: number;
  expires?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: 'strict' | 'lax' | 'none' | 'Strict' | 'Lax' | 'None';
  fallbackDomain?: string;
}

export interface ContainerVersion {
  containerId: string;
  debugMode: boolean;
  environmentMode: boolean;
  environmentName: string;
  previewMode: boolean;
  version: string;
}

export interface ParsedUrl {
  href: string;
  origin: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  /** Plain object of decoded values; an array for a repeated key. */
  searchParams: Record<string, string | string[]>;
  hash: string;
}

export interface SandboxJson {
  /** Returns undefined for malformed input instead of throwing. */
  parse(text: unknown): any;
  /** Returns undefined for cyclic input. */
  stringify(value: unknown): string | undefined;
}

export interface SandboxMath {
  abs(x: unknown): number;
  ceil(x: unknown): number;
  floor(x: unknown): number;
  round(x: unknown): number;
  max(...xs: unknown[]): number;
  min(...xs: unknown[]): number;
  pow(x: unknown, y: unknown): number;
  sqrt(x: unknown): number;
}

export interface SandboxObject {
  keys(obj: unknown): string[];
  values(obj: unknown): unknown[];
  entries(obj: unknown): [string, unknown][];
  freeze<T>(obj: T): T;
  delete(obj: unknown, key: string): boolean;
}

export interface SandboxPromiseApi {
  create<T>(resolver: (resolve: (value: T) => void, reject: (reason: unknown) => void) => void): SandboxPromise<T>;
  all(values: unknown[]): SandboxPromise<unknown[]>;
}

export interface SandboxRegex {
  readonly __sandboxRegex: true;
}

export interface TemplateDataStorage {
  getItemCopy(key: string): unknown;
  setItemCopy(key: string, value: unknown): void;
  removeItem(key: string): void;
  clear(): void;
}

export interface GoogleAuth {
  readonly scopes: string[];
}

export interface BigQueryConnection {
  projectId?: string;
  datasetId: string;
  tableId: string;
}

export interface BigQueryApi {
  insert(connection: BigQueryConnection, rows: object[], options?: { ignoreUnknownValues?: boolean; skipInvalidRows?: boolean }): SandboxPromise<void>;
}

export interface FirestoreOptions {
  projectId?: string;
  databaseId?: string;
  disableCache?: boolean;
  merge?: boolean;
  limit?: number;
  transaction?: string;
}

export interface FirestoreApi {
  read(path: string, options?: FirestoreOptions): SandboxPromise<{ id: string; data: object }>;
  write(path: string, data: object, options?: FirestoreOptions): SandboxPromise<string>;
  query(collection: string, queries: [string, string, unknown][], options?: FirestoreOptions): SandboxPromise<{ id: string; data: object }[]>;
  runTransaction(callback: (transaction: string) => SandboxPromise<unknown>, options?: FirestoreOptions): SandboxPromise<unknown>;
}

export type EventCallback = (containerId: string, eventData: { tags: { id: string; status: 'success' | 'failure' | 'exception' | 'timeout'; executionTime: number }[] }) => void;

/** Every server API, keyed by the name passed to `require`. */
export interface SandboxApis {
  // HTTP
  sendHttpRequest: SendHttpRequest;
  sendHttpGet: SendHttpGet;
  sendPixelFromBrowser: (url: string) => boolean;
  // Event data
  getAllEventData: () => Record<string, unknown>;
  getEventData: (keyPath: string) => unknown;
  addEventCallback: (callback: EventCallback) => void;
  // Incoming request
  getRequestHeader: (name: string) => string | undefined;
  getRequestBody: () => string | undefined;
  getRequestPath: () => string;
  getRequestMethod: () => string;
  getRequestQueryParameters: () => Record<string, string | string[]>;
  getRequestQueryParameter: (name: string) => string | undefined;
  getRequestQueryString: () => string;
  getRemoteAddress: () => string | undefined;
  // Cookies
  getCookieValues: (name: string, noDecode?: boolean) => string[];
  setCookie: (name: string, value: string, options?: CookieOptions, noEncode?: boolean) => void;
  // Logging and container
  logToConsole: (...args: unknown[]) => void;
  getContainerVersion: () => ContainerVersion;
  getClientName: () => string;
  queryPermission: (permission: string, ...args: unknown[]) => boolean;
  // Crypto
  sha256Sync: (input: string, options?: { outputEncoding?: 'base64' | 'hex' }) => string;
  sha256: (input: string, onSuccess: (digest: string) => void, options?: { outputEncoding?: 'base64' | 'hex' }) => void;
  hmacSha256: (data: string, keyId: string, options?: { outputEncoding?: 'hex' | 'base64' | 'base64url' }) => string;
  // Values
  makeString: (value: unknown) => string;
  makeNumber: (value: unknown) => number;
  makeInteger: (value: unknown) => number;
  makeTableMap: (table: unknown, keyColumn: string, valueColumn: string) => Record<string, unknown> | null;
  getType: (value: unknown) => SandboxType;
  JSON: SandboxJson;
  Math: SandboxMath;
  Object: SandboxObject;
  Promise: SandboxPromiseApi;
  createRegex: (pattern: string, flags?: string) => SandboxRegex | null;
  testRegex: (regex: SandboxRegex, value: string) => boolean;
  // Encoding and URLs
  parseUrl: (url: string) => ParsedUrl | undefined;
  encodeUri: (value: string) => string;
  encodeUriComponent: (value: string) => string;
  decodeUri: (value: string) => string | undefined;
  decodeUriComponent: (value: string) => string | undefined;
  toBase64: (value: string, options?: { urlEncoding?: boolean }) => string;
  fromBase64: (value: string) => string | undefined;
  computeEffectiveTldPlusOne: (domainOrUrl: string) => string;
  // Time and randomness
  getTimestampMillis: () => number;
  getTimestamp: () => number;
  generateRandom: (min: number, max: number) => number;
  callLater: (fn: () => void) => void;
  // Storage and Google Cloud
  templateDataStorage: TemplateDataStorage;
  getGoogleAuth: (options: { scopes: string[] }) => GoogleAuth;
  BigQuery: BigQueryApi;
  Firestore: FirestoreApi;
  sendEventToGoogleAnalytics: (event: object) => SandboxPromise<{ location?: string }>;
  // Client-only
  claimRequest: () => void;
  returnResponse: () => void;
  runContainer: (event: object, onComplete?: (bindToEvent: (fn: Function) => Function) => void, onStart?: (bindToEvent: (fn: Function) => Function) => void) => void;
  isRequestMpv1: () => boolean;
  isRequestMpv2: () => boolean;
  extractEventsFromMpv1: () => object[];
  extractEventsFromMpv2: () => object[];
  setResponseStatus: (statusCode: number) => void;
  setResponseHeader: (name: string, value: string | null | undefined) => void;
  setResponseBody: (body: string, encoding?: string) => void;
  setPixelResponse: () => void;
  getGoogleScript: (script: 'ANALYTICS' | 'GTAG' | 'GTM', callback: (script: string, metadata: object) => void, options?: object) => void;
  // Messaging
  addMessageListener: (messageType: string, callback: (messageType: string, message: unknown) => void) => void;
  hasMessageListener: (messageType: string) => boolean;
  sendMessage: (messageType: string, message: unknown) => void;
}

export type SandboxApiName = keyof SandboxApis;

/** `data` of a tag: the field values plus the two completion callbacks GTM injects. */
export interface TagData {
  gtmOnSuccess: () => void;
  gtmOnFailure: () => void;
  [field: string]: unknown;
}

/** The `require` template code sees. */
export type SandboxRequire = <K extends SandboxApiName>(name: K) => SandboxApis[K];
