/**
 * The contract between the runtime and the API modules.
 *
 * Each API family (http, event data, request, cookies, logging, storage, crypto, …) is one
 * module in this folder exporting an `ApiFamily`: its permission checks, its behaviour and its
 * recording side by side, so adding an API touches one file. The runtime (sandbox-shim/runtime/)
 * builds one `ApiContext` per tag run or test scenario and hands it to every family's `create`.
 */
import type { ContainerVersion, SandboxApiName } from '../sandbox-apis';
import type { ConsoleEntry, CookieSet, OutgoingRequest, Permission, PermissionMode, PreviewRecord, ScenarioWarning } from '../types';

/** The incoming request, normalised once by the runtime. */
export interface IncomingRequest {
  method: string;
  path: string;
  /** Raw query string without "?" ('' when none). */
  queryString: string;
  /** Lower-cased header name → values in arrival order. */
  headers: Record<string, string[]>;
  body?: string;
  remoteAddress?: string;
}

/** Everything about the world a template runs in; defaults filled by the runtime. */
export interface RunEnvironment {
  /** 'run': a tag firing in a container (preview or production). 'test': a ___TESTS___ scenario. */
  mode: 'run' | 'test';
  eventData: Record<string, unknown>;
  request: IncomingRequest;
  containerVersion: ContainerVersion;
  /** host → origin; applied after the send_http check on the original URL. */
  routes: Record<string, string>;
  /** In 'test' mode unmocked, unrouted network is refused unless this is true. */
  allowNetwork: boolean;
  permissionMode: PermissionMode;
  storage: Map<string, unknown>;
  now(): number;
  random(): number;
  /** The template's declared permissions. */
  permissions: Permission[];
  /** Template type from ___INFO___ (TAG, CLIENT, MACRO). */
  templateType: string;
  /** Name of the client that claimed the request, for getClientName (default ''). */
  clientName?: string;
  /** Firestore documents present before the run: document path → data (see docs/apis.md). */
  firestoreSeed?: Record<string, Record<string, unknown>>;
  /**
   * Called by runContainer with a host copy of the event; onComplete waits for the returned
   * promise, so a local server container can fire its tags for that event here.
   */
  onRunContainer?(event: Record<string, unknown>): Promise<unknown> | void;
  /**
   * Message listeners shared between runs (a client and the tags it runs for an event); each
   * entry calls back into the run that registered it. Default: a registry private to this run.
   */
  messageListeners?: Map<string, MessageListener[]>;
  /**
   * Performs an outgoing request (never rejects). Default: Node http/https in this thread; in an
   * execution unit, the unit's host does it, so nock, routes and recording behave as inline.
   */
  exchange?(request: ExchangeRequest): Promise<ExchangeOutcome>;
}

/** One outgoing HTTP exchange, as sendHttpRequest asks for it (after routing). */
export interface ExchangeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Aborts the exchange when its run ends while it is in flight (ApiContext.runEnd, or any AbortSignal). */
  signal?: AbortHook;
}

/**
 * The members of AbortSignal an exchange uses, so that an AbortSignal fits and the runtime can
 * give a light one instead (ApiContext.runEnd): making an AbortSignal costs a few µs (a prototype
 * change on a fresh EventTarget), and every run that sends a request needed one.
 */
export interface AbortHook {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export type ExchangeOutcome =
  | { statusCode: number; headers: Record<string, string | string[]>; body: string | undefined }
  | { reason: 'failed' | 'timed_out'; detail: string };

/** A host-callable message listener (addMessageListener stores these). */
export type MessageListener = (messageType: string, message: unknown) => void;

/** What a run records for the preview record. Families push into it; the runtime owns it. */
export interface Recorder {
  console(entry: ConsoleEntry): void;
  outgoingRequest(request: OutgoingRequest): void;
  cookieSet(cookie: CookieSet): void;
  /** Adds or replaces (value undefined removes) a response header. */
  responseHeader(name: string, value: string | string[] | undefined): void;
  /** Free-form extras (messagesSent, bigQueryInserts, firestoreWrites, responseStatus, responseBody, claimed…). */
  extra<K extends keyof PreviewRecord | string>(key: K, value: unknown): void;
  /** Appends to an array-valued extra (e.g. 'bigQueryInserts'). */
  append(key: string, value: unknown): void;
}

/** Thrown (into the sandbox) when an API is used outside the template's permissions. */
export class PermissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermissionError';
  }
}

