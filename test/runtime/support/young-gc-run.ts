/**
 * Spawned by young-gc.test.ts (under ts-node): runs templates many times on this thread and prints,
 * per kind of run, how many bytes per run a young-generation GC taken between runs still finds
 * alive. A finished run must leave nothing for it: what survives two scavenges is copied into
 * the old generation and only a full GC gets it back.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ExchangeRequest } from '../../../sandbox-shim/apis/family';
import { runTemplate, runTemplateHere } from '../../../sandbox-shim/runtime/run-template';
import type { ParsedTemplate, PreviewRecord, RunOptions } from '../../../sandbox-shim/types';
import { ALL_LOGGING, makeTemplate, TIKTOK_ONLY } from '../helpers';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
const youngBytes = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? NaN;

const floor = makeTemplate({ code: 'data.gtmOnSuccess();' });
// Promise statics, callLater, a request in flight while the run drains, a log line: the paths
// that make per-run closures.
const busy = makeTemplate({
  permissions: { ...TIKTOK_ONLY, ...ALL_LOGGING },
  code: [
    "const sendHttpRequest = require('sendHttpRequest');",
    "const callLater = require('callLater');",
    "const Promise = require('Promise');",
    "const logToConsole = require('logToConsole');",
    "const JSON = require('JSON');",
    "callLater(() => logToConsole('later'));",
    'Promise.create((resolve) => resolve(1)).then(() => 0);',
    "sendHttpRequest('https://business-api.tiktok.com/open_api/v1.3/event/track/', {method: 'POST', headers: {'content-type': 'application/json'}}, JSON.stringify({a: 1}))",
    '  .then((r) => r.statusCode === 200 ? data.gtmOnSuccess() : data.gtmOnFailure(), () => data.gtmOnFailure());',
  ].join('\n'),
});

// Answers on a later turn of the event loop, so the run waits for it.
const exchange = (_request: ExchangeRequest) => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, headers: {}, body: '{}' }), 0));
const hooks = { onEnter() {}, onExtend() {} };

async function survivorsPerRun(run: () => Promise<PreviewRecord>): Promise<{ bytesPerRun: number; status: string }> {
  let status = '';
  for (let i = 0; i < 50; i++) status = (await run()).status;
  const runs = 100;
  gc();
  await run();
  gc({ type: 'minor' });
  gc({ type: 'minor' });
  for (let i = 0; i < runs; i++) await run();
  gc({ type: 'minor' });
  return { bytesPerRun: Math.round(youngBytes() / runs), status };
}

const inline = (template: ParsedTemplate, options: RunOptions) => () => runTemplate(template, { ...options, isolation: 'inline' });
const asInUnit = (template: ParsedTemplate, options: RunOptions) => () => runTemplateHere(template, options, hooks);

(async () => {
  const busyOptions = { exchange } as RunOptions;
  const out = {
    floorInline: await survivorsPerRun(inline(floor, {})),
    floorAsInUnit: await survivorsPerRun(asInUnit(floor, {})),
    busyInline: await survivorsPerRun(inline(busy, busyOptions)),
    busyAsInUnit: await survivorsPerRun(asInUnit(busy, busyOptions)),
  };
  process.stdout.write(JSON.stringify(out));
})();
