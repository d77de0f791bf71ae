/**
 * The attacks of constructor-chains.test.ts against the first wall alone: every run without an explicit
 * isolation happens inline (SGTM_ISOLATION=inline: on the caller's thread, no execution unit),
 * so the realm must hold on its own.
 */
process.env.SGTM_ISOLATION = 'inline';
require('./constructor-chains.test');

afterAll(() => {
  delete process.env.SGTM_ISOLATION;
});
