import { fakeRun } from './fake-context';
import { re2Compatible } from '../../sandbox-shim/apis/values';

const { apis } = fakeRun();

describe('makeString / makeNumber / makeInteger edge cases (documented table)', () => {
  const cases: [unknown, string, number, number][] = [
    [null, 'null', 0, 0],
    [undefined, 'undefined', NaN, NaN],
    [true, 'true', 1, 1],
    [false, 'false', 0, 0],
    [{ a: 1 }, '[object Object]', NaN, NaN],
    [[1, 2], '1,2', NaN, NaN],
    [[7], '7', 7, 7],
    [[], '', 0, 0],
    ['12.7', '12.7', 12.7, 12],
    ['-12.7', '-12.7', -12.7, -12],
    ['abc', 'abc', NaN, NaN],
    [' 42 ', ' 42 ', 42, 42],
    ['', '', 0, 0],
    [3.99, '3.99', 3.99, 3],
  ];
  it.each(cases)('%p → %p / %p / %p', (input, str, num, int) => {
    expect(apis.makeString(input)).toBe(str);
    expect(apis.makeNumber(input)).toBe(num);
    expect(apis.makeInteger(input)).toBe(int);
  });
});

describe('makeTableMap', () => {
  it('maps key column to value column', () => {
    const table = [{ key: 'a', value: 1 }, { key: 'b', value: 'two' }, { value: 'no key' }, { key: 'no value' }];
    expect(apis.makeTableMap(table, 'key', 'value')).toEqual({ a: 1, b: 'two' });
    const odd = apis.makeTableMap([{ key: '__proto__', value: { polluted: true } }], 'key', 'value');
    expect(Object.keys(odd)).toEqual(['__proto__']);
    expect(odd.polluted).toBeUndefined();
  });
  it('gives null for an empty table or when no row has both columns', () => {
    expect(apis.makeTableMap([], 'key', 'value')).toBeNull();
    expect(apis.makeTableMap([{ key: 'a' }, { value: 1 }], 'key', 'value')).toBeNull();
  });
  it('gives null for bad input', () => {
    expect(apis.makeTableMap('x', 'key', 'value')).toBeNull();
    expect(apis.makeTableMap([1], 'key', 'value')).toBeNull();
    expect(apis.makeTableMap([{ key: 'a' }], undefined, 'value')).toBeNull();
  });
});

describe('getType', () => {
  it('names every sandbox type', () => {
    expect([undefined, null, true, 1, 's', [], {}, () => 1].map(apis.getType)).toEqual([
      'undefined', 'null', 'boolean', 'number', 'string', 'array', 'object', 'function',
    ]);
  });
});

describe('JSON', () => {
  it('parse returns undefined on bad input and coerces non-strings', () => {
    expect(apis.JSON.parse('{"a":[1,{"b":null}]}')).toEqual({ a: [1, { b: null }] });
    expect(apis.JSON.parse('{bad')).toBeUndefined();
    expect(apis.JSON.parse(undefined)).toBeUndefined();
    expect(apis.JSON.parse(12)).toBe(12);
    expect(apis.JSON.parse(true)).toBe(true);
    expect(apis.JSON.parse(null)).toBeNull();
  });
  it('stringify returns undefined on cycles', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.me = cyclic;
    expect(apis.JSON.stringify(cyclic)).toBeUndefined();
    expect(apis.JSON.stringify({ a: [1, 'x'], f: () => 1 })).toBe('{"a":[1,"x"]}');
  });
});

describe('Math', () => {
  it('coerces arguments to numbers', () => {
    expect(apis.Math.abs('-3')).toBe(3);
    expect(apis.Math.ceil('1.2')).toBe(2);
    expect(apis.Math.floor('1.8')).toBe(1);
    expect(apis.Math.round('2.5')).toBe(3);
    expect(apis.Math.max('3', 10, '7')).toBe(10);
    expect(apis.Math.min('3', 10, null)).toBe(0);
    expect(apis.Math.pow('2', '10')).toBe(1024);
    expect(apis.Math.sqrt('81')).toBe(9);
    expect(apis.Math.abs('x')).toBeNaN();
  });
});

