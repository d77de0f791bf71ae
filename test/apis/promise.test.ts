import { fakeRun } from './fake-context';

describe('Promise', () => {
  it('create resolves and chains then/catch/finally', async () => {
    const run = fakeRun();
    const seen: unknown[] = [];
    run.apis.Promise.create((resolve: (v: number) => void) => resolve(2))
      .then((v: number) => v * 3)
      .then((v: number) => seen.push(v))
      .finally(() => seen.push('finally'));
    run.apis.Promise.create((_: unknown, reject: (r: unknown) => void) => reject({ reason: 'failed' })).catch((r: unknown) => seen.push(r));
    await run.drain();
    expect(seen).toEqual([{ reason: 'failed' }, 6, 'finally']);
  });

  it('all treats non-promises as resolved and keeps order', async () => {
    const run = fakeRun();
    let result: unknown;
    const p = run.apis.Promise.create((resolve: (v: string) => void) => run.apis.callLater(() => resolve('late')));
    run.apis.Promise.all([p, 1, 'x']).then((values: unknown[]) => (result = values));
    await run.drain();
    expect(result).toEqual(['late', 1, 'x']);
  });

  it('all rejects with the first rejection', async () => {
    const run = fakeRun();
    let reason: unknown;
    run.apis.Promise.all([1, run.apis.Promise.create((_: unknown, rej: (r: unknown) => void) => rej('nope'))]).catch((r: unknown) => (reason = r));
    await run.drain();
    expect(reason).toBe('nope');
  });

  it('makes promises of the context realm and refuses bad arguments', () => {
    const run = fakeRun();
    const p = run.apis.Promise.create(() => undefined);
    expect(p).toBeInstanceOf(run.ctx.Promise);
    expect(() => run.apis.Promise.create('x')).toThrow('Promise.create: the argument must be a function');
    expect(() => run.apis.Promise.all('x')).toThrow('Promise.all: the argument must be an array');
  });
});
