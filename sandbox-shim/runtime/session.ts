/**
 * One run of template code (a tag firing, or one ___TESTS___ scenario): the realm, the APIs the
 * families provide for it, `require`, mocks and recorded calls, the permission engine, what the
 * run records, and the async work it must drain before a verdict.
 */
import { PermissionError, SANDBOX_ARGUMENTS, type AbortHook, type ApiContext, type Recorder, type RunEnvironment } from '../apis/family';
import { getRegistry } from '../apis/index';
import type { ConsoleEntry, CookieSet, OutgoingRequest } from '../types';
import { OBJECT_APIS, SERVER_API_NAMES } from './api-names';
import { describeError, type CodeSource } from './compile';
import { inRealmApi } from './in-realm-apis';
import { defineOwn } from './own-property';
import { PermissionEngine } from './permissions';
import { Realm, type RealmCore, type RealmHost } from './realm';
import { watchRejections, type RejectionOwner } from './unhandled';

export interface RecordedState {
  outgoingRequests: OutgoingRequest[];
  console: ConsoleEntry[];
  cookiesSet: CookieSet[];
  responseHeaders: Record<string, string | string[]>;
  extras: Record<string, unknown>;
}

export interface Mock {
  value: unknown;
  /** Set by mockObject: the value is the API object itself. */
  viaMockObject: boolean;
}

/** The least time one synchronous entry into sandbox code gets from the watchdog. */
export const MIN_GUARDED_MS = 100;

/** API name → index of the family that provides it (learnt once per process, from the first session). */
let apiFamilyIndex: Map<string, number> | undefined;

function indexApiFamilies(families: readonly { create(ctx: ApiContext): object }[], ctx: ApiContext): Map<string, number> {
  const index = new Map<string, number>();
  families.forEach((family, at) => {
    for (const key of Object.keys(family.create(ctx))) index.set(key, at);
  });
  return index;
}

/** The abort reason of every run's signal (made once: an abort without a reason builds a DOMException). */
const RUN_OVER = Object.freeze({ reason: 'the run ended' });

/**
 * How deep one mock may be entered again before it returns. A mock that reaches itself (through
 * runCode, or a captured template function) would otherwise churn to a stack overflow for a
 * second; real suites nest a mock at most a few levels (a runCode inside a callback).
 */
export const MAX_MOCK_DEPTH = 32;

/**
 * Whose `require` this is. The template's own sees mocks and is recorded for assertApi. Test
 * code's (setup and scenarios) gets the real APIs, unrecorded and without the template's
 * permission checks: in GTM's editor `mock()` replaces what the template gets, so a suite can
 * take `const log = require('logToConsole')` in setup and call it from its logToConsole mock.
 */
export type RequireCaller = 'template' | 'test';

const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The handlers a runner gives a session. Given as one object (see Session.handle) rather than
 * assigned one by one as `session.onError = (err) => …`: V8 allocates a function literal assigned
 * to a property straight into the old generation, and such a closure, once its run is over,
 * stays a root for every young-generation GC and keeps the whole run alive until the next full GC.
 */
export interface SessionHandlers {
  onError?: (err: unknown) => void;
  onPermissionViolation?: (message: string) => void;
  onConsole?: (entry: ConsoleEntry) => void;
  timeBudget?: () => number;
  onEnter?: () => void;
}

