/**
 * `sgtm mock-tiktok`: the mock TikTok Events API alone, until Ctrl-C.
 * Faults come from flags or MOCK_TIKTOK_* environment variables (flags win).
 */
import { lastValue, parseArgs, UsageError } from '../../sandbox-shim/cli/args';
import type { FaultOptions } from './faults';
import { checkFaultOptions } from './faults';
import { startMockTikTok, TRACK_PATH } from './index';
import { checkIdLimit } from './recent-ids';

const SHARE_FLAGS: Record<string, keyof FaultOptions> = {
  'fail-5xx': 'http5xx',
  timeouts: 'timeout',
  'code-200': 'code200',
  'non-json': 'nonJson',
};
const NUMBER_FLAGS: Record<string, keyof FaultOptions> = {
  latency: 'latencyMs',
  jitter: 'latencyJitterMs',
  seed: 'seed',
  'error-code': 'errorCode',
  'hold-ms': 'timeoutHoldMs',
};
const ENV: Record<string, keyof FaultOptions> = {
  MOCK_TIKTOK_FAULT_5XX: 'http5xx',
  MOCK_TIKTOK_FAULT_TIMEOUT: 'timeout',
  MOCK_TIKTOK_FAULT_CODE200: 'code200',
  MOCK_TIKTOK_FAULT_NON_JSON: 'nonJson',
  MOCK_TIKTOK_LATENCY_MS: 'latencyMs',
  MOCK_TIKTOK_JITTER_MS: 'latencyJitterMs',
  MOCK_TIKTOK_SEED: 'seed',
  MOCK_TIKTOK_ERROR_CODE: 'errorCode',
};

function toNumber(what: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${what} must be a number (got "${text}")`);
  return n;
}

/** Fault options from MOCK_TIKTOK_* variables, then flags. Exported for `sgtm serve` and tests. */
export function faultsFromEnv(env: NodeJS.ProcessEnv): FaultOptions {
  const faults: Record<string, number> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const value = env[name];
    if (value !== undefined && value !== '') faults[key] = toNumber(name, value);
  }
  return faults as FaultOptions;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['mapped-errors', 'no-custom-events'], ['port', 'host', 'token', 'pixel', 'max-event-ids', ...Object.keys(SHARE_FLAGS), ...Object.keys(NUMBER_FLAGS)]);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const faults: Record<string, number> = { ...faultsFromEnv(process.env) };
  for (const [flag, key] of Object.entries({ ...SHARE_FLAGS, ...NUMBER_FLAGS })) {
    const value = lastValue(args, flag);
    if (value !== undefined) faults[key] = toNumber(`--${flag}`, value);
  }
  const problem = checkFaultOptions(faults as FaultOptions);
  if (problem) throw new UsageError(problem);
  const port = lastValue(args, 'port') ?? process.env.MOCK_TIKTOK_PORT;
  const maxIdsText = lastValue(args, 'max-event-ids');
  const maxTrackedEventIds = maxIdsText === undefined ? undefined : toNumber('--max-event-ids', maxIdsText);
  const limitProblem = maxTrackedEventIds === undefined ? undefined : checkIdLimit(maxTrackedEventIds);
  if (limitProblem) throw new UsageError(`--max-event-ids: ${limitProblem}`);
  const mock = await startMockTikTok({
    port: port === undefined ? 9401 : toNumber('--port', port),
    host: lastValue(args, 'host') ?? '127.0.0.1',
    accessToken: lastValue(args, 'token'),
    pixelCodes: args.values.get('pixel'),
    allowCustomEvents: !args.flags.has('no-custom-events'),
    errorStatus: args.flags.has('mapped-errors') ? 'mapped' : 'always200',
    faults: faults as FaultOptions,
    maxTrackedEventIds,
  });
  const active = Object.entries(faults).map(([k, v]) => `${k}=${v}`).join(' ') || 'none';
  process.stdout.write(
    `mock TikTok Events API on ${mock.url}\n` +
      `  POST ${mock.url}${TRACK_PATH}\n` +
      `  faults: ${active}\n` +
      `  GET ${mock.url}/__mock/stats   POST ${mock.url}/__mock/reset   PUT ${mock.url}/__mock/faults\n` +
      `Ctrl-C to stop.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const stats = mock.stats();
  await mock.close();
  process.stdout.write(`received ${stats.requests} requests, accepted ${stats.events} events\n`);
  return 0;
}
