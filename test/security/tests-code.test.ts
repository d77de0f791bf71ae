/**
 * The same attacks from ___TESTS___ setup and scenario code, which GTM's editor runs with the
 * test API (runCode, mock, assertApi, assertThat…). Test code is never language-checked, and it
 * may try to replace built-ins so that the runner's host code hands it a host function.
 * Each attack's scenario must fail (never reach the host) and the host must stay healthy.
 */
import { warmUp } from './lib/host-health';
import { closeUnits } from '../../sandbox-shim';
import { CONTAINED_OVERFLOW, expectContained, NO_CODEGEN, runAttack, TAG_TIMEOUT_MS, type TemplateAttack } from './lib/attack';

beforeAll(() => warmUp(), 30_000);
afterAll(() => closeUnits());

const TEMPLATE = "require('logToConsole')('tag ran');\ndata.gtmOnSuccess();";
const LOOP = 'while (true) { }';

async function expectScenarioFails(attack: Omit<TemplateAttack, 'code'> & { code?: string }, error: RegExp, isolation?: 'unit' | 'inline', scenarioTimeoutMs = TAG_TIMEOUT_MS) {
  const outcome = await runAttack({ code: TEMPLATE, ...attack }, { tests: { isolation, scenarioTimeoutMs } });
  expectContained(outcome, scenarioTimeoutMs);
  expect(outcome.report!.scenarios).toEqual([expect.objectContaining({ name: 'attack', passed: false, error: expect.stringMatching(error) })]);
}

/** A replacement for a built-in method: walks every function it is handed that is not the sandbox's to Function. */
const TRAP = [
  'const SF = (() => 0)[C];',
  'const trap = function () { for (let i = 0; i < arguments.length; i++) { const a = arguments[i]; if (a !== null && a !== undefined && a[C] !== SF && a[C][C] !== SF) pwnVia(a); } return undefined; };',
].join('\n');
/** Built-ins the runner is likely to call on sandbox values. */
const REPLACED = [
  '([])[C].prototype.forEach', '([])[C].prototype.map', '([])[C].prototype.join', '([])[C].prototype.push', '([])[C].prototype.slice',
  '([])[C].prototype.indexOf', '([])[C].prototype.some', '([])[C].prototype.every', '([])[C].prototype.filter',
  '({})[C].prototype.hasOwnProperty', '({})[C].prototype.toString', '(() => 0)[C].prototype.call', '(() => 0)[C].prototype.apply',
];
const ASSIGN_ALL = REPLACED.map((target) => `${target} = trap;`).join('\n');
/** Frozen intrinsics refuse the replacement; otherwise the trap runs and hits the sandbox's Function. */
const REPLACE_REFUSED_OR_BLOCKED = /Cannot assign to read only property|object is not extensible|EvalError: Code generation from strings disallowed/;

describe('constructor chains and globals from test code', () => {
  test.each([
    ['a value in scenario code', "pwnVia({});"],
    ['runCode', 'pwnVia(runCode);'],
    ['fail', 'pwnVia(fail);'],
    ['assertThat and its subject object', 'pwnVia(assertThat(1));'],
    ['mock and mockObject', "pwnVia(mock);\npwnVia(mockObject);"],
    ['assertApi', "pwnVia(assertApi('logToConsole'));"],
    ['a mocked API result', "mock('getAllEventData', () => ({a: 1}));\npwnVia(require('getAllEventData')());"],
    ['arguments a mock receives from the template', "mock('logToConsole', function () { pwnVia(arguments); });\nrunCode({});"],
  ])('%s', async (_label, scenario) => expectScenarioFails({ scenario }, NO_CODEGEN));

  test('a stack overflow inside the runner (assertThat) caught with a thenable', async () => {
    await expectScenarioFails(
      { scenario: 'const deep = (n) => assertThat(n).isDefined() + deep(n + 1) + 0;\ncatchError(() => deep(0), (e) => pwnVia(e));' },
      CONTAINED_OVERFLOW,
      undefined,
      // Thousands of assertThat calls: more time than the other attacks, so the overflow (not the timeout) decides.
      4000,
    );
  });

  test('import() in scenario code', async () => {
    await expectScenarioFails({ scenario: "import('fs').then((fs) => fs.writeFileSync(CANARY_FILE, 'x'), (e) => pwnVia(e));" }, /import\(\) is not available in the sandbox/);
  });

  test('import() in setup code', async () => {
    await expectScenarioFails({ setup: "import('node:fs').then(null, (e) => pwnVia(e));", scenario: 'runCode({});' }, /import\(\) is not available in the sandbox/);
  });

  test('eval, Function and globalThis in scenario code', async () => {
    await expectScenarioFails({ scenario: "const g = globalThis || eval('this');\npwnVia(g);" }, /ReferenceError: globalThis is not defined/);
  });

  test('a constructor chain from setup code', async () => {
    await expectScenarioFails({ setup: 'pwnVia(mock);', scenario: 'runCode({});' }, NO_CODEGEN);
  });
});