export class Session implements RealmHost, RejectionOwner {
  readonly realm: Realm;
  readonly state: RecordedState = { outgoingRequests: [], console: [], cookiesSet: [], responseHeaders: {}, extras: {} };
  readonly permissions: PermissionEngine;
  readonly ctx: ApiContext;
  /** API name → its mock (___TESTS___ sessions only; made on first use, as are `calls`). */
  get mocks(): Map<string, Mock> {
    return (this.mockMap ??= new Map());
  }
  /** API name → argument lists (sandbox values, copied at call time), for assertApi. */
  get calls(): Map<string, unknown[][]> {
    return (this.callMap ??= new Map());
  }
  recordCalls = false;
  /** Compiled code of this run, for mapping error lines. */
  readonly sources: CodeSource[] = [];
  /** Uncaught errors from callbacks, promises and callLater; set by the runner. */
  onError: (err: unknown) => void = () => {};
  /** A permission violation in strict mode, even if template code swallowed the rejection. */
  onPermissionViolation: (message: string) => void = () => {};
  /** Live console stream (the runner redacts before passing it on). */
  onConsole?: (entry: ConsoleEntry) => void;
  /** Milliseconds left for synchronous sandbox code, enforced by the vm watchdog. */
  timeBudget: () => number = () => 5000;
  /**
   * false inside an execution unit, whose host ends a runaway run from outside (one timer per
   * run): entries into sandbox code then start no vm watchdog, they are plain calls.
   */
  watchdog = true;
  /**
   * False while nothing of the run can have queued a microtask of its own: the runner sets it
   * for code that passed the language gate (no async function, await or import()), and it turns
   * true as soon as the run makes a promise, tracks work or queues a callLater (as does
   * Realm.crossedAsync when a promise or function crosses the boundary). Until then drain()
   * needs no event-loop turn to let such microtasks run first.
   */
  asyncPossible = true;
  /** Told before each outermost entry into sandbox code (the unit marks which run is on the CPU). */
  onEnter?: () => void;

  private promiseConstructor?: PromiseConstructor;
  /** What each family's create() made for this run, by family index (made on first require of one of its APIs). */
  private readonly madeFamilies: (Record<string, unknown> | undefined)[] = [];
  private mockMap?: Map<string, Mock>;
  private callMap?: Map<string, unknown[][]>;
  private readonly requireCache = new Map<string, unknown>();
  private testRequireCacheMap?: Map<string, unknown>;
  private mockDepthMap?: Map<string, number>;
  /** > 0 while an API called by test code runs: the template's permissions do not govern test code. */
  private uncheckedDepth = 0;
  private readonly laterQueue: (() => void)[] = [];
  private abortController?: AbortController;
  private runAbort?: RunAbort;
  private pending = 0;
  private wake?: () => void;
  private guardedDepth = 0;
  private disposed = false;
  private idleAtDispose = false;
  private abortedWork = false;
  private readonly unwatch: () => void;

  /** `core`: a realm lent by the pool; by default the session makes a fresh one. */
  constructor(readonly env: RunEnvironment, core?: RealmCore) {
    this.realm = new Realm(core, this);
    const registry = getRegistry();
    this.permissions = new PermissionEngine(env.permissions, registry.checks, env.permissionMode);
    this.realm.sb.setReporter((err) => this.uncaught(err));
    this.ctx = this.makeContext();
    // Families are created when the run first requires one of their APIs (most runs use a few).
    if (!apiFamilyIndex) apiFamilyIndex = indexApiFamilies(registry.families, this.ctx);
    this.unwatch = watchRejections(this);
  }

  /** RejectionOwner: a rejected promise of this run's realm, while the run lasts. */
  ownsPromise(promise: Promise<unknown>): boolean {
    return !this.disposed && this.realm.isSandboxPromise(promise);
  }

  /** RejectionOwner: an unhandled rejection of this run is one of its uncaught errors. */
  onUnhandledRejection(reason: unknown): void {
    this.uncaught(reason);
  }

  /** Sets the runner's handlers (those it leaves out keep their defaults). */
  handle(handlers: SessionHandlers): void {
    if (handlers.onError) this.onError = handlers.onError;
    if (handlers.onPermissionViolation) this.onPermissionViolation = handlers.onPermissionViolation;
    if (handlers.onConsole) this.onConsole = handlers.onConsole;
    if (handlers.timeBudget) this.timeBudget = handlers.timeBudget;
    if (handlers.onEnter) this.onEnter = handlers.onEnter;
  }

