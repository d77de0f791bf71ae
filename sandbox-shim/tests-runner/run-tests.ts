/**
 * runTemplateTests: runs a template's own ___TESTS___ the way GTM's template editor does
 * (spec §5). Each scenario gets a fresh sandbox; setup and the scenario's code run as one
 * function body (one shared scope) with runCode, mock, mockObject, assertApi, assertThat, fail
 * and require; async work is drained before the verdict.
 */
import { compileBody, type CodeSource } from '../runtime/compile';
import { compileTemplate, environmentFor, isScriptTimeout, templateSource, type UnitHooks } from '../runtime/run-template';
import { defaultUnitPool, runsInline } from '../unit/pool';
import { defineOwn } from '../runtime/own-property';
import { createRealmCore } from '../runtime/realm';
import { Session } from '../runtime/session';
import { startNewRequest as resetClientState } from '../apis/client';
import { TEST_WARNINGS } from '../apis/family';
import type { ParsedTemplate, ScenarioResult, ScenarioWarning, TestOptions, TestReport, TestScenario } from '../types';
import { makeApiAssertions } from './assert-api';
import { makeMatchers } from './matchers';

export const DEFAULT_SCENARIO_TIMEOUT_MS = 5000;

const TEST_GLOBALS = ['runCode', 'mock', 'mockObject', 'assertApi', 'assertThat', 'fail', 'require'];

/** Marks the errors the test API throws, so they are not reported twice. */
class ScenarioFailure {
  constructor(readonly message: string) {}
}

function scenarioSource(template: ParsedTemplate, scenario: TestScenario, nested = false): CodeSource & { code: string } {
  const setup = template.tests.setup ?? '';
  const setupLines = setup === '' ? 0 : setup.split('\n').length;
  // Nested: the scenario as a block after setup (same lines), so it may redeclare setup's names.
  const body = nested ? `{${scenario.code}\n}` : scenario.code;
  return {
    code: setup === '' ? body : `${setup}\n${body}`,
    filename: `sgtm-test:${template.name}:${scenario.name}${nested ? ':nested' : ''}`,
    label: (line) => (line <= setupLines ? `setup line ${line}` : `scenario line ${line - setupLines}`),
  };
}

/**
 * Setup and scenario as one function body, so the scenario reads and changes setup's variables
 * (spec §5.1). A scenario that redeclares a `const`/`let` of setup (`const mockData = …` again)
 * cannot be one flat body; GTM's editor runs such suites, so the scenario then runs as a block
 * nested in setup's scope (docs/shim.md, "Test runner choices").
 */
function compileScenario(template: ParsedTemplate, scenario: TestScenario): CodeSource & { code: string; compiled: ReturnType<typeof compileBody> } {
  const flat = scenarioSource(template, scenario);
  try {
    return { ...flat, compiled: compileBody(flat.code, TEST_GLOBALS, flat.filename, flat.label) };
  } catch (err) {
    // Compared by text: the SyntaxError comes from vm, whose realm may not be this module's.
    const message = typeof err === 'object' && err !== null ? String((err as Error).message) : '';
    if (!/has already been declared/.test(message) || !template.tests.setup) throw err;
    const nested = scenarioSource(template, scenario, true);
    return { ...nested, compiled: compileBody(nested.code, TEST_GLOBALS, nested.filename, nested.label) };
  }
}

/**
 * Each runCode is a new request: whether it was claimed and answered, and the response being
 * built (status, headers, body, cookies), start over, as client suites calling runCode several
 * times in one scenario expect.
 */
function startNewRequest(session: Session): void {
  resetClientState(session.ctx);
  const { state } = session;
  state.cookiesSet.length = 0;
  for (const key of Object.keys(state.responseHeaders)) delete state.responseHeaders[key];
  for (const key of RESPONSE_EXTRAS) delete state.extras[key];
}

const RESPONSE_EXTRAS = ['claimed', 'responseReturned', 'responseStatus', 'responseBody', 'responseBodyEncoding'];

