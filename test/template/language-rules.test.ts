import { checkLanguage, RULES } from '../../sandbox-shim/template/language-rules';

/** "line:column severity construct" for each problem, the shape most assertions compare. */
const brief = (code: string) => checkLanguage(code).map((p) => `${p.line}:${p.column} ${p.severity} ${p.construct}`);

describe('checkLanguage: constructs the sandbox does not run', () => {
  const cases: [string, string, string[]][] = [
    ['new', 'const p = new Promise(f);', ['1:10 error new']],
    ['new.target', 'function f() {\n  return new.target;\n}', ['2:9 error new.target']],
    ['this', 'function f() {\n  return this.x;\n}', ['2:9 error this']],
    ['class declaration', 'class A {}', ['1:0 error class']],
    ['class expression', 'const A = class {};', ['1:10 error class']],
    ['try/catch', 'try {\n  x();\n} catch (e) {}', ['1:0 error try statement']],
    ['try/finally', 'try { x(); } finally { y(); }', ['1:0 error try statement']],
    ['throw', 'if (!a) {\n  throw "no";\n}', ['2:2 error throw']],
    ['regex literal', "const ok = /^a+$/i.test('aa');", ['1:11 error regex literal']],
    ['template literal', 'const s = `a${b}`;', ['1:10 error template literal']],
    ['tagged template', 'const s = tag`a`;', ['1:10 error tagged template']],
    ['spread in array', 'const b = [...a];', ['1:11 error spread']],
    ['spread in call', 'f(...args);', ['1:2 error spread']],
    ['spread in object', 'const o = {...a};', ['1:11 error spread']],
    ['rest parameter', 'function f(a, ...rest) {}', ['1:14 error rest parameter']],
    ['rest parameter of an arrow', 'const f = (...xs) => xs;', ['1:11 error rest parameter']],
    ['object destructuring', 'const {a} = o;', ['1:6 error destructuring']],
    ['array destructuring in assignment', '[a, b] = [b, a];', ['1:0 error destructuring']],
    ['destructured parameter', 'function f({a}) {}', ['1:11 error destructuring']],
    ['destructuring in for-of', 'for (const [k, v] of pairs) {}', ['1:11 error destructuring']],
    ['default parameter', 'function f(a = 1) {}', ['1:11 error default parameter']],
    ['default parameter of an arrow', 'const f = (a, b = 2) => a + b;', ['1:14 error default parameter']],
    ['getter', 'const o = {get x() { return 1; }};', ['1:11 error getter/setter']],
    ['setter', 'const o = {set x(v) {}};', ['1:11 error getter/setter']],
    ['delete', 'delete o.k;', ['1:0 error delete']],
    ['in operator', "if ('k' in o) {}", ['1:4 error in operator']],
    ['instanceof', 'const isArr = x instanceof Array;', ['1:14 error instanceof']],
    ['label', 'outer: for (;;) {\n  break outer;\n}', ['1:0 error label']],
    ['generator', 'function* g() {}', ['1:0 error generator']],
    ['async function', 'async function f() {}', ['1:0 error async function']],
    ['async arrow and await', 'const f = async () => {\n  await p;\n};', ['1:10 error async function', '2:2 error await']],
    ['import declaration', "import x from 'y';\nx();", ['1:0 error import/export']],
    ['export', 'export const a = 1;', ['1:0 error import/export']],
    ['dynamic import', "import('x');", ['1:0 error import()']],
    ['with', 'with (o) {\n  a = 1;\n}', ['1:0 error with statement']],
    ['debugger', 'debugger;', ['1:0 error debugger']],
    ['void', 'const u = void 0;', ['1:10 error void']],
    ['optional chaining', 'const v = a?.b.c;', ['1:10 error optional chaining']],
    ['optional call', 'f?.();', ['1:0 error optional chaining']],
    ['nullish coalescing', 'const v = a ?? b;', ['1:10 error nullish coalescing']],
    ['nullish assignment', 'a ??= b;', ['1:0 error nullish coalescing']],
    ['exponent', 'const v = a ** 2;', ['1:10 error exponent operator']],
    ['exponent assignment', 'a **= 2;', ['1:0 error exponent operator']],
    ['.constructor', 'const C = o.constructor;', ['1:10 error forbidden property']],
    ["['__proto__']", "const p = o['__proto__'];", ['1:10 error forbidden property']],
    ['.prototype', 'f.prototype.x = 1;', ['1:0 error forbidden property']],
    ['shorthand property (warning)', 'const o = {a};', ['1:11 warning shorthand property']],
    ['object method (warning)', 'const o = {f() { return 1; }};', ['1:11 warning object method']],
    ['computed key (warning)', 'const o = {[k]: 1};', ['1:11 warning computed key']],
    ['-= (warning)', 'a -= 1;', ['1:0 warning compound assignment']],
    ['|= (warning)', 'flags |= 4;', ['1:0 warning compound assignment']],
    ['||= (warning)', 'a ||= b;', ['1:0 warning compound assignment']],
  ];

  it.each(cases)('%s', (_label, code, expected) => {
    expect(brief(code)).toEqual(expected);
  });

  it('says what to write instead', () => {
    const messages = (code: string) => checkLanguage(code).map((p) => p.message);
    expect(messages('delete o.k;')).toEqual(["the delete operator is not supported; use Object.delete(obj, key) (require('Object'))"]);
    expect(messages('/x/;')).toEqual(['regex literals are not supported; use createRegex(pattern, flags) or a string pattern in match()/search()']);
    expect(messages("'k' in o;")).toEqual(['the in operator is not supported; use obj.hasOwnProperty(k) or obj[k] !== undefined']);
    expect(messages('try {} catch (e) {}')).toEqual(['try/catch/finally is not supported; check values before use (sandbox APIs return undefined instead of throwing)']);
  });

  it('reports every problem in source order with where', () => {
    const problems = checkLanguage('const a = `x`;\nconst b = new B();\nconst c = this;', 'scenario "x"');
    expect(problems.map((p) => [p.where, p.line, p.column, p.construct])).toEqual([
      ['scenario "x"', 1, 10, 'template literal'],
      ['scenario "x"', 2, 10, 'new'],
      ['scenario "x"', 3, 10, 'this'],
    ]);
  });

  it('reports a syntax error as one problem at acorn\'s position', () => {
    expect(checkLanguage('const a = ;\nnew X();')).toEqual([
      { severity: 'error', where: '___SANDBOXED_JS_FOR_SERVER___', line: 1, column: 10, construct: 'syntax error', message: 'Unexpected token' },
    ]);
  });

  it('every rule has a construct name and a message that says what to do', () => {
    for (const rule of RULES) {
      expect(rule.construct).not.toBe('');
      expect(rule.message).toMatch(/; /);
    }
  });
});