  /** RealmHost: the run waits for host promises handed into the sandbox. */
  trackHostPromise(p: Promise<unknown>): void {
    this.track(p);
  }

  /** RealmHost: template functions copied out to host code run under the watchdog, and do nothing once the run is over. */
  callGuarded(fn: Function, args: unknown[]): unknown {
    return this.disposed ? undefined : this.runSandbox(fn, args);
  }

  /** True when ending the run aborted work still in flight (which records itself in a microtask). */
  get abortedInFlight(): boolean {
    return this.abortedWork;
  }

  /** The light AbortHook for the run's exchanges: told when the run ends with work in flight (see dispose). */
  abortHook(): AbortHook {
    if (!this.runAbort) {
      this.runAbort = new RunAbort();
      if (this.disposed) this.runAbort.abort();
    }
    return this.runAbort;
  }

  /** The signal that aborts the run's in-flight work when it ends (with work in flight: see dispose). */
  abortSignal(): AbortSignal {
    if (!this.abortController) {
      this.abortController = new AbortController();
      if (this.disposed) this.abortController.abort(RUN_OVER);
    }
    return this.abortController.signal;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** True when the run was disposed with no I/O pending, no callLater queued and no sandbox call on the stack. */
  get endedIdle(): boolean {
    return this.disposed && this.idleAtDispose;
  }

  // ------------------------------------------------------------------ the ApiContext

  private makeContext(): ApiContext {
    return new SessionContext(this, new SessionRecorder(this));
  }

  /** The sandbox Promise constructor host code uses, made on first use (most runs never ask for one: a function and six closures). */
  sandboxPromise(): PromiseConstructor {
    this.asyncPossible = true;
    this.promiseConstructor ??= this.guardedPromise();
    return this.promiseConstructor;
  }

  /** Queues fn to run after the current code returns (callLater); nothing once the run is over. */
  later(fn: () => void): void {
    this.asyncPossible = true;
    if (!this.disposed) this.laterQueue.push(fn);
  }

  /**
   * The sandbox Promise for host code: whatever host code resolves with is copied into the realm
   * first, and nothing settles once the run is over. The shared sandboxPromiseConstructor bound
   * to this session, with the statics of the realm's Promise.
   */
  private guardedPromise(): PromiseConstructor {
    const realm = this.realm;
    const Target = realm.sb.Promise;
    // Bound rather than a function made here: see sandboxPromiseConstructor.
    const GuardedPromise = sandboxPromiseConstructor.bind(undefined, this);
    // Statics in one object literal, not `GuardedPromise[key] = (v) => …` (see SessionHandlers).
    const statics = {
      resolve: (v: unknown) => Reflect.apply(Target.resolve, Target, [realm.toSandbox(v)]),
      reject: (v: unknown) => Reflect.apply(Target.reject, Target, [realm.toSandbox(v)]),
      all: (items: unknown) => Reflect.apply(Target.all, Target, [realm.toSandbox(items)]),
      allSettled: (items: unknown) => Reflect.apply(Target.allSettled, Target, [realm.toSandbox(items)]),
      race: (items: unknown) => Reflect.apply(Target.race, Target, [realm.toSandbox(items)]),
      any: (items: unknown) => Reflect.apply(Target.any, Target, [realm.toSandbox(items)]),
    };
    return Object.assign(GuardedPromise, statics) as unknown as PromiseConstructor;
  }

  checkPermission(publicId: string, api: string, args: unknown[]): void {
    if (this.permissions.mode === 'off' || this.uncheckedDepth > 0) return;
    const message = this.permissions.message(publicId, api, args);
    if (!message) return;
    if (this.permissions.mode === 'warn') {
      this.console({ level: 'warn', message: `${message} (permissions: warn, call allowed)` });
      return;
    }
    this.onPermissionViolation(message);
    throw new PermissionError(message);
  }

  console(entry: ConsoleEntry): void {
    this.state.console.push(entry);
    this.onConsole?.(entry);
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.asyncPossible = true;
    if (this.disposed) return work;
    const hostWork = this.realm.isSandboxPromise(work) ? this.realm.promiseFromSandbox(work) : work;
    this.pending++;
    const done = () => {
      this.pending--;
      this.wake?.();
    };
    Promise.prototype.then.call(hostWork, done, done);
    return work;
  }

  callSandbox(fn: unknown, args: unknown[]): unknown {
    if (this.disposed) return undefined;
    const target = this.realm.unwrapSandboxFunction(fn);
    // A callback may be template code (a message listener reached by test code's sendMessage):
    // the template's permissions apply again inside it.
    const unchecked = this.uncheckedDepth;
    this.uncheckedDepth = 0;
    try {
      if (typeof target === 'function' && this.realm.owns(target)) {
        const sbArgs = args.map((a) => this.realm.toSandbox(a));
        return this.realm.fromSandbox(this.runSandbox(target, sbArgs));
      }
      if (typeof target === 'function') return (target as (...a: unknown[]) => unknown)(...args);
      throw new TypeError(`${typeof target} is not a function`);
    } catch (err) {
      this.uncaught(err);
      return undefined;
    } finally {
      this.uncheckedDepth = unchecked;
    }
  }

  /** Calls a sandbox function; the outermost call runs under the vm watchdog. */
  runSandbox(fn: unknown, args: unknown[]): unknown {
    if (this.guardedDepth > 0) return Reflect.apply(fn as Function, undefined, args);
    this.onEnter?.();
    this.guardedDepth++;
    try {
      if (!this.watchdog) return Reflect.apply(fn as Function, undefined, args);
      // A floor, so a callback that starts just before the deadline is not killed mid-way as an "endless loop".
      return this.realm.runGuarded(fn, args, Math.max(MIN_GUARDED_MS, this.timeBudget()));
    } finally {
      this.guardedDepth--;
    }
  }

  uncaught(err: unknown): void {
    if (this.disposed) return;
    this.onError(err);
  }

  describe(err: unknown): string {
    return describeError(err, this.sources);
  }

  // ------------------------------------------------------------------ require and mocks

  /** The `require` template code (or, with 'test', test code) sees. */
  makeRequire(caller: RequireCaller = 'template'): Function {
    return this.realm.rawSandboxFunction('require', (args) => (caller === 'test' ? this.testRequire(String(args[0])) : this.require(String(args[0]))));
  }

  /** The real API for test code: no mock, no call record, no permission check on function APIs. */
  private testRequire(name: string): unknown {
    const cached = this.testRequireCacheMap?.get(name);
    if (cached) return cached;
    const native = inRealmApi(this.realm.core, name);
    if (native !== undefined) {
      (this.testRequireCacheMap ??= new Map()).set(name, native);
      return native;
    }
    const impl = this.api(name);
    if (impl === undefined) {
      throw new Error(SERVER_API_NAMES.has(name) ? `${name} is not implemented by sandbox-shim (its API family module is missing from sandbox-shim/apis/)` : `Unknown API: ${name}`);
    }
    let api: unknown;
    if (typeof impl === 'function') {
      const fn = impl as (...a: unknown[]) => unknown;
      api = this.realm.rawSandboxFunction(name, (args) => {
        this.uncheckedDepth++;
        try {
          return SANDBOX_ARGUMENTS.has(fn) ? fn(...args) : fn(...args.map((a) => this.realm.fromSandbox(a)));
        } finally {
          this.uncheckedDepth--;
        }
      });
    } else {
      api = this.realm.toSandbox(impl);
    }
    (this.testRequireCacheMap ??= new Map()).set(name, api);
    return api;
  }

  private require(name: string): unknown {
    const mock = this.mockMap?.get(name);
    if (mock && (mock.viaMockObject || OBJECT_APIS.has(name))) {
      // mock('BigQuery', () => ({insert…})): the function's result stands for the object (spec §5.2 guess).
      if (!mock.viaMockObject && typeof mock.value === 'function') return this.runSandbox(mock.value, []);
      return mock.value;
    }
    const cached = this.requireCache.get(name);
    if (cached) return cached;
    // A run that records no calls has no mocks either (only ___TESTS___ sessions have them, and
    // they record): pure APIs run inside the realm.
    if (!this.recordCalls) {
      const native = inRealmApi(this.realm.core, name);
      if (native !== undefined) {
        this.requireCache.set(name, native);
        return native;
      }
    }
    const impl = this.api(name);
    let api: unknown;
    if (impl === undefined) {
      if (!mock) {
        throw new Error(
          SERVER_API_NAMES.has(name)
            ? `${name} is not implemented by sandbox-shim (its API family module is missing from sandbox-shim/apis/)`
            : `Unknown API: ${name}`,
        );
      }
      api = this.apiFunction(name, undefined);
    } else if (typeof impl === 'function') {
      api = this.apiFunction(name, impl as (...a: unknown[]) => unknown);
    } else {
      api = this.realm.toSandbox(impl);
    }
    this.requireCache.set(name, api);
    return api;
  }

  /** A top-level API as template code sees it: mock looked up per call, call recorded, real API otherwise. */
  private apiFunction(name: string, impl: ((...a: unknown[]) => unknown) | undefined): Function {
    const raw = impl !== undefined && SANDBOX_ARGUMENTS.has(impl);
    return this.realm.rawSandboxFunction(name, (args) => {
      if (this.recordCalls) this.recordCall(name, args);
      // Only ___TESTS___ sessions have mocks (runTemplate's never do): no map, no lookup otherwise.
      const mock = this.mockMap?.get(name);
      if (mock) {
        // Mock results are handed over untouched: tests rely on plain thenables staying synchronous.
        if (typeof mock.value === 'function' && !mock.viaMockObject) return this.callMock(name, mock.value as Function, args);
        return mock.value;
      }
      if (!impl) throw new Error(`Unknown API: ${name}`);
      if (!raw) {
        // `args` is this call's own array (made for it by the realm): copied out in place.
        for (let i = 0; i < args.length; i++) args[i] = this.realm.fromSandbox(args[i]);
      }
      return impl(...args);
    });
  }

  /**
   * The implementation of an API, creating its family for this run on first use. Only the family
   * that owns the name answers (when two families define a name, the later one does).
   */
  private api(name: string): unknown {
    const at = (apiFamilyIndex as Map<string, number>).get(name);
    if (at === undefined) return undefined;
    const made = (this.madeFamilies[at] ??= getRegistry().families[at].create(this.ctx) as Record<string, unknown>);
    return Object.prototype.hasOwnProperty.call(made, name) ? made[name] : undefined;
  }

  private callMock(name: string, fn: Function, args: unknown[]): unknown {
    const mockDepth = (this.mockDepthMap ??= new Map());
    const depth = mockDepth.get(name) ?? 0;
    if (depth >= MAX_MOCK_DEPTH) {
      throw new Error(
        `the mock of ${name} was entered ${MAX_MOCK_DEPTH} times without returning: it calls itself (through runCode or a function the template gave it). ` +
          `To reach the real ${name} from a mock, take it in setup with const real${name[0].toUpperCase()}${name.slice(1)} = require('${name}'): test code's require is never mocked`,
      );
    }
    mockDepth.set(name, depth + 1);
    try {
      return Reflect.apply(fn, undefined, args);
    } finally {
      mockDepth.set(name, depth);
    }
  }

  recordCall(name: string, args: unknown[]): void {
    const list = this.calls.get(name) ?? [];
    list.push(args.map((a) => this.cloneSandboxValue(a, new Map())));
    this.calls.set(name, list);
  }

  /** Copy within the realm so later mutation does not change what was recorded; functions by identity. */
  private cloneSandboxValue(value: unknown, seen: Map<object, unknown>): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return seen.get(value);
    if (this.realm.isSandboxPromise(value)) return value;
    if (Array.isArray(value)) {
      const out = this.realm.sb.newArray();
      seen.set(value, out);
      // An index loop, not value.forEach: a sandbox array may carry its own forEach.
      for (let i = 0; i < value.length; i++) out[i] = this.cloneSandboxValue(value[i], seen);
      return out;
    }
    const out = this.realm.sb.newObject();
    seen.set(value, out);
    for (const key of Object.keys(value)) defineOwn(out, key, this.cloneSandboxValue((value as Record<string, unknown>)[key], seen));
    return out;
  }

