import fs from 'fs';
import os from 'os';
import path from 'path';
import { ConfigError, defaultConfig, LOCAL_TOKEN, loadConfigFile, resolveConfig, secretsOf } from '../../scripts/server/config';
import { serveConfig } from '../../scripts/server/command';
import { createLimiter } from '../../scripts/server/limiter';
import { createLogSink } from '../../scripts/server/log-sink';
import { createPreviewStore, type PreviewRequest } from '../../scripts/server/preview-store';
import { coverageTable } from '../../scripts/server/summary';
import { createHealthAccumulator } from '../../scripts/health';

const error = (fn: () => unknown) => { try { fn(); } catch (err) { return (err as Error).message; } return 'no error'; };

describe('server config', () => {
  test('defaults: loopback 8080, the built template, the embedded mock, logs/health.jsonl', () => {
    const c = resolveConfig({}, {});
    expect([c.host, c.port, c.template, c.tiktok.target, c.logs.file, c.mode, c.tag.fields.accessToken]).toEqual(['127.0.0.1', 8080, 'template/template.tpl', 'mock', 'logs/health.jsonl', 'preview', LOCAL_TOKEN]);
  });

  test('file values merge into the defaults; tag fields merge too', () => {
    const c = resolveConfig({ port: 9000, tag: { fields: { pixelCode: 'CMINE', timeoutMs: 800 } }, tiktok: { mock: { faults: { http5xx: 0.1 } } } }, {});
    expect(c.port).toBe(9000);
    expect(c.tag.fields).toEqual({ ...defaultConfig().tag.fields, pixelCode: 'CMINE', timeoutMs: 800 });
    expect(c.tiktok.mock.faults).toEqual({ http5xx: 0.1 });
  });

  test('environment wins over the file', () => {
    const c = resolveConfig({ port: 9000 }, { PORT: '8181', TIKTOK_PIXEL_CODE: 'CENV', SGTM_LOG_FILE: '' });
    expect([c.port, c.tag.fields.pixelCode, c.logs.file]).toEqual([8181, 'CENV', null]);
  });

  test.each([
    [{ prot: 1 }, {}, 'config: unknown key "prot" (known: host, port, template, tag, tiktok, mode, containerId, tagTimeoutMs, maxConcurrentTags, workers, permissions, preview, logs, limits, ga4)'],
    [{ logs: { fil: 'x' } }, {}, 'config: unknown key "logs.fil" (known: logs.file, logs.stdout)'],
    [{ port: 70000 }, {}, 'config: "port" must be an integer from 0 to 65535 (got 70000)'],
    [{}, { PORT: 'eighty' }, 'PORT must be an integer (got "eighty")'],
    [{}, { TIKTOK_API: 'prod' }, 'TIKTOK_API must be "real" or "mock" (got "prod")'],
    [{}, { TIKTOK_API: 'real' }, 'TIKTOK_API=real needs a real access token: set TIKTOK_ACCESS_TOKEN or tag.fields.accessToken in the config'],
    [{}, { TIKTOK_API: 'real', TIKTOK_ACCESS_TOKEN: 'abc123456' }, 'TIKTOK_API=real needs your pixel code: set TIKTOK_PIXEL_CODE or tag.fields.pixelCode in the config'],
    [{ tiktok: { mock: { faults: { timeout: 3 } } } }, {}, 'config: tiktok.mock.faults: fault share "timeout" must be a number from 0 to 1 (got 3)'],
    [{ mode: 'debug' }, {}, 'config: "mode" must be "preview" or "production" (got "debug")'],
    [{ workers: -1 }, {}, 'config: "workers" must be an integer from 0 to 64 (got -1)'],
  ])('%j with env %j → %s', (input, env, message) => {
    expect(error(() => resolveConfig(input as never, env as NodeJS.ProcessEnv))).toBe(message);
  });

  test('sgtm.config.example.json is a valid config', () => {
    const example = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'sgtm.config.example.json'), 'utf8'));
    expect(resolveConfig(example, {}).tag.fields.pixelCode).toBe('CLOCALPIXEL0001');
  });

  test('the real API with a token and pixel is accepted', () => {
    expect(resolveConfig({}, { TIKTOK_API: 'real', TIKTOK_ACCESS_TOKEN: 'abc123456', TIKTOK_PIXEL_CODE: 'CREAL1' }).tiktok.target).toBe('real');
  });

  test('config files: a missing default file is fine, a missing or broken explicit one is an error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtm-config-'));
    expect(loadConfigFile(undefined, dir)).toEqual({});
    expect(error(() => loadConfigFile('nope.json', dir))).toMatch(/^cannot read .*nope\.json: no such file$/);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"port": 80,');
    expect(error(() => loadConfigFile('bad.json', dir))).toMatch(/^config file .*bad\.json is not valid JSON: /);
    fs.writeFileSync(path.join(dir, 'sgtm.config.json'), '{"port": 8099}');
    expect(loadConfigFile(undefined, dir)).toEqual({ port: 8099 });
  });

  test('sgtm serve flags: --port, --template, --real, --quiet', () => {
    const { input, env } = serveConfig(['--port', '8282', '--template', 'x.tpl', '--real', '--quiet']);
    expect([env.PORT, env.SGTM_TEMPLATE, env.TIKTOK_API, input.logs?.stdout]).toEqual(['8282', 'x.tpl', 'real', false]);
    expect(error(() => serveConfig(['--bogus']))).toBe('unknown option --bogus (known: --real, --quiet, --verbose, --append, --config, --port, --template)');
  });

  test('secrets: the token field plus anything named like a token or secret', () => {
    const c = resolveConfig({ tag: { fields: { accessToken: 'tok-123456', apiSecret: 'sec-98765', pixelCode: 'CPIX' } } }, {});
    expect(secretsOf(c).sort()).toEqual(['sec-98765', 'tok-123456']);
    expect(ConfigError).toBeDefined();
  });
});

