/**
 * One attack = one hostile template, run through the public library API (`runTemplate` or
 * `runTemplateTests`), with a canary armed. `runAttack` returns what a test needs to prove the
 * negative: the record/report, the time it took, the canary's verdict and the host's health.
 */
import { parseTemplate, runTemplate, runTemplateTests, type PreviewRecord, type RunOptions, type TestOptions, type TestReport } from '../../../sandbox-shim';
import { renderTpl } from '../../conformance/lib/tpl-writer';
import { armCanary, canaryBreach, makeCanary, payload, type Canary } from './canary';
import { hostProblems, snapshotIntrinsics } from './host-health';

/** Short, so the corpus stays fast; the bound every attack must finish in is this plus SLACK_MS. */
export const TAG_TIMEOUT_MS = 1000;
/** Generous on a loaded 2-core CI box. */
export const SLACK_MS = 2000;

/** Permissions that let the payload log and the attack reach every API family it names. */
export const ALL_PERMISSIONS: Record<string, Record<string, unknown>> = {
  logging: { environments: 'all' },
  read_event_data: { eventDataAccess: 'any' },
  read_event_metadata: {},
  read_request: { requestAccess: 'any', headerAccess: 'any', queryParameterAccess: 'any' },
  get_cookies: { cookieAccess: 'any' },
  set_cookies: { allowedCookies: [{ name: '*', domain: '*', path: '*', secure: 'any', session: 'any' }] },
  read_container_data: {},
  access_template_storage: {},
  send_http: { allowedUrls: 'specific', urls: ['https://business-api.tiktok.com/'] },
};

export interface TemplateAttack {
  /** Template code; the payload (`pwn`, `pwnVia`, `C`) is defined above it. */
  code: string;
  type?: 'TAG' | 'MACRO';
  permissions?: Record<string, Record<string, unknown>>;
  /** ___TESTS___ setup; the payload is defined above it in test attacks. */
  setup?: string;
  /** One ___TESTS___ scenario (a test attack when present). */
  scenario?: string;
}

/** The .tpl text of an attack, written the way GTM's editor exports it. */
export function attackTpl(attack: TemplateAttack, canary: Canary): string {
  const prelude = payload(canary);
  const isTest = attack.scenario !== undefined;
  return renderTpl({
    file: 'attack',
    lookalikeOf: 'nothing (hostile)',
    type: attack.type ?? 'TAG',
    displayName: 'Hostile template',
    description: 'An attack on the sandbox',
    parameters: [],
    code: isTest ? attack.code : `${prelude}\n${attack.code}`,
    permissions: attack.permissions ?? ALL_PERMISSIONS,
    setup: isTest ? `${prelude}\n${attack.setup ?? ''}` : attack.setup,
    scenarios: isTest ? [{ name: 'attack', code: attack.scenario!, expect: 'pass' }] : [],
    testStyle: 'gtm',
  });
}

export interface AttackOutcome {
  record?: PreviewRecord;
  report?: TestReport;
  elapsedMs: number;
  /** Why the canary says the attack got through; undefined when it held. */
  breach?: string;
  /** Changed host built-ins or a normal tag that no longer runs; empty when healthy. */
  hostProblems: string[];
}

export async function runAttack(attack: TemplateAttack, options: { run?: RunOptions; tests?: TestOptions } = {}): Promise<AttackOutcome> {
  const canary = makeCanary();
  const disarm = armCanary(canary);
  const before = snapshotIntrinsics();
  try {
    const template = parseTemplate(attackTpl(attack, canary), 'attack.tpl');
    const started = performance.now();
    let record: PreviewRecord | undefined;
    let report: TestReport | undefined;
    if (attack.scenario !== undefined) report = await runTemplateTests(template, { scenarioTimeoutMs: TAG_TIMEOUT_MS, ...options.tests });
    else record = await runTemplate(template, { tagTimeoutMs: TAG_TIMEOUT_MS, ...options.run });
    const elapsedMs = performance.now() - started;
    // Late work of the attack (a callback, a timer) gets a moment to misbehave before the verdict.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { record, report, elapsedMs, breach: canaryBreach(canary, [record, report]), hostProblems: await hostProblems(before) };
  } finally {
    disarm();
  }
}

/** The common verdict: canary intact, host healthy, done within the tag timeout plus slack. */
export function expectContained(outcome: AttackOutcome, timeoutMs = TAG_TIMEOUT_MS): void {
  expect(outcome.breach).toBeUndefined();
  expect(outcome.hostProblems).toEqual([]);
  expect(outcome.elapsedMs).toBeLessThan(timeoutMs + SLACK_MS);
}

/** What a sandbox Function says when asked to compile a string: the chain ended inside the sandbox. */
export const NO_CODEGEN = /^EvalError: Code generation from strings disallowed for this context/;

export interface Verdict {
  status: PreviewRecord['status'];
  /** What record.error must match; omitted = no error (success/failure/timeout). */
  error?: RegExp;
}

/** Runs a template attack with runTemplate and checks canary, host health, time, status and error. */
export async function expectTemplateAttackFails(attack: TemplateAttack, verdict: Verdict, run: RunOptions = {}): Promise<PreviewRecord> {
  const outcome = await runAttack(attack, { run });
  expectContained(outcome, run.tagTimeoutMs);
  const record = outcome.record!;
  expect({ status: record.status, error: record.error }).toEqual({ status: verdict.status, error: verdict.error ? expect.stringMatching(verdict.error) : undefined });
  return record;
}

/**
 * Where the stack runs out depends on the depth the run starts at (unit or inline, jest's own
 * frames), so a sound sandbox gives one of two verdicts: the caught error, walked to Function,
 * hit the sandbox's Function; or the overflow could not even be caught and ended the run as a
 * sandbox RangeError. Either way the canary must be intact.
 */
export const CONTAINED_OVERFLOW = /^(EvalError: Code generation from strings disallowed for this context|RangeError: Maximum call stack size exceeded)/;
