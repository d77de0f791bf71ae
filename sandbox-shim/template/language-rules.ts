/**
 * The sandboxed-JavaScript language check: which constructs GTM's sandbox does not run
 * (spec §1.3, §1.6) and what to write instead.
 *
 * RULES is the whole policy as data: node type(s), an optional test, the construct's short name,
 * severity and the fix. Errors are constructs with no opcode in the sandbox's instruction set;
 * warnings are constructs GTM's compiler might desugar but nobody has verified.
 */
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import type { Problem } from '../types';

type AnyNode = acorn.Node & Record<string, any>;

export interface LanguageRule {
  /** acorn node types the rule looks at. */
  nodes: string[];
  /** Further condition on the node (and its parent); absent means every node of those types. */
  test?: (node: AnyNode, parent: AnyNode | undefined) => boolean;
  construct: string;
  severity: 'error' | 'warning';
  message: string;
}

const FORBIDDEN_MEMBERS = new Set(['constructor', '__proto__', 'prototype']);
const isFunction = (n: AnyNode | undefined) => !!n && /Function/.test(n.type);
const memberName = (n: AnyNode): unknown => (n.computed ? (n.property.type === 'Literal' ? n.property.value : undefined) : n.property.name);

export const RULES: LanguageRule[] = [
  { nodes: ['NewExpression'], construct: 'new', severity: 'error', message: '`new` is not available in the sandbox; build values with literals and require()d APIs (e.g. Promise.create instead of new Promise)' },
  { nodes: ['MetaProperty'], test: (n) => n.meta.name === 'new', construct: 'new.target', severity: 'error', message: '`new.target` is not available; the sandbox has no constructors' },
  { nodes: ['ThisExpression'], construct: 'this', severity: 'error', message: '`this` is not available; pass the object as a parameter' },
  { nodes: ['ClassDeclaration', 'ClassExpression'], construct: 'class', severity: 'error', message: 'classes are not supported; use plain functions and object literals' },
  { nodes: ['Super'], construct: 'super', severity: 'error', message: '`super` is not available; use plain functions' },
  { nodes: ['TryStatement'], construct: 'try statement', severity: 'error', message: 'try/catch/finally is not supported; check values before use (sandbox APIs return undefined instead of throwing)' },
  { nodes: ['ThrowStatement'], construct: 'throw', severity: 'error', message: 'throw is not supported; call data.gtmOnFailure() and return' },
  { nodes: ['Literal'], test: (n) => !!n.regex, construct: 'regex literal', severity: 'error', message: 'regex literals are not supported; use createRegex(pattern, flags) or a string pattern in match()/search()' },
  { nodes: ['TemplateLiteral'], test: (_n, p) => p?.type !== 'TaggedTemplateExpression', construct: 'template literal', severity: 'error', message: 'template literals are not supported; concatenate strings with +' },
  { nodes: ['TaggedTemplateExpression'], construct: 'tagged template', severity: 'error', message: 'tagged templates are not supported; call the function with the string' },
  { nodes: ['SpreadElement'], construct: 'spread', severity: 'error', message: 'spread (...) is not supported; use concat() for arrays, copy keys in a for-in loop for objects' },
  { nodes: ['RestElement'], test: (_n, p) => isFunction(p), construct: 'rest parameter', severity: 'error', message: 'rest parameters are not supported; read extra arguments from `arguments`' },
  { nodes: ['ObjectPattern', 'ArrayPattern'], construct: 'destructuring', severity: 'error', message: 'destructuring is not supported; read properties one by one (const a = obj.a;)' },
  { nodes: ['AssignmentPattern'], test: (_n, p) => isFunction(p), construct: 'default parameter', severity: 'error', message: 'default parameters are not supported; assign inside the function (if (x === undefined) x = …;)' },
  { nodes: ['Property', 'MethodDefinition'], test: (n) => n.kind === 'get' || n.kind === 'set', construct: 'getter/setter', severity: 'error', message: 'getters and setters are not supported; use a plain function property' },
  { nodes: ['UnaryExpression'], test: (n) => n.operator === 'delete', construct: 'delete', severity: 'error', message: 'the delete operator is not supported; use Object.delete(obj, key) (require(\'Object\'))' },
  { nodes: ['UnaryExpression'], test: (n) => n.operator === 'void', construct: 'void', severity: 'error', message: 'void is not supported; use undefined' },
  { nodes: ['BinaryExpression'], test: (n) => n.operator === 'in', construct: 'in operator', severity: 'error', message: 'the in operator is not supported; use obj.hasOwnProperty(k) or obj[k] !== undefined' },
  { nodes: ['BinaryExpression'], test: (n) => n.operator === 'instanceof', construct: 'instanceof', severity: 'error', message: 'instanceof is not supported; use getType(x) (require(\'getType\'))' },
  { nodes: ['BinaryExpression'], test: (n) => n.operator === '**', construct: 'exponent operator', severity: 'error', message: '** is not supported; use Math.pow(a, b) (require(\'Math\'))' },
  { nodes: ['AssignmentExpression'], test: (n) => n.operator === '**=', construct: 'exponent operator', severity: 'error', message: '**= is not supported; write a = Math.pow(a, b) (require(\'Math\'))' },
  { nodes: ['LogicalExpression'], test: (n) => n.operator === '??', construct: 'nullish coalescing', severity: 'error', message: '?? is not supported; write (x !== undefined && x !== null) ? x : fallback' },
  { nodes: ['AssignmentExpression'], test: (n) => n.operator === '??=', construct: 'nullish coalescing', severity: 'error', message: '??= is not supported; write if (x === undefined || x === null) x = value;' },
  { nodes: ['ChainExpression'], construct: 'optional chaining', severity: 'error', message: 'optional chaining (?.) is not supported; check each step (a && a.b)' },
  { nodes: ['LabeledStatement'], construct: 'label', severity: 'error', message: 'labels are not supported; leave outer loops with a flag variable' },
  { nodes: ['FunctionDeclaration', 'FunctionExpression'], test: (n) => n.generator, construct: 'generator', severity: 'error', message: 'generators are not supported; build and return an array instead' },
  { nodes: ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'], test: (n) => n.async, construct: 'async function', severity: 'error', message: 'async functions are not supported; use Promise from require(\'Promise\') with .then()' },
  { nodes: ['AwaitExpression'], construct: 'await', severity: 'error', message: 'await is not supported; use .then() on the promise' },
  { nodes: ['ImportDeclaration', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'ExportAllDeclaration'], construct: 'import/export', severity: 'error', message: 'modules are not supported; the code is a function body: get APIs with require(\'apiName\') and return the value' },
  { nodes: ['ImportExpression'], construct: 'import()', severity: 'error', message: 'import() is not supported; get APIs with require(\'apiName\')' },
  { nodes: ['MetaProperty'], test: (n) => n.meta.name === 'import', construct: 'import.meta', severity: 'error', message: 'import.meta is not available; the code is a function body, not a module' },
  { nodes: ['WithStatement'], construct: 'with statement', severity: 'error', message: 'with is not supported; name the object explicitly' },
  { nodes: ['DebuggerStatement'], construct: 'debugger', severity: 'error', message: 'debugger is not supported; remove it and use logToConsole' },
  { nodes: ['MemberExpression'], test: (n) => FORBIDDEN_MEMBERS.has(memberName(n) as string), construct: 'forbidden property', severity: 'error', message: 'constructor, __proto__ and prototype are not reachable in the sandbox; use object literals and plain functions' },
  // Unverified in GTM (spec §1.3): no opcode, but GTM's compiler may desugar them.
  { nodes: ['Property'], test: (n, p) => p?.type === 'ObjectExpression' && n.shorthand && n.kind === 'init', construct: 'shorthand property', severity: 'warning', message: 'shorthand properties are unverified in GTM; write {a: a}' },
  { nodes: ['Property'], test: (n, p) => p?.type === 'ObjectExpression' && n.method, construct: 'object method', severity: 'warning', message: 'method shorthand is unverified in GTM; write {f: function () {…}}' },
  { nodes: ['Property'], test: (n, p) => p?.type === 'ObjectExpression' && n.computed, construct: 'computed key', severity: 'warning', message: 'computed keys in object literals are unverified in GTM; create the object, then assign obj[k] = v' },
  { nodes: ['AssignmentExpression'], test: (n) => !['=', '+=', '**=', '??='].includes(n.operator), construct: 'compound assignment', severity: 'warning', message: 'only += is verified in GTM; write a = a OP b' },
];

const RULES_BY_NODE = new Map<string, LanguageRule[]>();
for (const rule of RULES) {
  for (const type of rule.nodes) RULES_BY_NODE.set(type, [...(RULES_BY_NODE.get(type) ?? []), rule]);
}

const PARSE_OPTIONS = { ecmaVersion: 'latest', allowReturnOutsideFunction: true, locations: true } as const;

/** Parses sandboxed code the way the checker does; throws acorn's SyntaxError. */
export function parseCode(code: string, sourceType: 'script' | 'module' = 'script'): acorn.Program {
  return acorn.parse(code, { ...PARSE_OPTIONS, sourceType });
}

interface AcornSyntaxError extends SyntaxError {
  loc?: { line: number; column: number };
}

function syntaxProblem(err: AcornSyntaxError, where: string): Problem {
  return {
    severity: 'error',
    where,
    line: err.loc?.line ?? 1,
    column: err.loc?.column ?? 0,
    construct: 'syntax error',
    message: err.message.replace(/ \(\d+:\d+\)$/, ''),
  };
}

/** Every construct in `code` that GTM's sandbox does not run, in source order. */
export function checkLanguage(code: string, where = '___SANDBOXED_JS_FOR_SERVER___'): Problem[] {
  let ast: acorn.Program;
  try {
    ast = parseCode(code);
  } catch (err) {
    // import/export only parse as a module: report them as constructs rather than a bare
    // syntax error, so the message says what to do instead.
    if (!/may appear only with 'sourceType: module'/.test((err as Error).message)) return [syntaxProblem(err as AcornSyntaxError, where)];
    try {
      ast = parseCode(code, 'module');
    } catch (moduleErr) {
      return [syntaxProblem(err as AcornSyntaxError, where)];
    }
  }
  const problems: Problem[] = [];
  walk.fullAncestor(ast, (node, _state, ancestors) => {
    const rules = RULES_BY_NODE.get(node.type);
    if (!rules) return;
    const parent = ancestors[ancestors.length - 2] as AnyNode | undefined;
    for (const rule of rules) {
      if (rule.test && !rule.test(node as AnyNode, parent)) continue;
      problems.push({
        severity: rule.severity,
        where,
        line: node.loc!.start.line,
        column: node.loc!.start.column,
        construct: rule.construct,
        message: rule.message,
      });
    }
  });
  return problems.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
}
