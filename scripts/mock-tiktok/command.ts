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

export const help = `usage: sgtm mock-tiktok [--port N] [--host H] [--token T] [--pixel CODE]... [faults…]

The mock TikTok Events API alone, until Ctrl-C: POST /open_api/v1.3/event/track/ is checked in
TikTok's order and answered with TikTok-shaped JSON (code, message, request_id), and every
request is counted. Point a tag at it with sgtm run --route business-api.tiktok.com=URL, or a
server container with tiktok.mockUrl in sgtm.config.json.

Options:
  --port N            Port to listen on (default 9401, or MOCK_TIKTOK_PORT; 0 picks a free one).
  --host H            Address to listen on (default 127.0.0.1).
  --token T           The only Access-Token accepted (40105 otherwise); default: any non-empty one.
  --pixel CODE        A pixel code the token may send to (repeatable; 40001 for others);
                      default: any.
  --no-custom-events  Refuse custom (non-standard) event names, as a restricted pixel would.
  --mapped-errors     Answer validation errors with 401/403/429/400 instead of TikTok's HTTP 200.
  --max-event-ids N   Distinct event_ids remembered for duplicate counting (default 200000).

Faults (each also from an environment variable; flags win):
  --fail-5xx SHARE    Share of requests answered 503 {"code": 50002} (MOCK_TIKTOK_FAULT_5XX).
  --timeouts SHARE    Share of requests never answered (MOCK_TIKTOK_FAULT_TIMEOUT).
  --hold-ms MS        How long a timed-out request is held before the connection drops
                      (default 60000).
  --code-200 SHARE    Share answered HTTP 200 with a non-zero code (MOCK_TIKTOK_FAULT_CODE200).
  --error-code N      The code of those answers (default 40100; MOCK_TIKTOK_ERROR_CODE).
  --non-json SHARE    Share answered HTTP 200 with an HTML body (MOCK_TIKTOK_FAULT_NON_JSON).
  --latency MS        Added latency before every answer (MOCK_TIKTOK_LATENCY_MS).
  --jitter MS         Extra random latency in [0, MS) (MOCK_TIKTOK_JITTER_MS).
  --seed N            Seed of every fault decision (MOCK_TIKTOK_SEED): the same seed gives the
                      same faults for the same events and retries.
  SHARE is a number from 0 to 1; the shares add up to at most 1.

At run time: GET /__mock/stats, POST /__mock/reset, PUT /__mock/faults with a JSON body such as
{"http5xx": 0.5, "seed": 7} (the same names as the faults option of startMockTikTok).

  -h, --help          This help.

Exit codes: 0 stopped with Ctrl-C, 2 bad usage (a flag, a share out of range, a busy port).`;

/** The fault flags of \`sgtm mock-tiktok\` (fail-5xx, timeouts, …) and their option names. */
export const FAULT_FLAGS: Record<string, keyof FaultOptions> = { ...SHARE_FLAGS, ...NUMBER_FLAGS };

/**
 * "fail-5xx=0.5,latency=200" (the flag names of \`sgtm mock-tiktok\`, without dashes) → fault
 * options; \`sgtm run --mock=SPEC\` and \`npm start --mock=SPEC\` take faults this way.
 */
export function parseFaultSpec(spec: string, what = '--mock'): FaultOptions {
  const faults: Record<string, number> = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = (eq === -1 ? part : part.slice(0, eq)).replace(/^--/, '');
    const key = FAULT_FLAGS[name];
    if (!key || eq === -1) {
      throw new UsageError(`${what} ${spec}: expected NAME=VALUE[,NAME=VALUE…] with NAME one of ${Object.keys(FAULT_FLAGS).join(', ')} (e.g. ${what}=fail-5xx=0.5,seed=7)`);
    }
    faults[key] = toNumber(`${what} ${name}`, part.slice(eq + 1));
  }
  const problem = checkFaultOptions(faults as FaultOptions);
  if (problem) throw new UsageError(`${what}: ${problem}`);
  return faults as FaultOptions;
}

/** Looks like a fault spec rather than a file name: "fail-5xx=1" or "seed=7,latency=20". */
export function isFaultSpec(text: string): boolean {
  return text.split(',').every((part) => /^[a-z0-9-]+=/.test(part.trim()) && Object.prototype.hasOwnProperty.call(FAULT_FLAGS, part.trim().split('=')[0]));
}

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
  const portNumber = port === undefined ? 9401 : toNumber('--port', port);
  const host = lastValue(args, 'host') ?? '127.0.0.1';
  const mock = await startMockTikTok({
    port: portNumber,
    host,
    accessToken: lastValue(args, 'token'),
    pixelCodes: args.values.get('pixel'),
    allowCustomEvents: !args.flags.has('no-custom-events'),
    errorStatus: args.flags.has('mapped-errors') ? 'mapped' : 'always200',
    faults: faults as FaultOptions,
    maxTrackedEventIds,
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new UsageError(`port ${portNumber} on ${host} is already in use: stop the other server or pass --port N (--port 0 picks a free one)`);
    if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${host}: not an address of this machine (--host)`);
    throw err;
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
