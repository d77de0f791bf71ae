import { fakeRun } from './fake-context';
import { randomInteger } from '../../sandbox-shim/apis/time';

describe('time', () => {
  it('reads timestamps from the injected clock', () => {
    const { apis } = fakeRun({ env: { now: () => 1747945830456 } });
    expect(apis.getTimestampMillis()).toBe(1747945830456);
    expect(apis.getTimestamp()).toBe(1747945830456);
  });

  it('generateRandom is an inclusive integer range driven by env.random', () => {
    expect(randomInteger(1, 6, () => 0)).toBe(1);
    expect(randomInteger(1, 6, () => 0.999999)).toBe(6);
    expect(randomInteger(1, 6, () => 0.5)).toBe(4);
    expect(randomInteger(6, 1, () => 0)).toBe(1);
    expect(randomInteger('a', 1, () => 0)).toBeNaN();
    const { apis } = fakeRun({ env: { random: () => 0.25 } });
    expect(apis.generateRandom(0, 99)).toBe(25);
  });

  it('callLater runs after the current code, in FIFO order', async () => {
    const run = fakeRun();
    const order: string[] = [];
    run.apis.callLater(() => order.push('first'));
    run.apis.callLater(() => order.push('second'));
    order.push('sync');
    await run.drain();
    expect(order).toEqual(['sync', 'first', 'second']);
  });

  it('callLater reports an error in the callback as the run’s uncaught error', async () => {
    const run = fakeRun();
    run.apis.callLater(() => {
      throw new Error('boom');
    });
    await run.drain();
    expect(run.uncaught).toEqual([new Error('boom')]);
    expect(() => run.apis.callLater(5)).toThrow('callLater: the argument must be a function');
  });
});
