import { fakeRun, perm } from './fake-context';

const preview = { containerId: 'GTM-ABC', debugMode: false, environmentMode: false, environmentName: '', previewMode: true, version: '3' };
const production = { ...preview, previewMode: false };

describe('logToConsole', () => {
  it('stringifies each argument (objects as JSON) and joins with a space', () => {
    const run = fakeRun({ permissions: [perm('logging', { environments: 'all' })] });
    run.apis.logToConsole('event', { a: 1, b: [true, null] }, [1, 'x'], 42, null, undefined, true);
    expect(run.console).toEqual([{ level: 'log', message: 'event {"a":1,"b":[true,null]} [1,"x"] 42 null undefined true' }]);
  });

  it('prints a cyclic object without throwing', () => {
    const run = fakeRun({ permissions: [perm('logging', { environments: 'all' })] });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    run.apis.logToConsole('x', cyclic);
    expect(run.console).toEqual([{ level: 'log', message: 'x [circular object]' }]);
  });

  it('with environments debug, logs in preview and drops silently in production', () => {
    const debugOnly = [perm('logging', { environments: 'debug' })];
    const inPreview = fakeRun({ env: { containerVersion: preview }, permissions: debugOnly });
    inPreview.apis.logToConsole('hello');
    expect(inPreview.console).toEqual([{ level: 'log', message: 'hello' }]);
    const inDebugMode = fakeRun({ env: { containerVersion: { ...production, debugMode: true } }, permissions: debugOnly });
    inDebugMode.apis.logToConsole('dbg');
    expect(inDebugMode.console).toEqual([{ level: 'log', message: 'dbg' }]);
    const inProduction = fakeRun({ env: { containerVersion: production }, permissions: debugOnly });
    expect(() => inProduction.apis.logToConsole('hello')).not.toThrow();
    expect(inProduction.console).toEqual([]);
  });

  it('throws in strict mode when logging is not declared (GTM throws for undeclared permissions)', () => {
    const run = fakeRun({ env: { containerVersion: preview } });
    expect(() => run.apis.logToConsole('x')).toThrow('logToConsole: requires the logging permission; declare it in ___SERVER_PERMISSIONS___');
    expect(run.console).toEqual([]);
  });

  it('in warn mode logs and warns when logging is not declared', () => {
    const run = fakeRun({ env: { containerVersion: preview }, mode: 'warn' });
    run.apis.logToConsole('x');
    expect(run.console).toEqual([
      { level: 'warn', message: 'logToConsole: requires the logging permission; declare it in ___SERVER_PERMISSIONS___' },
      { level: 'log', message: 'x' },
    ]);
  });
});
