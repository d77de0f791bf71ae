/**
 * assertApi(name): checks over the calls a scenario made to a top-level API (or to
 * gtmOnSuccess/gtmOnFailure). wasCalledWith passes when any call's arguments deep-equal the
 * expected ones (functions by identity, trailing undefined arguments ignored).
 */
import type { Fail } from './matchers';
import { DEFAULT_EQUALITY, deepEqual, format, formatArgs, trimTrailingUndefined, type EqualityOptions } from './values';

function callsText(calls: unknown[][]): string {
  return calls.length === 0 ? 'it was not called' : `its calls were: ${calls.map((c) => formatArgs(c)).join('; ')}`;
}

export function makeApiAssertions(name: string, calls: () => unknown[][], fail: Fail, eq: EqualityOptions = DEFAULT_EQUALITY): Record<string, (...args: unknown[]) => void> {
  const matches = (call: unknown[], expected: unknown[]) => deepEqual(trimTrailingUndefined(call), trimTrailingUndefined(expected), eq);
  return {
    wasCalled: () => {
      if (calls().length === 0) fail(`Expected ${name} to be called`);
    },
    wasNotCalled: () => {
      const n = calls().length;
      if (n > 0) fail(`Expected ${name} not to be called, but it was called ${n === 1 ? 'once' : `${n} times`}`);
    },
    wasCalledWith: (...expected) => {
      const list = calls();
      if (!list.some((call) => matches(call, expected))) {
        fail(`Expected ${name} to be called with ${formatArgs(expected)}, but ${callsText(list)}`);
      }
    },
    wasNotCalledWith: (...expected) => {
      if (calls().some((call) => matches(call, expected))) fail(`Expected ${name} not to be called with ${formatArgs(expected)}`);
    },
  };
}

export { format };
