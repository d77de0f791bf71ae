/**
 * Compiles sandboxed code as the body of a strict-mode function, keeping line numbers: line N
 * of the code is line N of the compiled script, so V8's stack frames point at template lines.
 */
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import vm from 'node:vm';
import { defineOwn } from './own-property';

export interface CodeSource {
  filename: string;
  /** Turns a 1-based line of the compiled code into a label such as "template line 3". */
  label(line: number): string;
}

export interface CompiledCode extends CodeSource {
  script: vm.Script;
}

const cache = new Map<string, CompiledCode>();
const CACHE_LIMIT = 200;

/**
 * `params` become the function's parameters (e.g. data, require). Strict mode makes an
 * assignment to an undeclared name a ReferenceError, as in GTM (spec §1.1).
 */
export function compileBody(code: string, params: string[], filename: string, label: (line: number) => string): CompiledCode {
  const key = `${filename}\u0000${params.join(',')}\u0000${code}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const importLine = dynamicImportLine(code);
  if (importLine !== undefined) {
    // Node 20 rejects import() in a vm context with an error of the host realm (the flag that
    // would let a callback answer is experimental): such code is never compiled, whatever the
    // language check says.
    const err = new SyntaxError(`import() is not available in the sandbox; get APIs with require('apiName')`);
    (err as { sgtmLocation?: string }).sgtmLocation = label(importLine);
    throw err;
  }
  const source = `(function (${params.join(', ')}) {'use strict';\n${code}\n})`;
  let script: vm.Script;
  try {
    script = new vm.Script(source, { filename, lineOffset: -1 });
  } catch (err) {
    // V8 puts the line of a syntax error only in a decorated stack, which test runners rewrite; ask acorn.
    const line = syntaxErrorLine(code);
    if (line !== undefined && err && typeof err === 'object') (err as { sgtmLocation?: string }).sgtmLocation = label(line);
    throw err;
  }
  const compiled = { script, filename, label };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

/** The line of the first import() in code, or undefined (also for code that does not parse: V8 reports that). */
function dynamicImportLine(code: string): number | undefined {
  if (!/\bimport\b/.test(code)) return undefined;
  let ast: acorn.Node;
  try {
    ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, locations: true });
  } catch {
    // Not parseable as a script: might still be valid for V8? Refuse any import( token to be safe.
    const at = /\bimport\s*\(/.exec(code);
    return at ? code.slice(0, at.index).split('\n').length : undefined;
  }
  let found: number | undefined;
  walk.full(ast, (node) => {
    if (found === undefined && node.type === 'ImportExpression') found = node.loc?.start.line;
  });
  return found;
}

function syntaxErrorLine(code: string): number | undefined {
  try {
    acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, locations: true });
  } catch (err) {
    return (err as { loc?: { line: number } }).loc?.line;
  }
  return undefined;
}

/**
 * A property's value found as a data property along the prototype chain, without calling a
 * getter: errors and values come from template code, which can define accessors through a
 * constructor chain, and describing an error happens outside the vm watchdog.
 */
export function dataProperty(value: unknown, key: string): unknown {
  let target: unknown = value;
  for (let depth = 0; target !== null && (typeof target === 'object' || typeof target === 'function') && depth < 100; depth++) {
    const d = Reflect.getOwnPropertyDescriptor(target as object, key);
    if (d) return 'value' in d ? d.value : undefined;
    target = Reflect.getPrototypeOf(target as object);
  }
  return undefined;
}

/** The first stack frame in one of `sources`, as a label; undefined when none is found. */
export function locate(err: unknown, sources: CodeSource[]): string | undefined {
  const known = dataProperty(err, 'sgtmLocation');
  if (typeof known === 'string' && sources.length > 0) return known;
  let stack: unknown;
  try {
    stack = dataProperty(err, 'stack');
  } catch {
    return undefined;
  }
  if (typeof stack !== 'string') return undefined;
  for (const line of stack.split('\n')) {
    for (const source of sources) {
      const at = line.lastIndexOf(source.filename + ':');
      if (at === -1) continue;
      const m = /^(\d+):\d+/.exec(line.slice(at + source.filename.length + 1));
      if (m) return source.label(Number(m[1]));
    }
  }
  return undefined;
}

/** "TypeError: x is not a function (template line 4)". */
export function describeError(err: unknown, sources: CodeSource[]): string {
  let text: string;
  try {
    const message = dataProperty(err, 'message');
    if (typeof err === 'object' && err !== null && typeof message === 'string') {
      const name = dataProperty(err, 'name');
      text = `${typeof name === 'string' ? name : 'Error'}: ${message}`;
    } else {
      text = `Uncaught value: ${safeString(err)}`;
    }
  } catch {
    text = 'Error: (unreadable error)';
  }
  const where = locate(err, sources);
  return where ? `${text} (${where})` : text;
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'object' && value !== null ? JSON.stringify(dataCopy(value, new Set())) ?? '[unprintable]' : String(value);
  } catch {
    return '[unprintable]';
  }
}

/** Own data properties only (no getter, no toJSON runs): the value may be template-made. */
function dataCopy(value: unknown, seen: Set<object>): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (seen.has(value) || seen.size > 1000) return '[Circular]';
  seen.add(value);
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string') continue;
    const d = Reflect.getOwnPropertyDescriptor(value, key);
    if (!d || !d.enumerable || !('value' in d) || (Array.isArray(value) && key === 'length')) continue;
    defineOwn(out, key, dataCopy(d.value, seen));
  }
  seen.delete(value);
  return out;
}