/** The scenario's warnings, each repeated one (same code and message) listed once. */
function scenarioWarnings(session: Session, scenario: string): ScenarioWarning[] {
  const raw = session.state.extras[TEST_WARNINGS];
  const seen = new Set<string>();
  const out: ScenarioWarning[] = [];
  for (const w of Array.isArray(raw) ? (raw as Omit<ScenarioWarning, 'scenario'>[]) : []) {
    const key = `${w.code}\n${w.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ code: w.code, scenario, message: w.message, ...(w.url !== undefined ? { url: w.url } : {}) });
  }
  return out;
}

export async function runScenario(template: ParsedTemplate, scenario: TestScenario, options: TestOptions = {}, unit?: Pick<UnitHooks, 'onEnter'>): Promise<ScenarioResult> {
  const started = performance.now();
  const timeoutMs = options.scenarioTimeoutMs ?? DEFAULT_SCENARIO_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const env = environmentFor('test', template, { ...options, permissions: 'strict' } as never);
  // A hardened realm, like a pooled one: test code cannot replace the built-ins runner code uses.
  const session = new Session(env, createRealmCore(true));
  session.recordCalls = true;
  if (unit) {
    // Walls: in an execution unit the host ends a runaway scenario; no vm watchdog per entry.
    session.watchdog = false;
    session.onEnter = unit.onEnter;
  }
  const realm = session.realm;
  const isTag = env.templateType === 'TAG';
  const equality = { undefinedPropertiesEqualAbsent: options.undefinedPropertiesEqualAbsent ?? true };

  let failure: string | undefined;
  const failureErrors = new WeakSet<object>();
  const recordFailure = (message: string) => {
    if (failure === undefined) failure = message;
  };
  const fail = (message: string): never => {
    recordFailure(message);
    throw new ScenarioFailure(message);
  };
  let violation: string | undefined;
  // One object literal, never `session.onError = (err) => …`: see SessionHandlers.
  session.handle({
    timeBudget: () => deadline - Date.now(),
    onError: (err) => {
      if (err instanceof ScenarioFailure || (typeof err === 'object' && err !== null && failureErrors.has(err))) return;
      // A callback stopped by the watchdog used up what was left of the scenario's time.
      if (isScriptTimeout(err)) recordFailure(`timed out waiting for async work (${timeoutMs} ms)`);
      else recordFailure(session.describe(err));
    },
    // The thrown PermissionError normally fails the scenario with its line; this covers a swallowed one.
    onPermissionViolation: (message) => {
      violation ??= message;
    },
  });

  let source: CodeSource = scenarioSource(template, scenario);
  let compiled: ReturnType<typeof compileBody> | undefined;
  let compileError: unknown;
  try {
    const done = compileScenario(template, scenario);
    source = done;
    compiled = done.compiled;
  } catch (err) {
    compileError = err;
  }
  session.sources.push(templateSource(template), source);
  // The template's require sees mocks and is recorded; test code's gets the real APIs (see RequireCaller).
  const templateRequire = session.makeRequire('template');
  const testRequire = session.makeRequire('test');
  let templateFn: unknown;

  // The test API. Functions are made in the realm; ScenarioFailure is turned into a sandbox error at the boundary.
  const api = (name: string, body: (args: unknown[]) => unknown) =>
    realm.rawSandboxFunction(name, (args) => {
      try {
        return body(args);
      } catch (err) {
        if (err instanceof ScenarioFailure) {
          const sbErr = realm.toSandboxError(new Error(err.message));
          failureErrors.add(sbErr);
          throw sbErr;
        }
        throw err;
      }
    });
  const sandboxObject = (methods: Record<string, (...args: unknown[]) => unknown>) => {
    const out = realm.sb.newObject();
    for (const [name, fn] of Object.entries(methods)) out[name] = api(name, (args) => fn(...args));
    return out;
  };

  const runCode = api('runCode', (args) => {
    if (templateFn === undefined) templateFn = compileTemplate(template).script.runInContext(realm.context);
    startNewRequest(session);
    const given = args[0];
    const data = realm.sb.newObject();
    if (given !== null && typeof given === 'object') {
      for (const key of Object.keys(given)) defineOwn(data, key, (given as Record<string, unknown>)[key]);
    }
    if (isTag) {
      for (const name of ['gtmOnSuccess', 'gtmOnFailure']) {
        const own = data[name];
        data[name] = realm.rawSandboxFunction(name, (callArgs) => {
          session.recordCall(name, callArgs);
          return typeof own === 'function' ? Reflect.apply(own, undefined, callArgs) : undefined;
        });
      }
    }
    return Reflect.apply(templateFn as Function, undefined, [data, templateRequire]);
  });
  const mock = api('mock', (args) => {
    session.mocks.set(String(args[0]), { value: args[1], viaMockObject: false });
  });
  const mockObject = api('mockObject', (args) => {
    session.mocks.set(String(args[0]), { value: args[1], viaMockObject: true });
  });
  const assertApi = api('assertApi', (args) => {
    const name = String(args[0]);
    return sandboxObject(makeApiAssertions(name, () => session.calls.get(name) ?? [], fail, equality));
  });
  const assertThat = api('assertThat', (args) => sandboxObject(makeMatchers(args[0], args[1], fail, equality)));
  const failFn = api('fail', (args) => fail(args[0] === undefined ? 'fail() was called' : String(args[0])));

  try {
    if (!compiled) throw compileError;
    const body = compiled.script.runInContext(realm.context);
    session.runSandbox(body, [runCode, mock, mockObject, assertApi, assertThat, failFn, testRequire]);
  } catch (err) {
    if (isScriptTimeout(err)) {
      recordFailure(`timed out: the scenario ran for more than ${timeoutMs} ms without returning (an endless loop?)`);
    } else {
      session.onError(err);
    }
  }
  if (failure === undefined) {
    const drained = await session.drain(deadline, () => failure !== undefined);
    if (drained === 'deadline' && failure === undefined) recordFailure(`timed out waiting for async work (${timeoutMs} ms)`);
  }
  session.dispose();
  if (failure === undefined && violation !== undefined) recordFailure(violation);
  const result: ScenarioResult = {
    name: scenario.name,
    passed: failure === undefined,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    console: session.state.console,
    warnings: scenarioWarnings(session, scenario.name),
  };
  if (failure !== undefined) result.error = failure;
  return result;
}

export async function runTemplateTests(template: ParsedTemplate, options: TestOptions = {}): Promise<TestReport> {
  const scenarios = template.tests.scenarios.filter((s) => !options.filter || s.name.includes(options.filter));
  const results: ScenarioResult[] = [];
  // Walls: each scenario runs in an execution unit unless the caller asked for this thread.
  const inUnit = !runsInline(options as TestOptions & Record<string, unknown>);
  for (const scenario of scenarios) {
    results.push(inUnit ? await defaultUnitPool().runScenario(template, scenario, options) : await runScenario(template, scenario, options));
  }
  return {
    template: template.name,
    scenarios: results,
    passed: results.filter((r) => r.passed).length,
    failed: results.filter((r) => !r.passed).length,
    warnings: results.flatMap((r) => r.warnings),
  };
}
