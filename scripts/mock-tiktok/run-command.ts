/**
 * `sgtm run` as the product offers it: the shim's `run` verb plus `--mock [FAULTS]`, which starts
 * the embedded mock TikTok Events API for this one run and routes business-api.tiktok.com to it.
 * (The shim knows no TikTok, so the mock is added here, where the product composes its verbs.)
 */
import { UsageError } from '../../sandbox-shim/cli/args';
import { help as shimHelp, LiveNetworkRefused, run as shimRun } from '../../sandbox-shim/cli/run';
import { isFaultSpec, parseFaultSpec } from './command';
import type { FaultOptions } from './faults';
import { startMockTikTok } from './index';

const TIKTOK_HOST = 'business-api.tiktok.com';

export const help = shimHelp
  .replace('[--live]', '[--mock [FAULTS]] [--live]')
  .replace(
    '  --live ',
    `  --mock [FAULTS]    Start the embedded mock TikTok Events API for this run and send
                     ${TIKTOK_HOST} to it (any token and pixel are accepted). FAULTS, optional,
                     injects faults with the flag names of sgtm mock-tiktok, e.g.
                     --mock fail-5xx=1 or --mock=code-200=0.5,error-code=40100,seed=7.
  --live `,
  );

/** Takes `--mock`, `--mock=FAULTS` and `--mock FAULTS` out of argv. */
export function takeMockFlag(argv: string[]): { rest: string[]; mock?: FaultOptions } {
  const rest: string[] = [];
  let mock: FaultOptions | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--mock') {
      const next = argv[i + 1];
      mock = { ...mock, ...(next !== undefined && isFaultSpec(next) ? parseFaultSpec(argv[++i]) : {}) };
    } else if (arg.startsWith('--mock=')) {
      mock = { ...mock, ...parseFaultSpec(arg.slice('--mock='.length)) };
    } else {
      rest.push(arg);
    }
  }
  return { rest, mock };
}

export async function run(argv: string[]): Promise<number> {
  const { rest, mock: faults } = takeMockFlag(argv);
  if (!faults) {
    try {
      return await shimRun(rest);
    } catch (err) {
      if (err instanceof LiveNetworkRefused) throw new UsageError(`${err.message}; or --mock for the embedded mock TikTok Events API`);
      throw err;
    }
  }
  if (rest.some((a) => a === '--route' || a.startsWith('--route=')) && rest.some((a) => a.includes(`${TIKTOK_HOST}=`))) {
    throw new UsageError(`--mock routes ${TIKTOK_HOST} to the embedded mock; drop --route ${TIKTOK_HOST}=… or --mock`);
  }
  const mock = await startMockTikTok({ port: 0, host: '127.0.0.1', faults });
  try {
    const active = Object.entries(faults).map(([k, v]) => `${k}=${v}`).join(' ') || 'none';
    process.stderr.write(`mock TikTok Events API on ${mock.url} (faults: ${active})\n`);
    return await shimRun([...rest, '--route', `${TIKTOK_HOST}=${mock.url}`]);
  } finally {
    await mock.close();
  }
}
