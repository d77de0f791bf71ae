import { JsonArraySplitter, LineSplitter } from '../../scripts/health/splitters';

function collect(make: (sink: { record(t: string): void; malformed(): void }) => { push(c: string): void; end(): void }, chunks: string[]) {
  const records: string[] = [];
  let malformed = 0;
  const splitter = make({ record: (t) => records.push(t), malformed: () => malformed++ });
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return { records, malformed };
}

const arraySplit = (chunks: string[], max = 1 << 20) => collect((s) => new JsonArraySplitter(s, max), chunks);
const lineSplit = (chunks: string[], max = 1 << 20) => collect((s) => new LineSplitter(s, max), chunks);

describe('JsonArraySplitter', () => {
  const elements = [
    '{"a":"x]y}z","b":[1,{"c":"\\"quoted\\" [bracket]"}]}',
    '{"path":"C:\\\\dir\\\\","n":null}',
    '"a string, with a comma"',
    '12.5',
    'true',
    '{"emoji":"😀 ünïcode","nested":{"deep":[[],[{}]]}}',
  ];
  const text = `[\n  ${elements.join(',\n  ')}\n]\n`;

  it('splits top-level elements, respecting strings, escapes and nesting', () => {
    const { records, malformed } = arraySplit([text]);
    expect(records).toEqual(elements);
    expect(malformed).toBe(0);
    expect(records.map((r) => JSON.parse(r))[1]).toEqual({ path: 'C:\\dir\\', n: null });
  });

  it('gives the same elements whatever the chunk boundaries', () => {
    for (let cut = 1; cut < text.length; cut++) {
      expect(arraySplit([text.slice(0, cut), text.slice(cut)]).records).toEqual(elements);
    }
    expect(arraySplit([...text]).records).toEqual(elements);
  });

  it('reads several arrays in a row and bare top-level objects', () => {
    expect(arraySplit(['[{"a":1}]\n[{"b":2},{"c":3}]\n{"d":4}']).records).toEqual(['{"a":1}', '{"b":2}', '{"c":3}', '{"d":4}']);
  });

  it('reports a truncated last element and stray text as malformed, keeping the rest', () => {
    expect(arraySplit(['[{"a":1}, {"b":"unterminated']) ).toEqual({ records: ['{"a":1}'], malformed: 1 });
    expect(arraySplit(['[{"a":1}] trailing garbage [{"b":2}]'])).toEqual({ records: ['{"a":1}', '{"b":2}'], malformed: 1 });
    expect(arraySplit(['[]'])).toEqual({ records: [], malformed: 0 });
  });

  it('skips elements longer than the limit without holding them', () => {
    const big = `{"x":"${'y'.repeat(100)}"}`;
    expect(arraySplit(['[{"a":1},', big.slice(0, 50), big.slice(50), ',{"b":2}]'], 64)).toEqual({ records: ['{"a":1}', '{"b":2}'], malformed: 1 });
  });
});

describe('LineSplitter', () => {
  it('splits on \\n across chunks and keeps a last line without newline', () => {
    expect(lineSplit(['a\nb', 'c\r\n', '\nd'])).toEqual({ records: ['a', 'bc\r', '', 'd'], malformed: 0 });
  });

  it('counts an over-long line once and resumes at the next line', () => {
    expect(lineSplit(['ok\n', 'x'.repeat(10), 'x'.repeat(10), 'x\nnext\n'], 16)).toEqual({ records: ['ok', 'next'], malformed: 1 });
  });
});
