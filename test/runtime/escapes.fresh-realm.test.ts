/** The escape attempts of escapes.test.ts again, each run in a fresh realm (SGTM_REUSE_REALM=0). */
import { realmPoolStats } from '../../sandbox-shim/runtime/realm-pool';

process.env.SGTM_REUSE_REALM = '0';
require('./escapes.test');

afterAll(() => {
  // The pool was never used: every attempt above really ran in a realm of its own.
  expect(realmPoolStats().created).toBe(0);
});