  // ------------------------------------------------------------------ async drain

  /**
   * Runs queued work until nothing is left: microtasks first, then one callLater function at a
   * time (each followed by its microtasks), waiting for tracked I/O. Stops at `deadline`
   * (epoch ms) or when `stop()` says so.
   */
  async drain(deadline: number, stop: () => boolean = () => false): Promise<'idle' | 'deadline' | 'stopped'> {
    for (let turn = 0; ; turn++) {
      // Microtasks of the run run before a macrotask: one event-loop turn lets them all run. A
      // run that cannot have any (a tag that called gtmOnSuccess and made no promise) skips it.
      if (turn > 0 || this.asyncPossible || this.realm.crossedAsync || this.pending > 0 || this.laterQueue.length > 0) await flushMicrotasks();
      if (stop()) return 'stopped';
      const busy = this.laterQueue.length > 0 || this.pending > 0;
      if (!busy) return 'idle';
      if (Date.now() >= deadline) return 'deadline';
      const next = this.laterQueue.shift();
      if (next) {
        try {
          next();
        } catch (err) {
          this.uncaught(err);
        }
        continue;
      }
      // The resolve function itself is the wake-up call, not a new closure assigned to this.wake
      // (see SessionHandlers).
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.wake = resolve;
      });
      clearTimeout(timer);
      this.wake = undefined;
    }
  }

  /** Ends the run: in-flight work is aborted and nothing calls back into the realm any more. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.idleAtDispose = this.pending === 0 && this.laterQueue.length === 0 && this.guardedDepth === 0;
    this.laterQueue.length = 0;
    // Every user of the signal is tracked work: with none pending nothing listens any more, and
    // aborting (an Event dispatched, and a loop turn for the runner) would be for nobody.
    if (this.pending > 0 && (this.abortController || this.runAbort)) {
      this.abortedWork = true;
      this.runAbort?.abort();
      this.abortController?.abort(RUN_OVER);
    }
    this.realm.retire();
    // The realm (old, perhaps pooled) would otherwise point at this run until the next one
    // replaces its reporter, keeping the run's objects through every young-generation GC.
    this.realm.sb.setReporter(null);
    this.unwatch();
  }
}

/**
 * A session's AbortHook (ApiContext.runEnd): its exchanges' listeners are told, once, when the run
 * ends with them in flight. A plain list rather than an AbortController: see AbortHook.
 */
