/**
 * One sandbox realm: a node:vm context with no globals of its own, plus the two copy directions
 * across its boundary.
 *
 * The rule that keeps template code in: no host object, host function or host error ever becomes
 * reachable from sandbox code. Host values are deep-copied into objects of the sandbox realm;
 * host functions are reached only through wrappers created inside the context (so their
 * `constructor` is the sandbox's Function, which cannot compile strings); host errors are
 * re-created as sandbox errors. Intrinsic prototypes are made non-extensible so template code
 * cannot turn every object into a thenable that host code would resolve with its own functions.
 */
import { types } from 'node:util';
import vm from 'node:vm';
import { SANDBOX_ARGUMENTS } from '../apis/family';
import { defineOwn, replaceOwn } from './own-property';

/** What the bootstrap hands back from inside the context. All are sandbox-realm values. */
export interface Intrinsics {
  ObjectPrototype: object;
  FunctionPrototype: object;
  PromisePrototype: object;
  Promise: PromiseConstructor;
  promiseThen: (this: Promise<unknown>, onFulfilled?: unknown, onRejected?: unknown) => Promise<unknown>;
  errors: Record<string, ErrorConstructor>;
  markHandled<T extends Promise<unknown>>(promise: T): T;
  /** Sets the host function told about errors thrown by callbacks in promise chains (the current run's; null once it is over). */
  setReporter(fn: ((err: unknown) => void) | null): void;
  /** False once template code replaced a method of Object.prototype (which stays writable). */
  objectPrototypeIntact(): boolean;
  newObject(): Record<string, unknown>;
  newArray(): unknown[];
  newRegExp(pattern: string, flags: string): RegExp;
  wrapHost(invoke: (args: ArrayLike<unknown>) => unknown, name: string): (...args: unknown[]) => unknown;
  /** What a wrapper made by a named-wrapper script (see namedWrapper) checks with, as wrapHost does. */
  wrapperParts: { safe(e: unknown): unknown; isOwn(v: unknown): boolean; TypeError: ErrorConstructor };
  /** Sets the host function that re-creates a host error as an error of this realm. */
  setConverter(fn: (err: unknown) => unknown): void;
  /** A sandbox promise whose executor (host code) cannot reject it with a host error. */
  newPromise(executor: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void): Promise<unknown>;
  /** Stores a call for the runner script (which runs it under the vm timeout). */
  setPending(fn: unknown, args: unknown[]): void;
  takeResult(): unknown;
  /** The realm's own built-ins, captured before its globals were removed (for in-realm API code only). */
  natives: Record<string, unknown>;
}

/**
 * The value of an own data property, without running code: an accessor (which template code can
 * define through a constructor chain) would run sandbox code outside the vm watchdog when host
 * code copies the value out, so an endless getter could hang the host. Accessors read as undefined.
 */
function ownDataValue(obj: object, key: string): unknown {
  const d = Reflect.getOwnPropertyDescriptor(obj, key);
  return d && 'value' in d ? d.value : undefined;
}

const RUNNER = `__sgtm_run_${Math.random().toString(36).slice(2)}`;

/**
 * The body of every sandbox function that runs host code (`invoke`): a host error is re-created
 * in the realm (`safe`), and a result that is not the realm's own is refused. Shared by wrapHost
 * and the named wrappers (see wrapperScript); needs invoke, safe, isOwn, TypeError and name in scope.
 */
const WRAPPER_BODY = `let r;
      try {
        r = invoke(arguments);
      } catch (e) {
        throw safe(e);
      }
      if (r !== null && (typeof r === 'object' || typeof r === 'function') && !isOwn(r)) {
        throw new TypeError('the sandbox refused a host value returned by ' + name);
      }
      return r;`;

