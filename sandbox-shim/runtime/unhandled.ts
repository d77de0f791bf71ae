/**
 * Routes unhandled promise rejections to the run whose realm created the promise. Template code
 * has no try/catch, so an error thrown in a `then` callback surfaces only this way.
 */
import { retiredPromisePrototypes } from './realm';

export interface RejectionOwner {
  ownsPromise(promise: Promise<unknown>): boolean;
  onUnhandledRejection(reason: unknown): void;
}

const owners = new Set<RejectionOwner>();

function fromRetiredRealm(promise: object): boolean {
  let proto: object | null = promise;
  for (let depth = 0; proto !== null && depth < 1000; depth++) {
    if (retiredPromisePrototypes.has(proto)) return true;
    proto = Reflect.getPrototypeOf(proto);
  }
  return false;
}

function listener(reason: unknown, promise: Promise<unknown>): void {
  for (const owner of owners) {
    if (owner.ownsPromise(promise)) {
      owner.onUnhandledRejection(reason);
      return;
    }
  }
  if (fromRetiredRealm(promise)) return;
  // Not ours: keep Node's default (crash on an unhandled rejection) unless someone else listens.
  if (process.listenerCount('unhandledRejection') === 1) {
    process.nextTick(() => {
      throw reason;
    });
  }
}

let installed = false;

/**
 * The listener stays installed once a run has started: a retired realm's promise may still
 * reject later, and must not crash the host.
 */
export function watchRejections(owner: RejectionOwner): () => void {
  if (!installed) {
    process.on('unhandledRejection', listener);
    installed = true;
  }
  owners.add(owner);
  return () => {
    owners.delete(owner);
  };
}
