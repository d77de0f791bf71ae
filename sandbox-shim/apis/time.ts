/** Clock, randomness and callLater, all from the run's environment so runs are reproducible. */
import type { ApiFamily } from './family';
import type { SandboxApis } from '../sandbox-apis';

/** An integer in [min, max], both inclusive, from a random number in [0, 1). */
export function randomInteger(min: unknown, max: unknown, random: () => number): number {
  let lo = Math.ceil(Number(min));
  let hi = Math.floor(Number(max));
  if (Number.isNaN(lo) || Number.isNaN(hi)) return NaN;
  if (lo > hi) [lo, hi] = [hi, lo];
  return lo + Math.floor(random() * (hi - lo + 1));
}

export const family: ApiFamily = {
  name: 'time',
  create(ctx) {
    const apis = {
      getTimestampMillis: () => ctx.env.now(),
      // Deprecated in GTM and, despite the name, also milliseconds.
      getTimestamp: () => ctx.env.now(),
      generateRandom: (min: number, max: number) => randomInteger(min, max, ctx.env.random),
      callLater: (fn: () => void) => {
        if (typeof fn !== 'function') throw new Error('callLater: the argument must be a function');
        ctx.later(() => {
          ctx.callSandbox(fn);
        });
      },
    } satisfies Pick<SandboxApis, 'getTimestampMillis' | 'getTimestamp' | 'generateRandom' | 'callLater'>;
    return apis;
  },
};