export interface ApiContext {
  readonly env: RunEnvironment;
  readonly recorder: Recorder;
  /**
   * Enforces a permission for an API call: in 'strict' mode throws a PermissionError whose text
   * names the API, the permission and the fix; in 'warn' mode records a console warning; in
   * 'off' mode does nothing. Mocked APIs never reach this (the runtime bypasses them).
   */
  checkPermission(publicId: string, api: string, ...args: unknown[]): void;
  /** The same decision as a boolean, for queryPermission. */
  isAllowed(publicId: string, ...args: unknown[]): boolean;
  /**
   * Deep copy of a host value into the sandbox realm; host functions become sandbox callables.
   * Not for an API's return value: the runtime copies whatever an API returns into the realm
   * once, while a sandbox object an API returns is walked again to check that no host value was
   * put into it. For what reaches template code otherwise (callback arguments, promise results).
   */
  toSandbox<T>(value: T): T;
  /** Deep copy of a sandbox value out to the host (functions stay callable). */
  fromSandbox<T>(value: T): T;
  /** The sandbox realm's Promise constructor: promises handed to template code are the sandbox's own. */
  readonly Promise: PromiseConstructor;
  /**
   * `new Promise(executor)` of the sandbox realm without making the constructor and its statics
   * (the runtime makes those per run, on first use). Families use sandboxPromise(ctx, executor).
   */
  newPromise?<T>(executor: (resolve: (value: T) => void, reject: (reason: unknown) => void) => void): Promise<T>;
  /** Keeps the run alive until `work` settles; the runtime drains tracked work before a verdict. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Queues fn to run after the current code returns (callLater semantics, FIFO). */
  later(fn: () => void): void;
  /** Calls a sandbox function from host code (e.g. a callback); an error there becomes the run's uncaught error. */
  callSandbox(fn: unknown, ...args: unknown[]): unknown;
  /**
   * Builds a RegExp of the sandbox realm (createRegex), so that sandbox string methods
   * (match/replace/search/split) treat it as theirs. Optional: families fall back to a host
   * RegExp, which string methods accept too (Symbol.match is shared across realms).
   * It must still work after the realm's globals are removed (capture the realm's RegExp
   * first); test/apis/e2e.test.ts "createRegex …" fails with "RegExp is not defined" otherwise.
   */
  makeRegExp?(pattern: string, flags: string): RegExp;
  /**
   * Aborted when the run or scenario ends with work in flight: that work (HTTP requests…) should
   * stop and not call back. Only tracked work (ctx.track) may use it: a run that ends with none
   * pending aborts nothing. A real AbortSignal, for APIs that hand it to Node (fetch); an
   * exchange takes runEnd.
   */
  readonly signal?: AbortSignal;
  /** The same end of the run as `signal`, as a light AbortHook (what ExchangeRequest.signal takes). */
  readonly runEnd?: AbortHook;
}

/**
 * APIs (or methods of object APIs) marked here receive the sandbox's own argument values instead
 * of host copies: Object.freeze and Object.delete must act on the caller's object, and
 * Object.values keeps element identity. The runtime checks `SANDBOX_ARGUMENTS.has(fn)` where it
 * wraps host functions for the sandbox; such functions must never hand host objects back.
 */
export const SANDBOX_ARGUMENTS = new WeakSet<Function>();

/** A sandbox promise that host code settles: what `new ctx.Promise(executor)` makes. */
export function sandboxPromise<T>(ctx: ApiContext, executor: (resolve: (value: T) => void, reject: (reason: unknown) => void) => void): Promise<T> {
  return ctx.newPromise ? ctx.newPromise(executor) : new ctx.Promise<T>(executor);
}

export function takesSandboxArguments<F extends Function>(fn: F): F {
  SANDBOX_ARGUMENTS.add(fn);
  return fn;
}

/**
 * A permission check: undefined when the call is allowed by these decoded params, otherwise the
 * reason, written to follow "<publicId> " — e.g. `does not allow https://x (allowed: https://a/*)`.
 */
export type PermissionCheck = (params: Record<string, unknown>, ...args: unknown[]) => string | undefined;

export interface ApiFamily {
  /** e.g. 'http', 'event-data'. */
  name: string;
  /** publicId → check, for the permissions this family's APIs need. */
  permissions?: Record<string, PermissionCheck>;
  /** The APIs this family provides, bound to one run. Keys are `require` names. */
  create(ctx: ApiContext): Partial<Record<SandboxApiName, unknown>>;
  /**
   * Pure APIs (no permission, no host resource) again as sandbox code: the source of
   * `(function (natives) { return { apiName: …, … }; })`, run once in each realm with the realm's
   * own built-ins (see realm.ts `natives`). A run that records no calls (runTemplate; test
   * code's own require) gets these, so a call neither crosses the boundary nor copies its
   * arguments; ___TESTS___ template code, whose calls assertApi sees and mocks replace, keeps
   * `create`'s. Both must behave the same (test/apis/in-realm-apis.test.ts compares them).
   */
  inRealm?: string;
}

/** The extras key under which a test scenario collects its warnings (see testWarning). */
export const TEST_WARNINGS = 'testWarnings';

/**
 * Records a warning for the running test scenario instead of failing it: the test runner lists
 * these per scenario (text and --json). Only meaningful in 'test' mode.
 */
export function testWarning(ctx: ApiContext, warning: Omit<ScenarioWarning, 'scenario'>): void {
  ctx.recorder.append(TEST_WARNINGS, warning);
}
