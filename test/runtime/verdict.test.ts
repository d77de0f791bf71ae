import nock from 'nock';
import { runTemplate } from '../../sandbox-shim/runtime/run-template';
import { ALL_LOGGING, makeTemplate, silentServer, TIKTOK_ONLY } from './helpers';

const tag = (code: string, permissions: Record<string, Record<string, unknown>> = {}) => makeTemplate({ code, permissions });

describe('tag status', () => {
  test('gtmOnSuccess → success, gtmOnFailure → failure', async () => {
    expect((await runTemplate(tag('data.gtmOnSuccess();'))).status).toBe('success');
    expect((await runTemplate(tag('data.gtmOnFailure();'))).status).toBe('failure');
  });

  test('the first call wins; later calls are ignored and noted as debug', async () => {
    const record = await runTemplate(tag('data.gtmOnFailure();\ndata.gtmOnSuccess();\ndata.gtmOnFailure();'));
    expect(record.status).toBe('failure');
    expect(record.console).toEqual([
      { level: 'debug', message: 'gtmOnSuccess called after the tag had already ended as failure; ignored (the first call wins)' },
      { level: 'debug', message: 'gtmOnFailure called after the tag had already ended as failure; ignored (the first call wins)' },
    ]);
  });

  test('a synchronous error → exception with the error and a console error', async () => {
    const record = await runTemplate(tag('const x = null;\nx.y = 1;\ndata.gtmOnSuccess();'));
    expect(record.status).toBe('exception');
    expect(record.error).toBe("TypeError: Cannot set properties of null (setting 'y') (template line 2)");
    expect(record.console).toEqual([{ level: 'error', message: record.error }]);
  });

  test('an error in callLater or in a promise callback → exception', async () => {
    const inLater = await runTemplate(tag("require('callLater')(() => {\n  missing();\n});"));
    expect(inLater.status).toBe('exception');
    expect(inLater.error).toBe('ReferenceError: missing is not defined (template line 2)');
    const inPromise = await runTemplate(tag("require('Promise').create((r) => r(1)).then(() => {\n\n  return data.missing.x;\n});"));
    expect(inPromise.status).toBe('exception');
    expect(inPromise.error).toBe("TypeError: Cannot read properties of undefined (reading 'x') (template line 3)");
  });

  test('an error after the tag reported keeps its status and is logged', async () => {
    const record = await runTemplate(tag("data.gtmOnSuccess();\nrequire('callLater')(() => missing());"));
    expect(record.status).toBe('success');
    expect(record.console).toEqual([{ level: 'error', message: 'ReferenceError: missing is not defined (template line 2)' }]);
  });

  test('neither callback → timeout, decided as soon as no work is left', async () => {
    const record = await runTemplate(tag('const a = 1;'), { tagTimeoutMs: 60000 });
    expect(record.status).toBe('timeout');
    expect(record.executionTimeMs).toBeLessThan(60000);
    expect(record.console).toEqual([{ level: 'error', message: 'The tag called neither data.gtmOnSuccess() nor data.gtmOnFailure() within 60000 ms: timeout.' }]);
  });

  test('pending work past tagTimeoutMs → timeout; a late gtmOnSuccess does not count', async () => {
    const silent = await silentServer();
    const record = await runTemplate(tag("require('sendHttpRequest')('https://business-api.tiktok.com/slow').then(() => data.gtmOnSuccess());", TIKTOK_ONLY), {
      tagTimeoutMs: 300,
      routes: { 'business-api.tiktok.com': silent.origin },
    });
    silent.close();
    expect(record.status).toBe('timeout');
    expect(record.outgoingRequests).toEqual([
      expect.objectContaining({ url: 'https://business-api.tiktok.com/slow', response: { reason: 'failed' } }),
    ]);
  });

  test('an endless loop is stopped → timeout', async () => {
    const record = await runTemplate(tag('while (true) {}'), { tagTimeoutMs: 100 });
    expect(record.status).toBe('timeout');
    expect(record.console[0]).toEqual({ level: 'error', message: 'The template ran for more than 100 ms without returning (an endless loop?); stopped.' });
  });

  test('async success after callLater and promises is awaited', async () => {
    const record = await runTemplate(tag("const later = require('callLater');\nlater(() => later(() => require('Promise').create((r) => r()).then(() => data.gtmOnSuccess())));"));
    expect(record.status).toBe('success');
  });

  test('unknown API → exception "Unknown API: NAME"', async () => {
    const record = await runTemplate(tag("const x = require('injectScript');"));
    expect(record.status).toBe('exception');
    expect(record.error).toBe('Error: Unknown API: injectScript (template line 1)');
  });
});

