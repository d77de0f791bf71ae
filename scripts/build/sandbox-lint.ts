/**
 * Checks the shim's language validator leaves to the build: globals that do not exist in the
 * sandbox (Date, parseInt, console, Array…: only `data` and `require` are injected) and methods
 * missing from the sandbox's standard library (spec §1.4: includes, find, startsWith, …).
 */
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import type { Problem } from '../../sandbox-shim/types';

type AnyNode = acorn.Node & Record<string, any>;

const SANDBOX_GLOBALS = new Set(['data', 'require', 'undefined', 'arguments']);

/** Method names not in the sandbox's documented standard library, with what to use instead. */
export const MISSING_METHODS: Record<string, string> = {
  includes: 'indexOf(x) !== -1',
  find: 'a for loop',
  findIndex: 'a for loop',
  startsWith: "s.substring(0, n) === prefix or s.indexOf(prefix) === 0",
  endsWith: 'a substring comparison',
  padStart: 'a loop that prepends',
  padEnd: 'a loop that appends',
  repeat: 'a loop',
  trimStart: 'trim()',
  trimEnd: 'trim()',
  isArray: "getType(x) === 'array'",
  assign: 'a for-in copy',
  flat: 'concat()',
  flatMap: 'map() then concat()',
  fill: 'a loop',
  toFixed: 'Math.round(x * 100) / 100',
  localeCompare: '< and >',
  normalize: 'nothing (not available)',
  codePointAt: 'charAt()',
  fromCharCode: 'nothing (not available)',
};

function declaredNames(ast: acorn.Node): Set<string> {
  const names = new Set<string>();
  const addPattern = (p: AnyNode | null | undefined): void => {
    if (!p) return;
    if (p.type === 'Identifier') names.add(p.name);
    else if (p.type === 'AssignmentPattern') addPattern(p.left);
    else if (p.type === 'RestElement') addPattern(p.argument);
    else if (p.type === 'ArrayPattern') p.elements.forEach(addPattern);
    else if (p.type === 'ObjectPattern') p.properties.forEach((prop: AnyNode) => addPattern(prop.type === 'RestElement' ? prop : prop.value));
  };
  walk.full(ast, (node) => {
    const n = node as AnyNode;
    if (n.type === 'VariableDeclarator') addPattern(n.id);
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') addPattern(n.id);
    if (/Function/.test(n.type)) n.params.forEach(addPattern);
    if (n.type === 'CatchClause') addPattern(n.param);
  });
  return names;
}

export function lintSandboxCode(code: string, where: string): Problem[] {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, locations: true });
  const declared = declaredNames(ast);
  const problems: Problem[] = [];
  walk.fullAncestor(ast, (node, _state, ancestors) => {
    const n = node as AnyNode;
    const parent = ancestors[ancestors.length - 2] as AnyNode | undefined;
    if (n.type === 'Identifier') {
      const isPropertyName = (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed)
        || (parent?.type === 'Property' && parent.key === n && !parent.computed && !parent.shorthand);
      if (isPropertyName || declared.has(n.name) || SANDBOX_GLOBALS.has(n.name)) return;
      problems.push({
        severity: 'error', where, line: n.loc!.start.line, column: n.loc!.start.column, construct: 'unknown global',
        message: `"${n.name}" does not exist in the sandbox (only data and require are global); require() an API instead`,
      });
    }
    if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && Object.prototype.hasOwnProperty.call(MISSING_METHODS, n.property.name)) {
      problems.push({
        severity: 'error', where, line: n.property.loc.start.line, column: n.property.loc.start.column, construct: 'missing method',
        message: `.${n.property.name}() is not in the sandbox's standard library; use ${MISSING_METHODS[n.property.name]}`,
      });
    }
  });
  return problems;
}