class RunAbort implements AbortHook {
  aborted = false;
  private listeners: (() => void)[] = [];

  addEventListener(type: 'abort', listener: () => void): void {
    if (type === 'abort' && !this.aborted && !this.listeners.includes(listener)) this.listeners.push(listener);
  }

  removeEventListener(type: 'abort', listener: () => void): void {
    const at = type === 'abort' ? this.listeners.indexOf(listener) : -1;
    if (at !== -1) this.listeners.splice(at, 1);
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) {
      try {
        listener();
      } catch (err) {
        // As an AbortSignal's listener error would: reported, without stopping the other listeners.
        process.nextTick(() => {
          throw err;
        });
      }
    }
  }
}

/**
 * `new ctx.Promise(executor)` of every session: ctx.Promise is this function bound to the session
 * (`new` on a bound function constructs its target). Not a function made per session: the first
 * `new` on a function gives it an initial map, which V8 allocates in the old generation and which
 * points back at the function, and so at its run, until the next full GC.
 * A plain host function rather than a Proxy of the realm's Promise: that one is frozen, and a
 * Proxy may not return anything but the frozen statics themselves (a TypeError otherwise).
 */
function sandboxPromiseConstructor(session: Session, executor: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void): Promise<unknown> {
  session.asyncPossible = true;
  const realm = session.realm;
  // Made by the realm: an executor that throws (a host error) rejects with a realm error.
  return realm.sb.newPromise((resolve, reject) =>
    executor(
      (v) => {
        if (!session.isDisposed) resolve(realm.toSandbox(v));
      },
      (e) => {
        if (!session.isDisposed) reject(realm.toSandbox(e));
      },
    ),
  );
}