describe('Object', () => {
  it('keys / values / entries of objects and arrays, [] for the rest', () => {
    const nested = { n: 1 };
    const obj = { a: 1, b: nested };
    expect(apis.Object.keys(obj)).toEqual(['a', 'b']);
    expect(apis.Object.values(obj)[1]).toBe(nested);
    expect(apis.Object.entries(obj)).toEqual([['a', 1], ['b', { n: 1 }]]);
    expect(apis.Object.keys(['x', 'y'])).toEqual(['0', '1']);
    expect(apis.Object.keys(null)).toEqual([]);
    expect(apis.Object.keys('str')).toEqual([]);
  });
  it('freeze makes writes ineffective; delete removes keys and reports', () => {
    const obj: Record<string, unknown> = { a: 1, b: 2 };
    expect(apis.Object.delete(obj, 'a')).toBe(true);
    expect(obj).toEqual({ b: 2 });
    expect(apis.Object.freeze(obj)).toBe(obj);
    expect(Object.isFrozen(obj)).toBe(true);
    expect(apis.Object.delete(obj, 'b')).toBe(false);
    expect(apis.Object.delete(null, 'b')).toBe(false);
    expect(apis.Object.freeze(5)).toBe(5);
  });
});

describe('createRegex / testRegex', () => {
  it('builds a regex honouring only g and i', () => {
    const re = apis.createRegex('^ab+c$', 'gimsuy');
    expect(re).toBeInstanceOf(RegExp);
    expect(re.flags).toBe('gi');
    expect(apis.testRegex(re, 'ABBC')).toBe(true);
    expect('xAbCx abc'.replace(apis.createRegex('abc', 'gi'), '-')).toBe('x-x -');
    expect('a1b22c'.split(apis.createRegex('[0-9]+'))).toEqual(['a', 'b', 'c']);
    expect('hello'.search(apis.createRegex('l+'))).toBe(2);
    expect('a1b2'.match(apis.createRegex('[0-9]', 'g'))).toEqual(['1', '2']);
  });

  it('testRegex is stateful with g', () => {
    const re = apis.createRegex('a', 'g');
    expect([apis.testRegex(re, 'a'), apis.testRegex(re, 'a'), apis.testRegex(re, 'a')]).toEqual([true, false, true]);
    const plain = apis.createRegex('a');
    expect([apis.testRegex(plain, 'a'), apis.testRegex(plain, 'a')]).toEqual([true, true]);
  });

  it('returns null for what RE2 rejects and for invalid patterns', () => {
    for (const pattern of ['a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b', '(a)\\1', '(?<x>a)\\k<x>', 'a{1001}', 'a{2,5000}', '(', '[a-']) {
      expect([pattern, apis.createRegex(pattern)]).toEqual([pattern, null]);
    }
  });

  it('accepts RE2 spellings JS lacks: (?P<name>…) and a leading (?i)', () => {
    const named = apis.createRegex('(?P<year>\\d{4})');
    expect('in 2024'.match(named)?.groups).toEqual({ year: '2024' });
    expect(apis.testRegex(apis.createRegex('(?i)abc'), 'ABC')).toBe(true);
    expect(re2Compatible('[(?=]\\(?=x')).toEqual({ source: '[(?=]\\(?=x', inlineFlags: '' });
    expect(apis.createRegex('(?si)a.b', 'g').flags).toBe('gis');
    expect(apis.createRegex('(?U)a+')).toBeNull();
    expect(apis.testRegex(apis.createRegex('^\\p{L}+$'), 'héllo')).toBe(true);
    expect(apis.createRegex('a{2,1000}')).not.toBeNull();
  });

  it('testRegex refuses a non-regex', () => {
    expect(() => apis.testRegex('a', 'a')).toThrow('testRegex: the first argument must be a regex made by createRegex');
  });
});
