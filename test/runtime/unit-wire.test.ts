/**
 * The wire between the host and its execution units (sandbox-shim/unit/frames.ts): length-prefixed
 * frames on a socket pair, JSON text when JSON carries the message exactly, else V8's structured
 * clone. What must hold:
 *   - framing survives any read boundaries (a frame split across reads, a header split in two,
 *     many frames in one read, a frame of tens of MB);
 *   - a message arrives as V8's structured clone would deliver it, whichever encoding it took;
 *   - a unit that breaks the protocol (garbage, a torn frame, a crash mid-frame) ends its runs with
 *     a clear error and the host lives on;
 *   - nothing a template logs or returns can forge a frame to the host (canary: a forged record
 *     that would turn a failed run into a success).
 * Fake units (tests' own scripts speaking the protocol as written in frames.ts) stand in for a
 * unit that misbehaves; the attacks run in real units.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import v8 from 'node:v8';
import { runTemplate } from '../../sandbox-shim/runtime/run-template';
import { encodeFrame, FrameDecoder, FrameError, jsonExact, MAX_FRAME_BYTES, readsInto } from '../../sandbox-shim/unit/frames';
import { UnitPool } from '../../sandbox-shim/unit/pool';
import type { ConsoleEntry, PreviewRecord } from '../../sandbox-shim/types';
import { ALL_LOGGING, makeTemplate } from './helpers';

/** Everything observable of a value: types, -0, NaN, holes, undefined keys, key order, prototypes' kinds, shared and cyclic references. */
function shape(value: unknown, ids = new Map<object, number>()): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (ids.has(value)) return `#${ids.get(value)}`;
  ids.set(value, ids.size);
  const tag = Object.prototype.toString.call(value);
  if (value instanceof Map || tag === '[object Map]') return `${tag}{${[...(value as Map<unknown, unknown>)].map(([k, v]) => `${shape(k, ids)}=>${shape(v, ids)}`).join(',')}}`;
  if (value instanceof Set || tag === '[object Set]') return `${tag}{${[...(value as Set<unknown>)].map((v) => shape(v, ids)).join(',')}}`;
  if (tag === '[object Date]') return `${tag}(${(value as Date).getTime()})`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${Array.from(value as Uint8Array).join(',')})`;
  const parts: string[] = [];
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) parts.push(i in value ? shape(value[i], ids) : '<hole>');
  for (const key of Object.keys(value)) {
    if (Array.isArray(value) && /^\d+$/.test(key)) continue;
    parts.push(`${JSON.stringify(key)}:${shape((value as Record<string, unknown>)[key], ids)}`);
  }
  const proto = Reflect.getPrototypeOf(value);
  const kind = proto === null ? 'null-proto' : tag;
  return `${kind}{${parts.join(',')}}`;
}

/** Decodes whole frames from `bytes` fed in pieces of `size` bytes. */
function decodeAll(bytes: Buffer, size: number): unknown[] {
  const out: unknown[] = [];
  const decoder = new FrameDecoder((m) => out.push(m));
  for (let at = 0; at < bytes.length; at += size) decoder.push(bytes.subarray(at, at + size));
  return out;
}

const viaV8 = (value: unknown) => v8.deserialize(v8.serialize(value));

describe('frames: read boundaries', () => {
  const messages = [{ type: 'ready' }, { type: 'console', id: 7, entries: [{ level: 'log', message: 'é 😀 \u0000 {"type":"done"}' }] }, { type: 'pong', onCpu: NaN }];
  const stream = Buffer.concat(messages.map(encodeFrame));

  test.each([1, 2, 3, 5, 7, 64, stream.length])('every message arrives once, in order, with reads of %i bytes', (size) => {
    expect(decodeAll(stream, size).map((m) => shape(m))).toEqual(messages.map((m) => shape(viaV8(m))));
  });

  test('many frames in one read (500 messages)', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ type: 'enter', id: i }));
    expect(decodeAll(Buffer.concat(many.map(encodeFrame)), Infinity)).toEqual(many);
  });

  test('a 40 MB frame read 64 KB at a time arrives whole', () => {
    const big = { type: 'console', id: 1, entries: [{ level: 'log', message: 'x'.repeat(40 * 1024 * 1024) + 'end' }] };
    const [out] = decodeAll(encodeFrame(big), 65536) as (typeof big)[];
    expect(out.entries[0].message.length).toBe(40 * 1024 * 1024 + 3);
    expect(out.entries[0].message.endsWith('xend')).toBe(true);
  });

  test.each<[string, Buffer, RegExp]>([
    ['a length over the limit', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]), /^malformed frame \(a frame of 4294967295 bytes, over the limit of 1073741824\)$/],
    ['text where a frame should be', Buffer.from('HTTP/1.1 200 OK\r\n\r\n'), /^malformed frame \(a frame of 1347703880 bytes, over the limit/],
    ['a body that is neither JSON nor V8', Buffer.from([5, 0, 0, 0, 0x68, 0x65, 0x6c, 0x6c, 0x6f]), /^malformed frame \(the body starts with neither JSON nor a V8 serialization header \(byte 0x68\)\)$/],
    ['an empty body', Buffer.from([0, 0, 0, 0]), /^malformed frame \(a frame with an empty body\)$/],
    ['broken JSON', Buffer.concat([Buffer.from([6, 0, 0, 0]), Buffer.from('{"a":1')]), /^malformed frame \(its 6-byte JSON body cannot be parsed/],
    ['a truncated V8 body', Buffer.concat([Buffer.from([3, 0, 0, 0]), v8.serialize({ a: 'long string' }).subarray(0, 3)]), /^malformed frame \(its 3-byte body cannot be deserialized/],
  ])('%s is a FrameError, and the decoder ignores what follows', (_label, bytes, message) => {
    const out: unknown[] = [];
    const decoder = new FrameDecoder((m) => out.push(m));
    let error: unknown;
    try {
      decoder.push(bytes);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FrameError);
    expect((error as Error).message).toMatch(message);
    decoder.push(encodeFrame({ type: 'ready' }));
    expect(out).toEqual([]);
  });

  test('reads into one reused buffer (as a unit reads): frames split across reads and a V8 body with bytes survive the next read', () => {
    const messages = [
      { type: 'run', id: 1, options: { data: { text: 'a'.repeat(100) } } },
      { type: 'run', id: 2, options: { data: { bytes: Buffer.from('kept bytes'), missing: undefined } } },
      { type: 'reply', callId: 3, ok: true, value: { statusCode: 200 } },
    ];
    const stream = Buffer.concat(messages.map(encodeFrame));
    const out: unknown[] = [];
    const decoder = new FrameDecoder((m) => out.push(m), undefined, true);
    const reused = Buffer.alloc(37);
    for (let at = 0; at < stream.length; at += reused.length) {
      const n = stream.copy(reused, 0, at, at + reused.length);
      decoder.push(reused.subarray(0, n));
      reused.fill(0x58); // the next read overwrites what the decoder was handed
    }
    expect(out.map((m) => shape(m))).toEqual(messages.map((m) => shape(viaV8(m))));
    expect(String((out[1] as { options: { data: { bytes: Buffer } } }).options.data.bytes)).toBe('kept bytes');
  });

  test('the limit is 1 GiB', () => {
    expect(MAX_FRAME_BYTES).toBe(1024 * 1024 * 1024);
  });
});

describe('readsInto: how the host reads its end of a unit\'s socket pair', () => {
  test("a child process's socket is read into one reused buffer on this Node (else the host falls back to data events, slower)", async () => {
    const child = spawn(process.execPath, ['-e', "require('fs').writeSync(3, 'hello from fd 3')"], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    const seen: string[] = [];
    const reused = readsInto(child.stdio[3] as Socket, (bytes) => seen.push(bytes.toString()));
    await new Promise((resolve) => child.on('close', resolve));
    expect(reused).toBe(true);
    expect(seen.join('')).toBe('hello from fd 3');
  });

  test('a stream without those fields is read through data events, chunks of its own', () => {
    const stream = new PassThrough();
    const seen: Buffer[] = [];
    expect(readsInto(stream as unknown as Socket, (bytes) => seen.push(bytes))).toBe(false);
    stream.write(Buffer.from('abc'));
    stream.write(Buffer.from('def'));
    expect(Buffer.concat(seen).toString()).toBe('abcdef');
  });
});

describe('frames: a message arrives as V8 structured clone delivers it, JSON or not', () => {
  const shared = { n: 1 };
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;
  const nullProto = Object.assign(Object.create(null) as object, { a: 1 });
  const withExtra = Object.assign([1, 2], { extra: true });
  const wide = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i]));
  const cases: [string, unknown, 'json' | 'v8'][] = [
    ['a run record', { type: 'done', id: 3, record: { template: 't', status: 'success', executionTimeMs: 0, outgoingRequests: [], console: [{ level: 'log', message: 'hi' }], cookiesSet: [], responseHeaders: {}, eventData: null } }, 'json'],
    ['strings of every kind', { s: ['', 'é', '😀', '\ud800 lone', '\u0000\u2028', 'x'.repeat(400)] }, 'json'],
    ['more text than JSON is cheaper for (V8 copies strings as they are)', { s: ['x'.repeat(300), 'y'.repeat(300)] }, 'v8'],
    ['long keys count as text', { o: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${i}`.padStart(40, 'k'), i])) }, 'v8'],
    ['numbers', { n: [0, 1.5, -2, 1e300, Number.MAX_SAFE_INTEGER] }, 'json'],
    ['a __proto__ own key', JSON.parse('{"__proto__": {"polluted": true}, "b": 1}') as unknown, 'json'],
    ['a null-prototype object', { o: nullProto }, 'json'],
    ['integer-like keys', { o: { b: 1, 2: 'two', a: 3, 1: 'one' } }, 'json'],
    ['undefined as a value', { u: undefined, v: 1 }, 'v8'],
    ['undefined in an array', { a: [1, undefined] }, 'v8'],
    ['a hole', { a: [1, , 3] }, 'v8'], // eslint-disable-line no-sparse-arrays
    ['NaN', { n: NaN }, 'v8'],
    ['-0', { n: -0 }, 'v8'],
    ['Infinity', { n: -Infinity }, 'v8'],
    ['a Date', { d: new Date(86_400_000) }, 'v8'],
    ['a Map and a Set', { m: new Map([['k', 1]]), s: new Set([1, 'x']) }, 'v8'],
    ['a BigInt', { b: 10n }, 'v8'],
    ['bytes', { u: new Uint8Array([1, 2, 3]) }, 'v8'],
    ['an array with an extra key', { a: withExtra }, 'v8'],
    ['a shared reference', { a: shared, b: shared }, 'v8'],
    ['a cycle', { c: cyclic }, 'v8'],
    ['a message too wide to check', { w: wide }, 'v8'],
  ];

  test.each(cases)('%s', (_label, value, encoding) => {
    const frame = encodeFrame(value);
    expect(frame[4] === 0x7b ? 'json' : 'v8').toBe(encoding);
    expect(jsonExact(value)).toBe(encoding === 'json');
    const [out] = decodeAll(frame, 1000);
    expect(shape(out)).toBe(shape(viaV8(value)));
  });

  test('a function cannot cross (as with Node IPC): encoding throws, nothing is produced', () => {
    expect(() => encodeFrame({ f: () => 1 })).toThrow(/could not be cloned/);
  });

  test('a proxy is left to V8, which refuses it as Node IPC did', () => {
    expect(jsonExact({ p: new Proxy({}, {}) })).toBe(false);
    expect(() => encodeFrame({ p: new Proxy({}, {}) })).toThrow(/could not be cloned/);
  });
});

