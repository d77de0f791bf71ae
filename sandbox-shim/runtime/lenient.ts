/**
 * `propertyAccessOnNullish: 'undefined'`: the lenient reading of spec §1.3, where reading a
 * property of undefined/null yields undefined (as the Android IR interpreter does) instead of
 * throwing. Property reads and method calls are rewritten to two helpers; assignments keep JS
 * semantics. The rewrite never adds or removes line breaks, so template lines stay exact.
 */
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import vm from 'node:vm';
import type { Realm } from './realm';

export const GET = '__sgtm_get';
export const CALL = '__sgtm_call';

type Node = acorn.Node & Record<string, any>;
interface Target {
  node: Node;
  children: Target[];
}

function isTarget(node: Node, parent: Node | undefined): boolean {
  if (node.type === 'CallExpression') return node.callee.type === 'MemberExpression' && !node.optional && !node.callee.optional;
  if (node.type !== 'MemberExpression' || node.optional || node.object.type === 'Super') return false;
  if (!parent) return true;
  if (parent.type === 'AssignmentExpression' && parent.left === node) return false;
  if (parent.type === 'UpdateExpression') return false;
  if (parent.type === 'CallExpression' && parent.callee === node) return false;
  if ((parent.type === 'ForInStatement' || parent.type === 'ForOfStatement') && parent.left === node) return false;
  if (parent.type === 'ChainExpression') return false;
  return true;
}

export function rewriteNullishAccess(code: string): string {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true });
  const found: Node[] = [];
  walk.fullAncestor(ast, (node, _state, ancestors) => {
    const parent = ancestors[ancestors.length - 2] as Node | undefined;
    if (isTarget(node as Node, parent)) found.push(node as Node);
  });
  // Outermost first, then nest each target under the one that contains it.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: Target[] = [];
  const stack: Target[] = [];
  for (const node of found) {
    const target = { node, children: [] };
    while (stack.length && stack[stack.length - 1].node.end <= node.start) stack.pop();
    (stack.length ? stack[stack.length - 1].children : roots).push(target);
    stack.push(target);
  }
  const text = (start: number, end: number, kids: Target[]): string => {
    let out = '';
    let pos = start;
    for (const kid of kids) {
      if (kid.node.start < start || kid.node.end > end) continue;
      out += code.slice(pos, kid.node.start) + render(kid);
      pos = kid.node.end;
    }
    return out + code.slice(pos, end);
  };
  const key = (member: Node, kids: Target[]) =>
    member.computed ? `(${text(member.property.start, member.property.end, kids)})` : JSON.stringify(member.property.name);
  const render = (t: Target): string => {
    const n = t.node;
    if (n.type === 'MemberExpression') return `${GET}((${text(n.object.start, n.object.end, t.children)}), ${key(n, t.children)})`;
    const callee = n.callee as Node;
    const args = (n.arguments as Node[]).map((a) => `(${text(a.start, a.end, t.children)})`).join(', ');
    return `${CALL}((${text(callee.object.start, callee.object.end, t.children)}), ${key(callee, t.children)}, [${args}])`;
  };
  return text(0, code.length, roots);
}

const HELPERS = new vm.Script(
  `(function (FunctionPrototype, TypeError) {
  'use strict';
  const apply = FunctionPrototype.call.bind(FunctionPrototype.apply);
  const get = function (object, key) {
    return object === undefined || object === null ? undefined : object[key];
  };
  const call = function (object, key, args) {
    const fn = object === undefined || object === null ? undefined : object[key];
    if (typeof fn !== 'function') throw new TypeError(key + ' is not a function');
    return apply(fn, object, args);
  };
  return [get, call];
})`,
  { filename: 'sgtm-shim:lenient' },
);

/** The two helpers, made inside the realm. */
export function lenientHelpers(realm: Realm): [Function, Function] {
  const make = HELPERS.runInContext(realm.context) as (fp: object, te: ErrorConstructor) => [Function, Function];
  return make(realm.sb.FunctionPrototype, realm.sb.errors.TypeError);
}
