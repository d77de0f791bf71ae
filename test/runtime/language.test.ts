import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeLanguageErrors, languageErrors } from '../../sandbox-shim/runtime/language-gate';
import { runTemplate } from '../../sandbox-shim/runtime/run-template';
import { parseTemplate } from '../../sandbox-shim/template/parse';
import { makeTemplate } from './helpers';

const macro = (code: string, data: Record<string, unknown> = {}) => runTemplate(makeTemplate({ code, type: 'MACRO' }), { data, tagTimeoutMs: 2000 });

describe('template code runs as the body of function (data) with require', () => {
  test('top-level return gives the variable value', async () => {
    const record = await macro('return data.a * 2;', { a: 21 });
    expect(record.status).toBe('success');
    expect(record.returnValue).toBe(42);
  });

  test('function declarations are hoisted; let/const are block scoped', async () => {
    const record = await macro(`
      const out = [];
      let x = 1;
      if (true) { let x = 2; out.push(x); }
      out.push(x);
      out.push(twice(5));
      for (let i = 0; i < 2; i++) { const y = i * 10; out.push(y); }
      return out;
      function twice(n) { return n * 2; }`);
    expect(record.returnValue).toEqual([2, 1, 10, 0, 10]);
  });

  test('closures and arrow functions see their scope; arguments works in function functions', async () => {
    const record = await macro(`
      function sum() { let t = 0; for (let i = 0; i < arguments.length; i++) t += arguments[i]; return t; }
      const add = (a) => (b) => a + b;
      return [sum(1, 2, 3), add(2)(3), sum()];`);
    expect(record.returnValue).toEqual([6, 5, 0]);
  });

  test('assigning to a const is an error with the template line', async () => {
    const record = await macro('const a = 1;\na = 2;\nreturn a;');
    expect(record.status).toBe('exception');
    expect(record.error).toBe('TypeError: Assignment to constant variable. (template line 2)');
  });

  test('assigning an undeclared identifier is an error (no implicit globals)', async () => {
    const record = await macro('let ok = 1;\n\ncounter = 5;');
    expect(record.status).toBe('exception');
    expect(record.error).toBe('ReferenceError: counter is not defined (template line 3)');
  });

  test('no host or JS globals: Math, JSON, Date, console, process are not defined', async () => {
    for (const name of ['Math', 'JSON', 'Date', 'console', 'process', 'globalThis', 'setTimeout', 'encodeURI', 'Object']) {
      const record = await macro(`return ${name};`);
      expect(record.error).toBe(`ReferenceError: ${name} is not defined (template line 1)`);
    }
  });

  test('undefined, NaN and Infinity resolve', async () => {
    const record = await macro('return [typeof undefined, NaN !== NaN, Infinity > 1];');
    expect(record.returnValue).toEqual(['undefined', true, true]);
  });

  test('reading a property of undefined throws like JS', async () => {
    const record = await macro('const o = {};\nreturn o.missing.deeper;');
    expect(record.error).toBe("TypeError: Cannot read properties of undefined (reading 'deeper') (template line 2)");
  });

  test('a syntax error is an exception naming the line', async () => {
    const record = await macro('const a = 1;\nconst = 2;');
    expect(record.status).toBe('exception');
    expect(record.error).toMatch(/^SyntaxError: .+ \(template line 2\)$/);
  });

  test('string and array methods behave as in JS', async () => {
    const record = await macro(`return ['a-b-c'.replace('-', '+'), 'abc'.match('^[a-c]+$') !== null, (255).toString(16), [3, 1, 2].sort().join('')];`);
    expect(record.returnValue).toEqual(['a+b-c', true, 'ff', '123']);
  });

  test('data is a copy: template writes do not reach the caller', async () => {
    const data = { list: [1] };
    const record = await runTemplate(makeTemplate({ code: 'data.list.push(2); return data.list;', type: 'MACRO' }), { data });
    expect(record.returnValue).toEqual([1, 2]);
    expect(data.list).toEqual([1]);
  });
});

describe('propertyAccessOnNullish: "undefined" (lenient reads)', () => {
  const lenient = (code: string, data: Record<string, unknown> = {}) =>
    runTemplate(makeTemplate({ code, type: 'MACRO' }), { data, propertyAccessOnNullish: 'undefined' });

  test('reading through undefined or null yields undefined; methods and line numbers still work', async () => {
    const record = await lenient(
      `const a = data.missing.deeper;\nconst b = data.nil.x;\nconst c = 'a-b'.split('-').map((s) => s.toUpperCase()).join(data.sep);\nreturn [a, b, c, typeof data.missing.x.y];`,
      { nil: null, sep: '+' },
    );
    expect(record).toMatchObject({ status: 'success', returnValue: [undefined, undefined, 'A+B', 'undefined'] });
    const call = await lenient('const x = 1;\nreturn data.missing.method();');
    expect(call.error).toBe('TypeError: method is not a function (template line 2)');
  });

  test('writes keep JS semantics: assigning a property of undefined throws', async () => {
    const record = await lenient('const o = {};\no.a.b = 1;');
    expect(record.status).toBe('exception');
    expect(record.error).toBe("TypeError: Cannot set properties of undefined (setting 'b') (template line 2)");
  });
});

describe('the language check before a run (GTM would not save such a template)', () => {
  const fixture = parseTemplate(readFileSync(path.join(__dirname, '..', 'fixtures', 'uses-new-and-this.tpl'), 'utf8'), 'uses-new-and-this.tpl');
  const expected =
    "the template code uses constructs GTM's sandbox does not run (GTM would not save it): " +
    '4:2 this: `this` is not available; pass the object as a parameter; ' +
    '7:16 new: `new` is not available in the sandbox; build values with literals and require()d APIs (e.g. Promise.create instead of new Promise)';

  test('code with new/this does not run: exception listing every violation, also in the console', async () => {
    const record = await runTemplate(fixture, { tagTimeoutMs: 2000 });
    expect(record.status).toBe('exception');
    expect(record.error).toBe(expected);
    expect(record.console).toEqual([{ level: 'error', message: expected }]);
  });

  test("languageCheck: 'off' runs it anyway", async () => {
    const record = await runTemplate(fixture, { tagTimeoutMs: 2000, languageCheck: 'off' });
    expect(record.status).toBe('success');
    expect(record.console).toEqual([{ level: 'log', message: 'count 1' }]);
  });

  test('warnings (shorthand properties, compound assignment) do not stop a run; syntax errors keep V8 wording', async () => {
    expect((await macro('const a = 1;\nlet b = 2;\nb -= 1;\nreturn {a, b};')).returnValue).toEqual({ a: 1, b: 1 });
    expect((await macro('return 1 +;')).error).toBe('SyntaxError: Unexpected token \';\' (template line 1)');
  });

  test('the check is made once per code string', () => {
    expect(languageErrors('try { x(); } catch (e) {}')).toBe(languageErrors('try { x(); } catch (e) {}'));
    expect(describeLanguageErrors(languageErrors('try { x(); } catch (e) {}'))).toBe(
      "the template code uses constructs GTM's sandbox does not run (GTM would not save it): 1:0 try statement: try/catch/finally is not supported; check values before use (sandbox APIs return undefined instead of throwing)",
    );
  });
});