describe('replaced built-ins (the runner must not hand test code a host function)', () => {
  // The first wall alone: the scenario on the caller's thread, where the runner's host code lives.
  test.each([
    ['assertThat(...).isEqualTo', 'assertThat([1, {a: [2]}]).isEqualTo([1, {a: [2]}]);'],
    ['assertApi(...).wasCalledWith', "runCode({});\nassertApi('logToConsole').wasCalledWith('tag ran');"],
    ['mock and runCode with data', "mock('logToConsole', (m) => m);\nrunCode({list: [1, 2], nested: {a: 1}});"],
  ])('first wall alone (isolation inline): replaced built-ins, then %s', async (_label, use) => {
    await expectScenarioFails({ scenario: `${TRAP}\n${ASSIGN_ALL}\n${use}` }, REPLACE_REFUSED_OR_BLOCKED, 'inline');
  });
  test('first wall alone (isolation inline): a constructor chain from a mock argument', async () => {
    await expectScenarioFails({ scenario: "mock('logToConsole', function () { pwnVia(arguments); });\nrunCode({});" }, NO_CODEGEN, 'inline');
  });

  test('Array.prototype.forEach and friends, then assertThat(...).isEqualTo', async () => {
    await expectScenarioFails({ scenario: `${TRAP}\n${ASSIGN_ALL}\nassertThat([1, {a: [2]}]).isEqualTo([1, {a: [2]}]);` }, REPLACE_REFUSED_OR_BLOCKED);
  });
  test('replaced built-ins, then assertApi(...).wasCalledWith', async () => {
    await expectScenarioFails({ scenario: `${TRAP}\nrunCode({});\n${ASSIGN_ALL}\nassertApi('logToConsole').wasCalledWith('tag ran');\nassertApi('gtmOnSuccess').wasCalled();` }, REPLACE_REFUSED_OR_BLOCKED);
  });
  test('replaced built-ins, then mock and runCode with data', async () => {
    await expectScenarioFails({ scenario: `${TRAP}\n${ASSIGN_ALL}\nmock('logToConsole', (m) => m);\nrunCode({list: [1, 2], nested: {a: 1}});` }, REPLACE_REFUSED_OR_BLOCKED);
  });
  test('replaced built-ins in setup, used by every scenario', async () => {
    await expectScenarioFails({ setup: `${TRAP}\n${ASSIGN_ALL}`, scenario: "assertThat({a: [1]}).isEqualTo({a: [1]});\nassertThat([1]).contains(1);" }, REPLACE_REFUSED_OR_BLOCKED);
  });
  test('Object.prototype polluted from test code does not reach the host', async () => {
    await expectScenarioFails({ scenario: "({})[C].prototype.polluted = 'yes';\n({})['__pro' + 'to__'].isAdmin = true;\nrunCode({});" }, /object is not extensible|Cannot add property/);
  });
});

describe('hangs in test code (ended from outside; the scenario fails)', () => {
  test.each([
    ['scenario code', LOOP],
    ['setup code', undefined],
    ['a .then callback in scenario code', `require('Promise').create((r) => r(1)).then(() => { ${LOOP} });`],
    ["a thenable's then in scenario code", `require('Promise').create((r) => r({then: () => { ${LOOP} }}));`],
    ['a mock the template calls', `mock('logToConsole', () => { ${LOOP} });\nrunCode({});`],
    ['a callLater callback in scenario code', `require('callLater')(() => { ${LOOP} });`],
  ])('an endless loop in %s', async (_label, scenario) => {
    const attack = scenario === undefined ? { setup: LOOP, scenario: 'runCode({});' } : { scenario };
    const outcome = await runAttack({ code: TEMPLATE, ...attack });
    expectContained(outcome, TAG_TIMEOUT_MS);
    expect(outcome.report!.scenarios).toEqual([expect.objectContaining({ name: 'attack', passed: false, error: expect.stringMatching(/timed out|ran for more than|timeout/i) })]);
  });
});
