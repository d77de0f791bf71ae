/** The verdict tests of verdict.test.ts again, each run in a fresh realm (SGTM_REUSE_REALM=0). */
import { realmPoolStats } from '../../sandbox-shim/runtime/realm-pool';

process.env.SGTM_REUSE_REALM = '0';
require('./verdict.test');

afterAll(() => {
  expect(realmPoolStats().created).toBe(0);
});
