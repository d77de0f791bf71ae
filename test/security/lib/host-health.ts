/**
 * Is the host still healthy after an attack? Its built-ins are exactly as they were (no
 * property added, removed or replaced on any intrinsic or its prototype) and a normal template
 * still runs to success. Used in-process by the corpus and inside the contained child.
 */
import { parseTemplate, runTemplate } from '../../../sandbox-shim';
import { serverTag } from '../../template/tpl-text';

const INTRINSICS: Record<string, unknown> = {
  Object, Array, Function, String, Number, Boolean, Symbol, BigInt, Promise, RegExp, Date, Map, Set, WeakMap,
  Error, TypeError, RangeError, SyntaxError, EvalError, ReferenceError, JSON, Math, Reflect,
  Iterator: Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
  Generator: Object.getPrototypeOf(function* () {}),
  AsyncFunction: Object.getPrototypeOf(async () => undefined),
};

type Snapshot = Map<string, unknown>;

function describeOwn(target: object, prefix: string, into: Snapshot): void {
  for (const key of Reflect.ownKeys(target)) {
    const d = Object.getOwnPropertyDescriptor(target, key)!;
    into.set(`${prefix}.${String(key)}`, 'value' in d ? d.value : [d.get, d.set]);
  }
  into.set(`${prefix} [[Prototype]]`, Object.getPrototypeOf(target));
  into.set(`${prefix} extensible`, Object.isExtensible(target));
}

export function snapshotIntrinsics(): Snapshot {
  const snap: Snapshot = new Map();
  for (const [name, value] of Object.entries(INTRINSICS)) {
    describeOwn(value as object, name, snap);
    const proto = (value as { prototype?: unknown }).prototype;
    if (proto && typeof proto === 'object') describeOwn(proto, `${name}.prototype`, snap);
  }
  // Node defines some globals lazily (a getter that becomes a value on first read): keys only.
  snap.set('globalThis keys', Reflect.ownKeys(globalThis).map(String).sort().join(','));
  return snap;
}

/** Every difference between two snapshots, e.g. "Object.prototype.polluted added". */
export function intrinsicChanges(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [key, value] of after) {
    if (!before.has(key)) changes.push(`${key} added`);
    else if (!sameValue(before.get(key), value)) changes.push(`${key} changed`);
  }
  for (const key of before.keys()) if (!after.has(key)) changes.push(`${key} removed`);
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  return Object.is(a, b);
}

const NORMAL = parseTemplate(
  serverTag({
    code: "const makeString = require('makeString');\nconst JSON = require('JSON');\nif (JSON.stringify([makeString(1), {a: 2}]) === '[\"1\",{\"a\":2}]') data.gtmOnSuccess(); else data.gtmOnFailure();",
  }),
  'normal.tpl',
);

/** What is wrong with the host (empty when healthy): changed built-ins, or a normal tag that no longer succeeds. */
export async function hostProblems(before: Snapshot): Promise<string[]> {
  const problems = intrinsicChanges(before, snapshotIntrinsics());
  const probe = { polluted: undefined as unknown };
  for (const key of ['polluted', 'then', 'isAdmin', 'toJSON']) {
    if ((probe as Record<string, unknown>)[key] !== undefined || ([] as unknown as Record<string, unknown>)[key] !== undefined) problems.push(`a fresh host object inherits "${key}"`);
  }
  const record = await runTemplate(NORMAL, { tagTimeoutMs: 3000 });
  if (record.status !== 'success') problems.push(`a normal tag ended as ${record.status}${record.error ? `: ${record.error}` : ''}`);
  return problems;
}

/**
 * Runs a normal tag once so the execution units are started before an attack is timed: a unit's
 * start-up (a process, its bundle) is not part of what an attack's time bound measures.
 */
export async function warmUp(): Promise<void> {
  const record = await runTemplate(NORMAL, { tagTimeoutMs: 30_000 });
  if (record.status !== 'success') throw new Error(`warm-up run ended as ${record.status}: ${record.error}`);
}