const BOOTSTRAP = new vm.Script(
  `(function (harden) {
  'use strict';
  const g = globalThis;
  const O = Object;
  const P = Promise;
  const R = RegExp;
  const deleteProperty = Reflect.deleteProperty;
  const errors = { Error, TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError };
  const keep = { undefined: true, NaN: true, Infinity: true };
  for (const name in errors) {
    O.defineProperty(errors[name], 'prepareStackTrace', { value: undefined, writable: false, configurable: false });
  }
  Error.stackTraceLimit = 50;
  // The global symbol registry is shared with the host: Symbol.for('nodejs.util.inspect.custom')
  // would let a sandbox method be called with the host's util.inspect as an argument.
  const noRegistry = function () { throw new errors.TypeError('Symbol.for and Symbol.keyFor are not available in the sandbox'); };
  O.defineProperty(Symbol, 'for', { value: noRegistry });
  O.defineProperty(Symbol, 'keyFor', { value: noRegistry });
  // Errors thrown by template callbacks in promise chains are reported to the run (template code
  // has no try/catch, so they are uncaught by definition) and end that chain, as an aborted
  // execution would. Every promise is marked handled, so a rejection never reaches the host's
  // unhandled-rejection handling (which would crash Node or fail a test runner).
  const originalThen = P.prototype.then;
  const noop = function () {};
  let report = null;
  const guard = function (fn) {
    if (typeof fn !== 'function') return fn;
    return function (value) {
      try {
        return fn(value);
      } catch (err) {
        try {
          if (report) report(err);
        } catch (ignored) {
          // the host reporter overflowed: the chain still ends, no host error leaks
        }
        return new P(noop);
      }
    };
  };
  // True for an object or function made in this realm (its prototype chain ends at this
  // realm's Object.prototype). Anything else that reaches sandbox code through a catch is a
  // host value (a host error V8 or Node created in a host frame) and must not be handed over.
  const OP0 = O.prototype;
  const getProto = O.getPrototypeOf;
  const isOwn = function (v) {
    let p = v;
    for (let d = 0; p !== null && d < 1000; d++) {
      if (p === OP0) return true;
      p = getProto(p);
    }
    return false;
  };
  let convertHost = null;
  // What a catch in bootstrap code may rethrow into sandbox code: primitives and values of this
  // realm as they are; a host value re-created by the host converter, or, when that fails too
  // (the stack is exhausted: a stack overflow is the usual reason a host frame throws here), a
  // RangeError of this realm made without calling the host at all.
  const safe = function (e) {
    if (e === null || (typeof e !== 'object' && typeof e !== 'function')) return e;
    if (isOwn(e)) return e;
    try {
      const c = convertHost(e);
      if (c !== null && typeof c === 'object' && isOwn(c)) return c;
    } catch (ignored) {
      // a host error again: dropped, never exposed
    }
    return new errors.RangeError('Maximum call stack size exceeded');
  };
  const markHandled = function (promise) {
    originalThen.call(promise, undefined, noop);
    return promise;
  };
  O.defineProperty(P.prototype, 'then', {
    value: function then(onFulfilled, onRejected) {
      return markHandled(originalThen.call(this, guard(onFulfilled), guard(onRejected)));
    },
    writable: true,
    configurable: true,
  });
  const statics = ['all', 'allSettled', 'any', 'race', 'reject', 'resolve'];
  for (let i = 0; i < statics.length; i++) {
    const original = P[statics[i]];
    if (typeof original !== 'function') continue;
    O.defineProperty(P, statics[i], {
      value: { [statics[i]]: function () { return markHandled(original.apply(P, arguments)); } }[statics[i]],
      writable: true,
      configurable: true,
    });
  }
  O.freeze(P.prototype);
  O.freeze(P);
  const names = O.getOwnPropertyNames(g);
  // Legacy RegExp statics (RegExp.$1, lastMatch, input…) hold the realm's last match: a realm
  // reused across runs would show one run's matched text (an email) to the next.
  const legacy = ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9', 'input', '$_', 'lastMatch', '$&', 'lastParen', '$+', 'leftContext', '$\u0060', 'rightContext', "$'"];
  for (let i = 0; i < legacy.length; i++) deleteProperty(R, legacy[i]);
  // Object.prototype is sealed, not frozen: its methods stay writable data properties, since a
  // frozen one would make \`out[key] = v\` throw for keys such as "constructor" or "toString"
  // (the "override mistake") and V8 prints objects as [object X] when they are accessors. A run
  // that replaced one of them is caught by objectPrototypeIntact() and its realm not reused.
  const OP = O.prototype;
  const opNames = O.getOwnPropertyNames(OP);
  const opValues = [];
  for (let i = 0; i < opNames.length; i++) {
    const d = O.getOwnPropertyDescriptor(OP, opNames[i]);
    opValues.push('value' in d ? d.value : d.get);
  }
  // Sealed, Object.prototype keeps every property and each stays a data property or an accessor
  // (__proto__): only a data property's value can change, and reading it runs no code. (A
  // descriptor per property was most of the check's cost, paid at the end of every pooled run.)
  const opIsData = [];
  for (let i = 0; i < opNames.length; i++) opIsData.push('value' in O.getOwnPropertyDescriptor(OP, opNames[i]));
  const objectPrototypeIntact = function () {
    for (let i = 0; i < opNames.length; i++) {
      if (opIsData[i] && OP[opNames[i]] !== opValues[i]) return false;
    }
    return true;
  };
  // For a realm that outlives its run (harden), everything template code can reach is frozen
  // (prototypes, statics, accessors' functions), so it cannot leave state for a later run. Reachable means from
  // literals and syntax: the globals themselves are deleted below, and host values only come in
  // as objects, arrays, functions, regexes, errors and promises of this realm. (Freezing every
  // global instead, Intl and WebAssembly included, triples the cost of a realm; even this costs
  // about 0.5 ms, which a realm used once does not need: it only prevents extensions.)
  const seen = new WeakSet();
  const todo = [];
  seen.add(OP);
  for (let i = 0; i < opValues.length; i++) todo.push(opValues[i]);
  O.seal(OP);
  for (const name in errors) todo.push(errors[name]);
  todo.push(O, Array, Function, String, Number, Boolean, Symbol, R, P, typeof BigInt === 'function' ? BigInt : null);
  todo.push([][Symbol.iterator](), ''[Symbol.iterator](), ''.matchAll(/a/g), (function* () {})(), (async function* () {})());
  todo.push(async function () {}, function* () {}, async function* () {}, (function () { return arguments; })());
  for (let i = 0; i < names.length; i++) {
    const d = O.getOwnPropertyDescriptor(g, names[i]);
    const v = d && 'value' in d ? d.value : undefined;
    if (v !== g && (typeof v === 'function' || (typeof v === 'object' && v !== null)) && !O.isFrozen(v)) {
      if (v.prototype && typeof v.prototype === 'object') O.preventExtensions(v.prototype);
      O.preventExtensions(v);
    }
  }
  O.preventExtensions(O.getPrototypeOf(function () {}));
  O.preventExtensions(O.getPrototypeOf([][Symbol.iterator]()));
  O.preventExtensions(O.getPrototypeOf(O.getPrototypeOf([][Symbol.iterator]())));
  while (harden && todo.length) {
    const v = todo.pop();
    if (v === null || v === undefined || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) continue;
    seen.add(v);
    todo.push(O.getPrototypeOf(v));
    const keys = Reflect.ownKeys(v);
    for (let i = 0; i < keys.length; i++) {
      const d = O.getOwnPropertyDescriptor(v, keys[i]);
      if (!d) continue;
      if ('value' in d) todo.push(d.value); else todo.push(d.get, d.set);
    }
    O.freeze(v);
  }
  let pending = null;
  let result;
  // Taken before the globals go: API code that runs inside the realm (see in-realm-apis.ts) is
  // handed these, never template code.
  const natives = { String: String, Number: Number, Math: Math, JSON: JSON, isArray: Array.isArray, keys: O.keys, freeze: O.freeze, hasOwn: O.hasOwn, defineProperty: O.defineProperty, deleteProperty: deleteProperty, apply: Reflect.apply };
  const intrinsics = {
    natives: natives,
    ObjectPrototype: O.prototype,
    FunctionPrototype: Function.prototype,
    PromisePrototype: P.prototype,
    Promise: P,
    promiseThen: originalThen,
    markHandled: markHandled,
    setReporter: function (fn) { report = fn; },
    objectPrototypeIntact: objectPrototypeIntact,
    errors: errors,
    newObject: function () { return {}; },
    newArray: function () { return []; },
    newRegExp: function (pattern, flags) { return new R(pattern, flags); },
    setConverter: function (fn) { convertHost = fn; },
    newPromise: function (executor) {
      return markHandled(new P(function (resolve, reject) {
        try {
          executor(resolve, reject);
        } catch (e) {
          reject(safe(e));
        }
      }));
    },
    // For names that cannot be a function's own identifier (see namedWrapper in realm.ts). Named by
    // its computed key rather than defineProperty(fn, 'name'): half the cost.
    wrapHost: function (invoke, name) {
      const TypeError = errors.TypeError;
      return {
        [name]: function () {
          ${WRAPPER_BODY}
        },
      }[name];
    },
    wrapperParts: { safe: safe, isOwn: isOwn, TypeError: errors.TypeError },
    setPending: function (fn, args) { pending = { fn: fn, args: args }; result = undefined; },
    takeResult: function () { const r = result; result = undefined; return r; },
  };
  // Node flags add globals the context cannot delete (--expose-gc makes a non-configurable
  // \`gc\`): those are frozen to undefined instead. One that cannot be neutralised either stops
  // the realm, since template code could reach it.
  const stuck = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (keep[name] || deleteProperty(g, name)) continue;
    const d = O.getOwnPropertyDescriptor(g, name);
    if (d && 'value' in d && (d.writable || d.value === undefined)) {
      O.defineProperty(g, name, { value: undefined, writable: false });
    } else {
      stuck.push(name);
    }
  }
  if (stuck.length) throw new errors.Error('the sandbox cannot remove the global(s) ' + stuck.join(', ') + ' (added by a Node flag?); run without that flag');
  O.defineProperty(g, '${RUNNER}', {
    value: function () {
      const p = pending;
      pending = null;
      if (p) result = p.fn.apply(undefined, p.args);
    },
  });
  // The global object of a vm context cannot be frozen; it is left with only non-writable
  // names, and template code (strict, without globalThis) can neither reach it nor add to it.
  return intrinsics;
})`,
  { filename: 'sgtm-shim:bootstrap' },
);

