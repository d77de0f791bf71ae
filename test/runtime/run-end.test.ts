/**
 * ApiContext.runEnd, what exchanges listen to: told once when the run ends with work in flight,
 * never when it ends idle (nothing listens then), and an exchange that finished stops listening.
 */
import { environmentFor } from '../../sandbox-shim/runtime/run-template';
import { Session } from '../../sandbox-shim/runtime/session';
import { makeTemplate } from './helpers';

const session = () => new Session(environmentFor('run', makeTemplate({ type: 'MACRO', code: 'return 1;' }), {}));

test('a run that ends with tracked work in flight tells each listener once, and its signal aborts too', () => {
  const s = session();
  const hook = s.ctx.runEnd!;
  const told: string[] = [];
  const first = () => told.push('first');
  hook.addEventListener('abort', first);
  hook.addEventListener('abort', first); // the same listener twice counts once, as on an AbortSignal
  hook.addEventListener('abort', () => told.push('second'));
  const signal = s.ctx.signal!;
  s.ctx.track(new Promise(() => {}));
  s.dispose();
  expect(told).toEqual(['first', 'second']);
  expect(hook.aborted).toBe(true);
  expect(signal.aborted).toBe(true);
  expect(s.abortedInFlight).toBe(true);
});

test('a listener removed when its exchange finished is not told', () => {
  const s = session();
  const hook = s.ctx.runEnd!;
  const told: string[] = [];
  const done = () => told.push('finished exchange');
  hook.addEventListener('abort', done);
  hook.removeEventListener('abort', done);
  hook.addEventListener('abort', () => told.push('in flight'));
  s.ctx.track(new Promise(() => {}));
  s.dispose();
  expect(told).toEqual(['in flight']);
});

test('a run that ends idle aborts nothing (no listener is left) and reports nothing aborted in flight', async () => {
  const s = session();
  const hook = s.ctx.runEnd!;
  const signal = s.ctx.signal!;
  let finished = false;
  await s.ctx.track(Promise.resolve().then(() => (finished = true)));
  await s.drain(Date.now() + 1000);
  s.dispose();
  expect(finished).toBe(true);
  expect(hook.aborted).toBe(false);
  expect(signal.aborted).toBe(false);
  expect(s.abortedInFlight).toBe(false);
});

test('asked for after the run ended, the hook is already aborted', () => {
  const s = session();
  s.dispose();
  expect(s.ctx.runEnd!.aborted).toBe(true);
  expect(s.ctx.signal!.aborted).toBe(true);
});