describe('log sink', () => {
  test('health lines go to stdout and the file, other console output to stdout only, secrets redacted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtm-sink-'));
    const file = path.join(dir, 'nested', 'health.jsonl');
    let out = '';
    const sink = createLogSink({ file, stdout: true, secrets: ['s3cr3t-token'], out: { write: (t: string) => { out += t; return true; } } as never });
    const health = JSON.stringify({ schema: 'tiktok-events-api/1', type: 'result', message: 'has s3cr3t-token inside' });
    expect(sink.write(health)?.record.type).toBe('result');
    expect(sink.write('plain debug text')).toBeUndefined();
    expect(sink.write('{"schema":"other/1"}')).toBeUndefined();
    await sink.close();
    const redacted = '{"schema":"tiktok-events-api/1","type":"result","message":"has [REDACTED] inside"}';
    expect(fs.readFileSync(file, 'utf8')).toBe(redacted + '\n');
    expect(out).toBe(`${redacted}\nplain debug text\n{"schema":"other/1"}\n`);
    expect(sink.counts()).toEqual({ health: 1, results: 1, other: 2 });
  });

  test('every occurrence of a secret is redacted, also URL-encoded or JSON-escaped', async () => {
    let out = '';
    const secret = 'tok/en"42';
    const sink = createLogSink({ file: null, stdout: true, secrets: [secret], out: { write: (t: string) => { out += t; return true; } } as never });
    sink.write(`a ${secret} b ${secret} c`);
    sink.write(`url ?t=${encodeURIComponent(secret)}`);
    sink.write(JSON.stringify({ schema: 'tiktok-events-api/1', type: 'request', body: `token ${secret}` }));
    await sink.close();
    expect(out).toBe(
      'a [REDACTED] b [REDACTED] c\n' +
        'url ?t=[REDACTED]\n' +
        '{"schema":"tiktok-events-api/1","type":"request","body":"token [REDACTED]"}\n',
    );
  });
});