const RUN_PENDING = new vm.Script(`${RUNNER}()`, { filename: 'sgtm-shim:runner' });

/**
 * The context and its intrinsics, which a pool may hand to one run after another: everything in
 * it is frozen, and what belongs to a run (wrappers, hooks, require, data) lives in a Realm view.
 */
export interface RealmCore {
  readonly context: vm.Context;
  readonly sb: Intrinsics;
  /** Compiled template functions instantiated in this context (they capture nothing per run). */
  readonly functions: WeakMap<vm.Script, Function>;
  /** Its reachable intrinsics are frozen, so it may serve run after run. */
  readonly hardened: boolean;
  /** API name → its in-realm implementation in this context, made on first require (in-realm-apis.ts). */
  inRealmApis?: Map<string, unknown>;
  /** Name → the maker of wrappers with that name in this context (null: the name needs wrapHost; 0: wrapped once so far). */
  wrapperMakers?: Map<string, WrapperMaker | null | 0>;
}

type Invoke = (args: ArrayLike<unknown>) => unknown;
type WrapperMaker = (invoke: Invoke) => Function;

/**
 * Scripts that make wrappers named `name`, compiled once per process (null: not a name a function
 * can be declared with, e.g. a reserved word). A wrapper declared with its name costs what any
 * closure costs; wrapHost's computed-key naming costs ~7x that (~0.3 µs), and every run makes a
 * wrapper per API it requires, for gtmOnSuccess/gtmOnFailure and for require. The body is
 * wrapHost's, with the same checks.
 */