describe('variables and clients', () => {
  test('a MACRO returns its value; a returned promise is resolved', async () => {
    const plain = await runTemplate(makeTemplate({ type: 'MACRO', code: "return {a: [1, 'x']};" }));
    expect(plain).toMatchObject({ status: 'success', returnValue: { a: [1, 'x'] } });
    const promised = await runTemplate(makeTemplate({ type: 'MACRO', code: "return require('Promise').create((r) => require('callLater')(() => r('late')));" }));
    expect(promised).toMatchObject({ status: 'success', returnValue: 'late' });
  });

  test('a MACRO whose promise never settles → timeout; a rejected one → exception', async () => {
    const never = await runTemplate(makeTemplate({ type: 'MACRO', code: "return require('Promise').create(() => {});" }), { tagTimeoutMs: 50 });
    expect(never.status).toBe('timeout');
    const rejected = await runTemplate(makeTemplate({ type: 'MACRO', code: "return require('Promise').create((res, rej) => rej({reason: 'x'}));" }));
    expect(rejected.status).toBe('exception');
    expect(rejected.error).toBe('Uncaught value: {"reason":"x"}');
  });

  test('a CLIENT runs and succeeds unless it throws; it gets no gtmOnSuccess', async () => {
    const record = await runTemplate(makeTemplate({ type: 'CLIENT', code: 'return typeof data.gtmOnSuccess;' }));
    expect(record).toMatchObject({ status: 'success', returnValue: 'undefined' });
  });
});

describe('permission modes', () => {
  const code = "require('getCookieValues')('_ttp');\ndata.gtmOnSuccess();";
  test('strict: violation → exception naming API and permission', async () => {
    const record = await runTemplate(tag(code));
    expect(record.status).toBe('exception');
    expect(record.error).toBe('PermissionError: getCookieValues: the template does not declare the get_cookies permission (template line 1)');
  });

  test('warn: the call goes ahead, with a console warning', async () => {
    const record = await runTemplate(tag(code), { permissions: 'warn' });
    expect(record.status).toBe('success');
    expect(record.console).toEqual([
      { level: 'warn', message: 'getCookieValues: the template does not declare the get_cookies permission (permissions: warn, call allowed)' },
    ]);
  });

  test('off: no check', async () => {
    const record = await runTemplate(tag(code), { permissions: 'off' });
    expect(record).toMatchObject({ status: 'success', console: [] });
  });

  test('a violation swallowed by a promise rejection handler still ends as exception', async () => {
    const record = await runTemplate(
      tag("require('sendHttpRequest')('https://evil.example/', {}).then(() => 1, () => 2);\ndata.gtmOnSuccess();", TIKTOK_ONLY),
    );
    expect(record.status).toBe('exception');
  });
});

describe('environment defaults', () => {
  test('run mode mirrors preview; production is selectable', async () => {
    const code = "const v = require('getContainerVersion')(); return [v.containerId, v.previewMode, v.debugMode, v.version];";
    const perms = { read_container_data: {} };
    expect((await runTemplate(makeTemplate({ type: 'MACRO', code, permissions: perms }))).returnValue).toEqual(['GTM-SHIM', true, false, '0']);
    const prod = await runTemplate(makeTemplate({ type: 'MACRO', code, permissions: perms }), { containerVersion: { previewMode: false, containerId: 'GTM-X' } });
    expect(prod.returnValue).toEqual(['GTM-X', false, false, '0']);
  });

  test('injected clock and randomness', async () => {
    const record = await runTemplate(makeTemplate({ type: 'MACRO', code: "return [require('getTimestampMillis')(), require('generateRandom')(1, 10)];" }), {
      now: () => 1700000000000,
      random: () => 0,
    });
    expect(record.returnValue).toEqual([1700000000000, 1]);
  });
});