/** What a session records for its preview record: methods on one object, not seven closures per run. */
class SessionRecorder implements Recorder {
  constructor(private readonly session: Session) {}

  console(entry: ConsoleEntry): void {
    this.session.console(entry);
  }

  outgoingRequest(request: OutgoingRequest): void {
    this.session.state.outgoingRequests.push(request);
  }

  cookieSet(cookie: CookieSet): void {
    const state = this.session.state;
    state.cookiesSet.push(cookie);
    const lines = state.responseHeaders['set-cookie'];
    state.responseHeaders['set-cookie'] = [...(Array.isArray(lines) ? lines : lines ? [lines] : []), cookie.header];
  }

  responseHeader(name: string, value: string | string[] | undefined): void {
    const key = name.toLowerCase();
    if (value === undefined) delete this.session.state.responseHeaders[key];
    else this.session.state.responseHeaders[key] = value;
  }

  extra(key: string, value: unknown): void {
    this.session.state.extras[key] = value;
  }

  append(key: string, value: unknown): void {
    const extras = this.session.state.extras;
    const list = extras[key];
    if (Array.isArray(list)) list.push(value);
    else extras[key] = [value];
  }
}

/**
 * The ApiContext of one session. A class rather than an object literal with getters: such a
 * literal, made afresh every run, kept the whole run alive past young-generation GC (in a plain
 * reproduction 200k of them promoted 205 MB; a third of runTemplateHere's time went to scavenges).
 * Its getters make the abort signal and the sandbox Promise on first use only.
 */