const wrapperScripts = new Map<string, vm.Script | null>();
const WRAPPER_SCRIPTS_LIMIT = 1000;

function wrapperScript(name: string): vm.Script | null {
  let script = wrapperScripts.get(name);
  if (script !== undefined) return script;
  script = null;
  if (/^[A-Za-z_$][\w$]*$/.test(name) && wrapperScripts.size < WRAPPER_SCRIPTS_LIMIT) {
    try {
      script = new vm.Script(
        `(function (safe, isOwn, TypeError, name) {
  'use strict';
  return function (invoke) {
    return function ${name}() {
      ${WRAPPER_BODY}
    };
  };
})`,
        { filename: 'sgtm-shim:wrapper' },
      );
    } catch {
      script = null; // a reserved word (delete, eval…): wrapHost names it
    }
    wrapperScripts.set(name, script);
  }
  return script;
}

/**
 * A sandbox function named `name` that calls `invoke` with its arguments. The first wrapper of a
 * name in a context comes from wrapHost; from the second on (a pooled realm, run after run) from
 * a maker made in the context once (wrapperScript): running a script in a context costs a few
 * µs, more than a realm used for one run would ever save.
 */
function namedWrapper(core: RealmCore, invoke: Invoke, name: string): Function {
  const makers = (core.wrapperMakers ??= new Map());
  let make = makers.get(name);
  if (make === undefined) {
    makers.set(name, 0);
  } else if (make === 0) {
    const script = wrapperScript(name);
    const { safe, isOwn, TypeError } = core.sb.wrapperParts;
    make = script ? (script.runInContext(core.context) as (...parts: unknown[]) => WrapperMaker)(safe, isOwn, TypeError, name) : null;
    makers.set(name, make);
  }
  return make ? make(invoke) : core.sb.wrapHost(invoke, name);
}