describe('a unit that breaks the protocol', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtm-wire-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A fake unit: says ready, then answers each run with `onRun(message, frame, link)`. The protocol as frames.ts writes it. */
  function fakeUnit(name: string, onRun: string): string {
    const file = path.join(dir, `${name}.js`);
    fs.writeFileSync(
      file,
      `const net = require('net'); const v8 = require('v8');
const link = new net.Socket({ fd: 3, readable: true, writable: true });
const frame = (m) => { const body = v8.serialize(m); const h = Buffer.alloc(4); h.writeUInt32LE(body.length); return Buffer.concat([h, body]); };
const done = (id, extra) => ({ type: 'done', id, record: { template: 'fake.tpl', status: 'success', executionTimeMs: 0, outgoingRequests: [], console: [], cookiesSet: [], responseHeaders: {}, eventData: null, ...extra } });
let buf = Buffer.alloc(0);
link.on('data', (c) => {
  buf = Buffer.concat([buf, c]);
  while (buf.length >= 4) {
    const n = buf.readUInt32LE(0); if (buf.length < 4 + n) break;
    const body = buf.subarray(4, 4 + n); buf = buf.subarray(4 + n);
    const m = body[0] === 0x7b ? JSON.parse(body.toString()) : v8.deserialize(body);
    if (m.type === 'run') { const onRun = ${onRun}; onRun(m); }
  }
});
link.on('end', () => process.exit(0));
link.write(frame({ type: 'ready' }));
`,
    );
    return file;
  }

  const template = makeTemplate({ code: 'data.gtmOnSuccess();' });
  async function runIn(script: string, options: Parameters<UnitPool['run']>[1] = {}): Promise<PreviewRecord> {
    const pool = new UnitPool({ size: 1, unitScript: script });
    try {
      return await pool.run(template, { tagTimeoutMs: 20_000, ...options });
    } finally {
      await pool.close();
    }
  }

  afterAll(async () => {
    // The host lives on: a real unit still runs templates.
    const record = await runTemplate(makeTemplate({ code: "require('logToConsole')('after');\ndata.gtmOnSuccess();", permissions: ALL_LOGGING }));
    expect(record.status).toBe('success');
    expect(record.console).toEqual([{ level: 'log', message: 'after' }]);
  });

  test('a record written one byte at a time arrives whole', async () => {
    const script = fakeUnit('trickle', `(m) => {
      const bytes = frame(done(m.id, { console: [{ level: 'log', message: 'slow é' }] }));
      let i = 0; const next = () => { if (i < bytes.length) { link.write(bytes.subarray(i, ++i)); setTimeout(next, 1); } }; next();
    }`);
    const record = await runIn(script, { eventData: { event_name: 'x' } });
    expect(record).toEqual({ template: 'fake.tpl', status: 'success', executionTimeMs: 0, outgoingRequests: [], console: [{ level: 'log', message: 'slow é' }], cookiesSet: [], responseHeaders: {}, eventData: { event_name: 'x' } });
  });

  test('200 console frames and the record in one write: every line reaches onConsole, in order', async () => {
    const script = fakeUnit('burst', `(m) => {
      const lines = Array.from({ length: 200 }, (_, i) => frame({ type: 'console', id: m.id, entries: [{ level: 'log', message: 'line ' + i }] }));
      link.write(Buffer.concat([...lines, frame(done(m.id))]));
    }`);
    const seen: ConsoleEntry[] = [];
    const record = await runIn(script, { onConsole: (entry) => seen.push(entry) });
    expect(record.status).toBe('success');
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => ({ level: 'log', message: `line ${i}` })));
  });

  test('a 30 MB record arrives whole', async () => {
    const script = fakeUnit('huge', `(m) => { link.write(frame(done(m.id, { console: [{ level: 'log', message: 'y'.repeat(30 * 1024 * 1024) }] }))); }`);
    const record = await runIn(script);
    expect(record.status).toBe('success');
    expect(record.console[0].message).toHaveLength(30 * 1024 * 1024);
  });

  test.each<[string, string, string]>([
    ['text instead of frames', `(m) => { link.write('HTTP/1.1 200 OK\\r\\n\\r\\n'); }`, 'the execution unit sent a malformed frame (a frame of 1347703880 bytes, over the limit of 1073741824); it was stopped'],
    ['a body that is no message', `(m) => { link.write(Buffer.from([5, 0, 0, 0, 0x68, 0x65, 0x6c, 0x6c, 0x6f])); }`, 'the execution unit sent a malformed frame (the body starts with neither JSON nor a V8 serialization header (byte 0x68)); it was stopped'],
    ['broken JSON', `(m) => { link.write(Buffer.concat([Buffer.from([6, 0, 0, 0]), Buffer.from('{"a":1')])); }`, 'the execution unit sent a malformed frame (its 6-byte JSON body cannot be parsed'],
  ])('%s: the run ends as exception with what went wrong, the unit is stopped', async (_label, onRun, error) => {
    const pool = new UnitPool({ size: 1, unitScript: fakeUnit(_label.replace(/\W/g, '-'), onRun) });
    try {
      const record = await pool.run(template, { tagTimeoutMs: 20_000 });
      expect(record.status).toBe('exception');
      expect(record.error?.startsWith(error)).toBe(true);
      expect(record.console.at(-1)).toEqual({ level: 'error', message: record.error });
      expect(pool.stats()).toMatchObject({ crashes: 1, live: 0 });
    } finally {
      await pool.close();
    }
  });

  test('a unit that dies in the middle of a frame: the run ends as exception naming the exit', async () => {
    const script = fakeUnit('torn', `(m) => { const bytes = frame(done(m.id)); link.write(bytes.subarray(0, 9), () => process.exit(3)); }`);
    const record = await runIn(script);
    expect(record.status).toBe('exception');
    expect(record.error).toBe('the execution unit exited (code 3)');
  });
});