class SessionContext implements ApiContext {
  readonly env: RunEnvironment;

  constructor(
    private readonly session: Session,
    readonly recorder: Recorder,
  ) {
    this.env = session.env;
  }

  get signal(): AbortSignal {
    return this.session.abortSignal();
  }

  get runEnd(): AbortHook {
    return this.session.abortHook();
  }

  get Promise(): PromiseConstructor {
    return this.session.sandboxPromise();
  }

  newPromise<T>(executor: (resolve: (value: T) => void, reject: (reason: unknown) => void) => void): Promise<T> {
    return sandboxPromiseConstructor(this.session, executor as (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void) as Promise<T>;
  }

  checkPermission(publicId: string, api: string, ...args: unknown[]): void {
    this.session.checkPermission(publicId, api, args);
  }

  isAllowed(publicId: string, ...args: unknown[]): boolean {
    return this.session.permissions.isAllowed(publicId, args);
  }

  toSandbox<T>(value: T): T {
    return this.session.realm.toSandbox(value);
  }

  fromSandbox<T>(value: T): T {
    return this.session.realm.fromSandbox(value);
  }

  track<T>(work: Promise<T>): Promise<T> {
    return this.session.track(work);
  }

  later(fn: () => void): void {
    this.session.later(fn);
  }

  callSandbox(fn: unknown, ...args: unknown[]): unknown {
    return this.session.callSandbox(fn, args);
  }

  makeRegExp(pattern: string, flags: string): RegExp {
    return this.session.realm.sb.newRegExp(pattern, flags);
  }
}