/**
 * `harden`: freeze every intrinsic template code can reach, for a realm that serves more than one
 * run (the pool). A realm used once only has its intrinsics made non-extensible.
 */
export function createRealmCore(harden = false): RealmCore {
  const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false }, name: 'sgtm-sandbox' });
  const bootstrap = BOOTSTRAP.runInContext(context) as (harden: boolean) => Intrinsics;
  const sb = bootstrap(harden);
  sb.setConverter((err) => sandboxErrorOf(sb, err));
  return { context, sb, functions: new WeakMap(), hardened: harden };
}

/**
 * An error of the realm standing for a host error: same name (when the realm has that
 * constructor) and message, nothing else (no stack, no cause, no host property).
 */
function sandboxErrorOf(sb: Intrinsics, err: unknown): Error {
  let name = 'Error';
  let message = '';
  if (err instanceof Error) {
    const n = ownDataValue(err, 'name') ?? ownDataValue(Reflect.getPrototypeOf(err) as object, 'name');
    const m = ownDataValue(err, 'message');
    if (typeof n === 'string') name = n;
    if (typeof m === 'string') message = m;
  } else {
    message = String(err);
  }
  const known = Object.prototype.hasOwnProperty.call(sb.errors, name);
  const out = Reflect.construct(known ? sb.errors[name] : sb.errors.Error, [message]) as Error;
  if (!known) replaceOwn(out, 'name', name);
  return out;
}

/**
 * The arguments of a sandbox call as a host array. Not Array.from: on an `arguments` object of
 * another realm it takes the iterator path, which was half the cost of a host API call.
 */
function listOf(args: ArrayLike<unknown>): unknown[] {
  const out = new Array<unknown>(args.length);
  for (let i = 0; i < out.length; i++) out[i] = args[i];
  return out;
}

/**
 * What a realm view asks of the run using it. An interface the session implements with methods,
 * not callbacks assigned per run: V8 allocates a function literal assigned to a property
 * (`realm.onX = () => …`) straight into the old generation, where, once its run is over, it
 * stays a root for every young-generation GC and keeps the whole run (its closure context)
 * alive until the next full GC.
 */
export interface RealmHost {
  /** Called with every host promise handed into the sandbox, so the run waits for it. */
  trackHostPromise(p: Promise<unknown>): void;
  /**
   * Runs a sandbox function for a host wrapper (the session: under the vm watchdog, and not at
   * all once the run is over). Without it, host code calling a copied-out function — e.g.
   * JSON.stringify of a returned object whose toJSON loops — could hang the host.
   */
  callGuarded(fn: Function, args: unknown[]): unknown;
}

/** Prototypes of realms that are gone, so late events from them can be recognised and ignored. */
export const retiredPromisePrototypes = new WeakSet<object>();

