/**
 * A run that cannot have microtasks of its own (its code passed the language gate and made no
 * promise, callback or callLater) is decided without waiting for a turn of the event loop; every
 * run that can have them still waits until they have all run.
 */
import { runTemplate, runTemplateHere } from '../../sandbox-shim/runtime/run-template';
import { makeTemplate } from './helpers';

const tag = (code: string) => makeTemplate({ code });
const inUnit = { onEnter() {}, onExtend() {} };

test('a tag that calls gtmOnSuccess and nothing else ends before the next turn of the event loop', async () => {
  for (const run of [() => runTemplateHere(tag('data.gtmOnSuccess();'), {}, inUnit), () => runTemplate(tag('data.gtmOnSuccess();'), { isolation: 'inline' })]) {
    let turned = false;
    setImmediate(() => (turned = true));
    const record = await run();
    expect(record.status).toBe('success');
    expect(turned).toBe(false);
  }
});

test('a promise chain five deep, with no I/O, still decides the tag', async () => {
  const code = [
    "const Promise = require('Promise');",
    'Promise.create((resolve) => resolve(1))',
    '  .then((v) => v + 1).then((v) => v + 1).then((v) => v + 1).then((v) => v + 1)',
    '  .then((v) => v === 5 ? data.gtmOnSuccess() : data.gtmOnFailure());',
  ].join('\n');
  expect((await runTemplateHere(tag(code), {}, inUnit)).status).toBe('success');
  expect((await runTemplate(tag(code), { isolation: 'inline' })).status).toBe('success');
});

test('a callLater callback still decides the tag', async () => {
  const code = "require('callLater')(() => data.gtmOnSuccess());";
  expect((await runTemplateHere(tag(code), {}, inUnit)).status).toBe('success');
});

test('a host function in data that calls back from a microtask still decides the tag', async () => {
  const code = 'data.soon(() => data.gtmOnSuccess());';
  const soon = (callback: () => void) => {
    Promise.resolve()
      .then(() => undefined)
      .then(() => callback());
  };
  expect((await runTemplateHere(tag(code), { data: { soon } }, inUnit)).status).toBe('success');
});

test('with the language check off, an async function may queue microtasks: the run waits for them', async () => {
  const code = '(async () => { await null; await null; data.gtmOnSuccess(); })();';
  expect((await runTemplateHere(tag(code), { languageCheck: 'off' }, inUnit)).status).toBe('success');
  expect((await runTemplateHere(tag(code), {}, inUnit)).status).toBe('exception');
});