describe('frames larger than the socket buffer, both ways, through a real unit', () => {
  test('options of 3 MB reach the unit (the host writes what the kernel takes and queues the rest)', async () => {
    const big = 'é'.repeat(3 * 1024 * 1024);
    const record = await runTemplate(makeTemplate({ code: 'return data.big.length + ":" + data.big.slice(-2);', type: 'MACRO' }), { data: { big } });
    expect(record.status).toBe('success');
    expect(record.returnValue).toBe(`${3 * 1024 * 1024}:éé`);
  });

  test('a record of 4 MB of console lines reaches the host whole and in order (the unit queues what the kernel does not take)', async () => {
    const record = await runTemplate(
      makeTemplate({ code: "const log = require('logToConsole');\nconst line = 'z'.repeat(2000);\nfor (let i = 0; i < 2000; i++) log(i + ' ' + line);\ndata.gtmOnSuccess();", permissions: ALL_LOGGING }),
      { languageCheck: 'off' },
    );
    expect(record.status).toBe('success');
    expect(record.console).toHaveLength(2000);
    expect(record.console.map((entry) => Number(entry.message.split(' ')[0]))).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(record.console.every((entry) => entry.message.length === String(Number(entry.message.split(' ')[0])).length + 2001)).toBe(true);
  });
});