export class Realm {
  readonly context: vm.Context;
  readonly sb: Intrinsics;
  /** host function → its sandbox wrapper, and back. */
  /**
   * The four wrapper maps below, made on first use: many runs (a tag that only calls
   * gtmOnSuccess) never wrap a function, and four WeakMaps per run are allocation and GC work.
   */
  private maps?: { hostFnWrappers: WeakMap<Function, Function>; wrappedHostFns: WeakMap<Function, Function>; sandboxFnWrappers: WeakMap<Function, Function>; wrappedSandboxFns: WeakMap<Function, Function> };
  /** sandbox function → its host wrapper, and back. */
  private get wrappers(): NonNullable<Realm['maps']> {
    this.maps ??= { hostFnWrappers: new WeakMap(), wrappedHostFns: new WeakMap(), sandboxFnWrappers: new WeakMap(), wrappedSandboxFns: new WeakMap() };
    return this.maps;
  }
  readonly core: RealmCore;
  /**
   * True once a promise, a host function or a sandbox function has crossed the boundary in this
   * view: from then on, work of the run may wait in the microtask queue (see Session.drain).
   */
  crossedAsync = false;

  /**
   * `core`: a fresh context by default. `host`: the run using this view (the session), told
   * about host promises and asked to run copied-out functions; an object rather than callbacks
   * assigned to the view afterwards (see RealmHost).
   */
  constructor(
    core: RealmCore = createRealmCore(),
    readonly host?: RealmHost,
  ) {
    this.core = core;
    this.context = core.context;
    this.sb = core.sb;
  }

  /** The compiled code as a function of this realm; made once per realm and script. */
  instantiate(script: vm.Script): Function {
    let fn = this.core.functions.get(script);
    if (!fn) {
      fn = script.runInContext(this.context) as Function;
      this.core.functions.set(script, fn);
    }
    return fn;
  }

  /** True when `value` (an object or function) was created in this realm. */
  owns(value: object): boolean {
    // Template code cannot make proxies (no Proxy global), so a proxy is host-made whatever its prototype.
    if (types.isProxy(value)) return false;
    let proto: object | null = value;
    for (let depth = 0; proto !== null && depth < 1000; depth++) {
      if (proto === this.sb.ObjectPrototype) return true;
      proto = Reflect.getPrototypeOf(proto);
    }
    return false;
  }

  isSandboxPromise(value: unknown): value is Promise<unknown> {
    if (typeof value !== 'object' || value === null) return false;
    let proto: object | null = value;
    for (let depth = 0; proto !== null && depth < 1000; depth++) {
      if (proto === this.sb.PromisePrototype) return true;
      proto = Reflect.getPrototypeOf(proto);
    }
    return false;
  }

  /**
   * Runs `fn(...args)` (a sandbox function) through the context's runner script, so a runaway
   * loop is stopped after `timeoutMs` like a hung template.
   */
  runGuarded(fn: unknown, args: unknown[], timeoutMs?: number): unknown {
    const sbArgs = this.sb.newArray();
    for (let i = 0; i < args.length; i++) sbArgs[i] = args[i];
    this.sb.setPending(fn, sbArgs);
    RUN_PENDING.runInContext(this.context, timeoutMs && timeoutMs > 0 ? { timeout: Math.ceil(timeoutMs) } : undefined);
    return this.sb.takeResult();
  }

  /** Wraps a host function as a sandbox function: arguments copied out, result copied in, errors converted. */
  wrapHostFunction(fn: Function, name = fn.name || 'anonymous'): Function {
    const known = this.maps?.hostFnWrappers.get(fn) ?? (this.maps?.wrappedSandboxFns.get(fn) as Function | undefined);
    if (known) return known;
    this.crossedAsync = true;
    const raw = SANDBOX_ARGUMENTS.has(fn);
    const wrapper = namedWrapper(this.core, (args) => this.invokeHost(() => fn(...(raw ? listOf(args) : this.argsFromSandbox(args)))), name);
    this.wrappers.hostFnWrappers.set(fn, wrapper);
    this.wrappers.wrappedHostFns.set(wrapper, fn);
    return wrapper;
  }

  /** Makes a sandbox function whose body is host code that receives the raw sandbox arguments. */
  rawSandboxFunction(name: string, body: (args: unknown[]) => unknown): Function {
    return namedWrapper(this.core, (args) => this.invokeRaw(body, args), name);
  }