describe('redaction', () => {
  test('secrets vanish from URLs, headers, bodies and console; sensitive headers are redacted by name', async () => {
    nock('https://business-api.tiktok.com').post('/t').query(true).reply(200, 'echo tok_SECRET_123', { 'X-Api-Key': 'server-key' });
    const streamed: string[] = [];
    const record = await runTemplate(
      tag(
        `const log = require('logToConsole');
        require('sendHttpRequest')('https://business-api.tiktok.com/t?token=' + data.token, {method: 'POST', headers: {'Access-Token': data.token, 'X-Other': 'visible', Authorization: 'Bearer abc'}}, '{"t":"' + data.token + '"}')
          .then((r) => { log('got', r.body, data.token); data.gtmOnSuccess(); });`,
        { ...TIKTOK_ONLY, ...ALL_LOGGING },
      ),
      { data: { token: 'tok_SECRET_123' }, secrets: ['tok_SECRET_123'], onConsole: (e) => streamed.push(e.message) },
    );
    expect(record.status).toBe('success');
    const sent = record.outgoingRequests[0];
    expect(sent.url).toBe('https://business-api.tiktok.com/t?token=[REDACTED]');
    expect(sent.headers).toEqual({ 'Access-Token': '[REDACTED]', 'X-Other': 'visible', Authorization: '[REDACTED]' });
    expect(sent.body).toBe('{"t":"[REDACTED]"}');
    expect(sent.response).toMatchObject({ body: 'echo [REDACTED]', headers: { 'x-api-key': '[REDACTED]' } });
    expect(record.console).toEqual([{ level: 'log', message: 'got echo [REDACTED] [REDACTED]' }]);
    expect(streamed).toEqual(['got echo [REDACTED] [REDACTED]']);
    expect(JSON.stringify(record)).not.toContain('tok_SECRET_123');
  });
});

describe('addEventCallback', () => {
  test('callbacks run once the tag has finished, with its status; their errors do not change it', async () => {
    const record = await runTemplate(
      makeTemplate({
        code: `const log = require('logToConsole');
require('addEventCallback')((containerId, eventData) => {
  log(containerId, eventData.tags[0].id, eventData.tags[0].status);
  missing();
});
data.gtmOnFailure();`,
        permissions: { ...ALL_LOGGING, read_event_metadata: {} },
        name: 'callbacks.tpl',
      }),
    );
    expect(record.status).toBe('failure');
    expect(record.console).toEqual([
      { level: 'log', message: 'GTM-SHIM callbacks.tpl failure' },
      { level: 'error', message: 'ReferenceError: missing is not defined (template line 4)' },
    ]);
  });
});

test('event callbacks still get time after a timed-out tag', async () => {
  const record = await runTemplate(
    makeTemplate({
      code: `const log = require('logToConsole');
require('addEventCallback')((containerId, eventData) => {
  let n = 0;
  for (let i = 0; i < 200000; i++) n += i;
  log(eventData.tags[0].status, n);
});
const later = require('callLater');
const again = () => later(again);
again();`,
      permissions: { ...ALL_LOGGING, read_event_metadata: {} },
    }),
    // Long enough that a loaded CI machine does not trip the endless-loop watchdog instead.
    { tagTimeoutMs: 1000 },
  );
  expect(record.status).toBe('timeout');
  expect(record.console).toEqual([
    { level: 'error', message: 'The tag called neither data.gtmOnSuccess() nor data.gtmOnFailure() within 1000 ms: timeout.' },
    { level: 'log', message: 'timeout 19999900000' },
  ]);
});