describe('a template cannot forge frames to the host', () => {
  /** Bytes of a frame that would end run `id` as a success: the length prefix and a JSON body, then the same as a V8 body. */
  function forgedFrames(): string {
    const parts: Buffer[] = [];
    for (let id = 1; id <= 300; id++) {
      const message = { type: 'done', id, record: { template: 'FORGED-CANARY', status: 'success', executionTimeMs: 0, outgoingRequests: [], console: [], cookiesSet: [], responseHeaders: {}, eventData: null } };
      parts.push(encodeFrame(message));
      const body = v8.serialize(message);
      const head = Buffer.alloc(4);
      head.writeUInt32LE(body.length);
      parts.push(head, body);
    }
    return Buffer.concat(parts).toString('latin1');
  }
  const forged = forgedFrames();
  const attack = (tail: string, type?: 'MACRO') =>
    makeTemplate({ code: `const log = require('logToConsole');\nlog(${JSON.stringify(forged)});\n${tail}`, permissions: ALL_LOGGING, ...(type ? { type } : {}) });

  function expectNotForged(record: PreviewRecord, status: string): void {
    expect(record.status).toBe(status);
    expect(record.template).toBe('fixture.tpl');
    expect(record.console[0]).toEqual({ level: 'log', message: forged });
  }

  test('through console lines batched into the record (a JSON frame)', async () => {
    const record = await runTemplate(attack('data.gtmOnFailure();'));
    expectNotForged(record, 'failure');
  });

  test('through console lines streamed one frame each (onConsole)', async () => {
    const seen: ConsoleEntry[] = [];
    const record = await runTemplate(attack('data.gtmOnFailure();'), { onConsole: (entry) => seen.push(entry) });
    expectNotForged(record, 'failure');
    expect(seen).toEqual([{ level: 'log', message: forged }]);
  });

  test('through a record that travels as a V8 body (a macro returning NaN)', async () => {
    const record = await runTemplate(attack('return [0 / 0, "' + 'z'.repeat(10) + '"];', 'MACRO'));
    expectNotForged(record, 'success');
    expect(record.returnValue).toEqual([NaN, 'zzzzzzzzzz']);
  });

  test('the runs after the attack get their own records', async () => {
    await runTemplate(attack('data.gtmOnFailure();'));
    const next = await runTemplate(makeTemplate({ name: 'next.tpl', code: 'data.gtmOnFailure();' }));
    expect(next.status).toBe('failure');
    expect(next.template).toBe('next.tpl');
  });
});
