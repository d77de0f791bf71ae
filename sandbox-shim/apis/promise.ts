/** require('Promise'): create and all, returning promises of the sandbox realm. */
import { sandboxPromise, type ApiFamily } from './family';
import type { SandboxApis, SandboxPromise } from '../sandbox-apis';

export const family: ApiFamily = {
  name: 'promise',
  create(ctx) {
    const apis = {
      Promise: {
        create: <T>(resolver: (resolve: (value: T) => void, reject: (reason: unknown) => void) => void) => {
          if (typeof resolver !== 'function') throw new Error('Promise.create: the argument must be a function (resolve, reject) => …');
          const promise = sandboxPromise<T>(ctx, (resolve, reject) => {
            ctx.callSandbox(resolver, resolve, reject);
          });
          // Not tracked: whatever settles it (callLater, HTTP, BigQuery…) is tracked at its source,
          // and a promise nobody resolves must not hold the run open until the deadline.
          return promise as unknown as SandboxPromise<T>;
        },
        all: (values: unknown[]) => {
          if (!Array.isArray(values)) throw new Error('Promise.all: the argument must be an array');
          // Settled host-side (non-promises count as resolved, thenables are adopted), then handed
          // to a promise of the sandbox realm; only the constructor of ctx.Promise is relied on.
          const settled = Promise.all(values.map((v) => Promise.resolve(v)));
          const promise = sandboxPromise<unknown[]>(ctx, (resolve, reject) => {
            settled.then(resolve, reject);
          });
          return promise as unknown as SandboxPromise<unknown[]>;
        },
      },
    } satisfies Pick<SandboxApis, 'Promise'>;
    return apis;
  },
};
