/**
 * Idle sandbox realms kept for the next run, as GTM compiles a template once and runs it per
 * event. A realm is lent to one run at a time (concurrent runs get different realms), and comes
 * back only when that run ended with nothing of it left to run: no pending I/O, no queued
 * callLater, no timeout, Object.prototype as it was. Anything else is dropped and a fresh realm is made for a later run.
 */
import { createRealmCore, type RealmCore } from './realm';

/** Idle realms kept; more concurrent runs than this still work, their extra realms are dropped. */
export const REALM_POOL_LIMIT = 8;

const idle: RealmCore[] = [];
const counts = { created: 0, reused: 0, returned: 0, dropped: 0 };

export function acquireRealm(): RealmCore {
  const core = idle.pop();
  if (core) {
    counts.reused++;
    return core;
  }
  counts.created++;
  return createRealmCore(true);
}

/** Gives a realm back after its run; `clean` is false when something of the run may still be live. */
export function releaseRealm(core: RealmCore, clean: boolean): void {
  if (!clean || !core.hardened || idle.length >= REALM_POOL_LIMIT || idle.includes(core) || !core.sb.objectPrototypeIntact()) {
    counts.dropped++;
    return;
  }
  counts.returned++;
  idle.push(core);
}

/** How the pool has been used since the process started (or since the last reset). */
export function realmPoolStats(): { created: number; reused: number; returned: number; dropped: number; idle: number } {
  return { ...counts, idle: idle.length };
}

/** Empties the pool (tests, or a host that wants its memory back). */
export function clearRealmPool(): void {
  idle.length = 0;
  counts.created = counts.reused = counts.returned = counts.dropped = 0;
}

/** SGTM_REUSE_REALM as read on first use (reading process.env costs about a microsecond, every run). */
let reuseByDefault: boolean | undefined;

/**
 * Whether runTemplate reuses realms when RunOptions.reuseRealm is not given: yes, unless the
 * environment says SGTM_REUSE_REALM=0 (to compare, or to rule the pool out when debugging). Read
 * once, when the first run asks: set it before the first run of the process.
 */
export function reuseRealmByDefault(): boolean {
  if (reuseByDefault === undefined) {
    const value = process.env.SGTM_REUSE_REALM;
    reuseByDefault = !(value === '0' || value === 'false' || value === 'off');
  }
  return reuseByDefault;
}