  /** invokeHost for a body taking the arguments as a host array: no closure per call. */
  private invokeRaw(body: (args: unknown[]) => unknown, args: ArrayLike<unknown>): unknown {
    let result: unknown;
    try {
      result = body(listOf(args));
    } catch (err) {
      throw this.toSandboxError(err);
    }
    return this.hostResult(result);
  }

  /** Runs host code for a sandbox caller: the result is copied in, any host error re-created in the realm. */
  invokeHost(body: () => unknown): unknown {
    let result: unknown;
    try {
      result = body();
    } catch (err) {
      throw this.toSandboxError(err);
    }
    return this.hostResult(result);
  }

  /** What host code returned, as the sandbox may see it. */
  private hostResult(result: unknown): unknown {
    if (typeof result === 'object' && result !== null && this.owns(result)) {
      // A sandbox object built by host code: make sure no host function was put inside it.
      this.sanitize(result, new Set());
      return result;
    }
    return this.toSandbox(result);
  }

  /** Replaces host functions found in plain sandbox objects/arrays with sandbox wrappers, in place. */
  private sanitize(value: object, seen: Set<object>): void {
    if (seen.has(value) || this.isSandboxPromise(value) || types.isRegExp(value)) return;
    seen.add(value);
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'function') {
        if (!this.owns(item)) replaceOwn(value, key, this.toSandbox(item));
      } else if (typeof item === 'object' && item !== null) {
        if (this.owns(item)) this.sanitize(item, seen);
        else replaceOwn(value, key, this.toSandbox(item));
      }
    }
  }

  argsFromSandbox(args: ArrayLike<unknown>): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < args.length; i++) out.push(this.fromSandbox(args[i]));
    return out;
  }

  // `seen` is made only once a copy starts: most values crossing are primitives, and a Map per
  // argument and per result was a tenth of a run's allocations.
  toSandbox<T>(value: T, seen?: Map<object, unknown>): T {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const obj = value as unknown as object;
    if (typeof value === 'function') {
      const original = this.maps?.wrappedSandboxFns.get(value as unknown as Function);
      if (original) return original as unknown as T;
      if (this.owns(obj)) return value;
      return this.wrapHostFunction(value as unknown as Function) as unknown as T;
    }
    if (this.owns(obj)) return value;
    seen ??= new Map();
    if (seen.has(obj)) return seen.get(obj) as T;
    if (obj instanceof RegExp) return this.sb.newRegExp(obj.source, obj.flags) as unknown as T;
    if (obj instanceof Error) return this.toSandboxError(obj) as unknown as T;
    if (obj instanceof Promise) return this.promiseToSandbox(obj) as unknown as T;
    if (Array.isArray(obj)) {
      const out = this.sb.newArray();
      seen.set(obj, out);
      for (let i = 0; i < obj.length; i++) out[i] = this.toSandbox(obj[i], seen);
      return out as unknown as T;
    }
    if (obj instanceof Date) return obj.toISOString() as unknown as T;
    const out = this.sb.newObject();
    seen.set(obj, out);
    for (const key of Object.keys(obj)) defineOwn(out, key, this.toSandbox((obj as Record<string, unknown>)[key], seen));
    return out as unknown as T;
  }

  fromSandbox<T>(value: T, seen?: Map<object, unknown>): T {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    if (typeof value === 'function') {
      const fn = value as unknown as Function;
      const host = this.maps?.wrappedHostFns.get(fn);
      if (host) return host as unknown as T;
      return this.hostWrapperOf(fn) as unknown as T;
    }
    const obj = value as unknown as object;
    if (!this.owns(obj) && !this.isNullProtoObject(obj)) return value;
    seen ??= new Map();
    if (seen.has(obj)) return seen.get(obj) as T;
    if (this.isSandboxPromise(obj)) return this.promiseFromSandbox(obj) as unknown as T;
    // Regexes from createRegex stay themselves (testRegex with 'g' keeps lastIndex state).
    if (types.isRegExp(obj)) return value;
    if (Array.isArray(obj)) {
      const out: unknown[] = [];
      seen.set(obj, out);
      for (let i = 0; i < obj.length; i++) out[i] = this.fromSandbox(ownDataValue(obj, String(i)), seen);
      return out as unknown as T;
    }
    const out: Record<string, unknown> = {};
    seen.set(obj, out);
    for (const key of Object.keys(obj)) {
      const d = Reflect.getOwnPropertyDescriptor(obj, key);
      if (d && 'value' in d) defineOwn(out, key, this.fromSandbox(d.value, seen));
    }
    return out as T;
  }

  /** A host callable for a sandbox function: arguments go in as sandbox copies, the result comes out as a host copy. */
  hostWrapperOf(fn: Function): Function {
    const known = this.maps?.sandboxFnWrappers.get(fn);
    if (known) return known;
    this.crossedAsync = true;
    const host = (...args: unknown[]) => {
      const sbArgs = args.map((a) => this.toSandbox(a));
      return this.fromSandbox(this.host ? this.host.callGuarded(fn, sbArgs) : Reflect.apply(fn, undefined, sbArgs));
    };
    this.wrappers.sandboxFnWrappers.set(fn, host);
    this.wrappers.wrappedSandboxFns.set(host, fn);
    return host;
  }

  /** The sandbox function behind a host wrapper, or the argument itself. */
  unwrapSandboxFunction(fn: unknown): unknown {
    return (typeof fn === 'function' && this.maps?.wrappedSandboxFns.get(fn)) || fn;
  }

  toSandboxError(err: unknown): Error {
    if (typeof err === 'object' && err !== null && this.owns(err)) return err as Error;
    return sandboxErrorOf(this.sb, err);
  }

  /** A sandbox promise that settles with copies of what the host promise settles with. */
  promiseToSandbox(p: Promise<unknown>): Promise<unknown> {
    this.crossedAsync = true;
    this.host?.trackHostPromise(p);
    return this.sb.newPromise((resolve, reject) => {
      // A copy that fails (a stack overflow on a deep value) rejects with an error of the realm.
      const settle = (copy: () => unknown, to: (v: unknown) => void) => {
        let v: unknown;
        try {
          v = copy();
        } catch (err) {
          try {
            reject(this.toSandboxError(err));
          } catch {
            // no stack left even for that: the promise stays pending, nothing leaks
          }
          return;
        }
        to(v);
      };
      p.then(
        (v) => settle(() => this.toSandbox(v), resolve),
        (e) => settle(() => this.toSandbox(e), reject),
      );
    });
  }

  /**
   * A host promise that follows a sandbox promise. Uses the realm's original `then` with
   * sandbox-realm callbacks, so no host function is handed to sandbox code.
   */
  promiseFromSandbox(p: Promise<unknown>): Promise<unknown> {
    this.crossedAsync = true;
    const host = new Promise((resolve, reject) => {
      // then() reads p.constructor (and its Symbol.species): one that is not the realm's own
      // Promise (an own property, or a swapped prototype) could run template code from host
      // code, outside the watchdog. GTM code cannot do either, so such a promise is refused.
      // (Other own keys are fine: Node's async hooks put symbols on every promise.)
      if (Reflect.getPrototypeOf(p) !== this.sb.PromisePrototype || Reflect.getOwnPropertyDescriptor(p, 'constructor') !== undefined) {
        reject(new TypeError('a promise whose constructor was changed cannot be followed'));
        return;
      }
      const onValue = namedWrapper(this.core, (args) => { resolve(this.fromSandbox(args[0])); }, 'resolve');
      const onError = namedWrapper(this.core, (args) => { reject(this.fromSandbox(args[0])); }, 'reject');
      Reflect.apply(this.sb.promiseThen, p, [onValue, onError]);
    });
    // A copy made for an API argument (getType(p), logToConsole(p)) may never be awaited; its
    // rejection must not reach Node's unhandled-rejection handling. Callers that chain on it
    // still see the rejection.
    Promise.prototype.then.call(host, undefined, () => {});
    return host;
  }

  private isNullProtoObject(obj: object): boolean {
    return typeof obj === 'object' && Reflect.getPrototypeOf(obj) === null;
  }

  retire(): void {
    retiredPromisePrototypes.add(this.sb.PromisePrototype);
  }
}