describe('preview store', () => {
  const request = (seq: number): PreviewRequest => ({ id: `r${seq}`, seq, receivedAt: seq, method: 'GET', path: '/g/collect', query: '', headers: {}, body: '', bodyBytes: 0, bodyTruncated: false, state: 'done', events: [] });
  test('keeps the newest N requests, counts all, and tells subscribers', () => {
    const store = createPreviewStore(3);
    const seen: string[] = [];
    const stop = store.subscribe((c) => seen.push(c.request.id));
    for (let i = 1; i <= 5; i++) store.add(request(i));
    store.changed(store.get('r5')!);
    store.changed(request(1));
    stop();
    store.add(request(6));
    expect(store.list().map((r) => r.id)).toEqual(['r4', 'r5', 'r6']);
    expect(store.list(4).map((r) => r.id)).toEqual(['r5', 'r6']);
    expect(store.get('r1')).toBeUndefined();
    expect(store.total()).toBe(6);
    expect(seen).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r5']);
  });
});

describe('limiter', () => {
  test('never runs more than N at once and runs everything', async () => {
    const limiter = createLimiter(3);
    let running = 0;
    let peak = 0;
    const done = await Promise.all(Array.from({ length: 20 }, (_, i) => limiter.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return i;
    })));
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
    expect(limiter.load()).toEqual({ running: 0, waiting: 0 });
  });
});

describe('npm start summary', () => {
  test('Data Monitoring per GA4 event', () => {
    const acc = createHealthAccumulator();
    const line = (ga4: string, email: boolean) => JSON.stringify({ severity: 'INFO', message: 'm', schema: 'tiktok-events-api/1', type: 'result', tag: 't', trace_id: null, time_ms: 1764070000000, ga4_event: ga4, tiktok_event: 'X', event_id: null, pixel_code: 'C', outcome: 'success', error_kind: null, skip_reason: null, http_status: 200, tiktok_code: 0, tiktok_message: 'OK', tiktok_request_id: null, error_message: null, attempts: 1, latency_ms: 5, test_event: false, event_source: 'web', user_data: { email, phone: false, external_id: false, ttclid: false, ttp: false, ip: true, user_agent: true, name: false, address: false } });
    acc.addLine(line('purchase', true));
    acc.addLine(line('purchase', false));
    acc.addLine(line('page_view', false));
    expect(coverageTable(acc.report())).toEqual([
      'DATA MONITORING BY EVENT — share of sent events carrying each field',
      '  GA4 event  events   email  phone ext_id ttclid    ttp     ip     ua',
      '  purchase        2     50%     0%     0%     0%     0%   100%   100%',
      '  page_view       1      0%     0%     0%     0%     0%   100%   100%',
    ]);
  });
});

describe('the configuration keys docs/server.md names', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'server.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## Configuration'), doc.indexOf('\n## ', doc.indexOf('## Configuration') + 5));
  const keys = table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Za-z][\w.]*)`/g)].map((m) => m[1]));
  const sample = (key: string): unknown => {
    const known: Record<string, unknown> = { 'tiktok.mockUrl': 'http://127.0.0.1:9401', 'preview.token': 'a-long-enough-preview-token' };
    if (key in known) return known[key];
    return key.split('.').reduce<any>((o, k) => o?.[k], defaultConfig());
  };
  const input = (key: string, value: unknown) => key.split('.').reduceRight<unknown>((inner, k) => ({ [k]: inner }), value) as Record<string, unknown>;

  test('the table names the keys (parsed from the doc)', () => {
    expect(keys).toEqual(expect.arrayContaining(['host', 'port', 'tiktok.mockUrl', 'tiktok.mock', 'preview.token', 'logs.file', 'ga4.consentState']));
  });

  test.each(keys.map((k) => [k]))('%s is accepted by the config', (key) => {
    const config = resolveConfig(input(key, sample(key)) as never, {});
    expect(key.split('.').reduce<any>((o, k) => o?.[k], config)).toEqual(sample(key));
  });

  test('tiktok.mockUrl must be a URL', () => {
    expect(error(() => resolveConfig({ tiktok: { mockUrl: 'localhost:9401' } }, {}))).toBe('config: "tiktok.mockUrl" must be the http(s) URL of a running mock, e.g. "http://127.0.0.1:9401" (got "localhost:9401")');
  });

  test('a short preview.token is refused', () => {
    expect(error(() => resolveConfig({ preview: { token: 'abc' } }, {}))).toMatch(/^config: "preview.token" must be a string of at least 16 characters/);
  });
});