describe('checkLanguage: what real templates use parses clean', () => {
  const accepted: [string, string][] = [
    ['let/const/var', 'var a = 1;\nlet b = 2;\nconst c = 3;'],
    ['arrow functions, block and expression bodies', 'const f = (x) => x * 2;\nconst g = x => {\n  return x;\n};'],
    ['top-level return', 'return data.gtmOnSuccess();'],
    ['hoisted function declaration', 'helper();\nfunction helper() {\n  return 1;\n}'],
    ['for-in (its in is not the operator)', 'for (const k in obj) {\n  if (obj.hasOwnProperty(k)) {}\n}\nfor (var i in arr) {}'],
    ['for-of', 'for (const item of items) {\n  log(item);\n}'],
    ['switch with continue in a loop', "for (let i = 0; i < 3; i++) {\n  switch (x) {\n    case 'a':\n      continue;\n    default:\n      break;\n  }\n}"],
    ['typeof and arguments', "function f() {\n  return typeof arguments[0] === 'string';\n}"],
    ['bitwise operators', 'const h = (a << 5) - a + (b & 0xff) | 0 ^ ~c >>> 1 >> 2;'],
    ['+=, ++ and --', "let s = '';\ns += 'a';\ni++;\n--j;"],
    ['comma and ternary', 'let a = (b = 1, c = 2);\nconst t = a ? b : c;'],
    ['do-while', 'do {\n  i++;\n} while (i < 3);'],
    ['trailing commas in literals', 'const o = {\n  a: 1,\n};\nconst arr = [1, 2,];'],
    ['string-keyed object literal and method calls', "const o = {'max-age': 60, sameSite: 'lax'};\no.x = [1].concat([2]).join(',');"],
    ['a computed member that is not forbidden', "const v = o['constructorName'] + o.proto + o[key];"],
    ['logical operators', 'const v = a && b || !c;'],
  ];
  it.each(accepted)('%s', (_label, code) => {
    expect(checkLanguage(code)).toEqual([]);
  });
});
