/**
 * runTemplate: fires a template once, as a server container would, and returns the preview
 * record (status, outgoing requests, console, cookies, response headers, return value).
 */
import { fireEventCallbacks, registeredEventCallbacks } from '../apis/event-data';
import type { RunEnvironment } from '../apis/family';
import type { ParsedTemplate, PreviewRecord, RunOptions, TagStatus } from '../types';
import { compileBody, dataProperty, type CodeSource, type CompiledCode } from './compile';
import { buildEnvironment } from './environment';
import { describeLanguageErrors, languageErrors } from './language-gate';
import { CALL, GET, lenientHelpers, rewriteNullishAccess } from './lenient';
import { DEFAULT_REDACT_HEADERS, redactorFor } from './redact';
import { acquireRealm, releaseRealm, reuseRealmByDefault } from './realm-pool';
import { Session } from './session';
import { defaultUnitPool, runsInline, UnitCloneError } from '../unit/pool';

export const DEFAULT_TAG_TIMEOUT_MS = 5000;
/** How long addEventCallback callbacks may keep working after the tag's own deadline. */
const EVENT_CALLBACK_GRACE_MS = 1000;

/** The template's code as `function (data, require)`; line N of the code is "template line N". */
export function templateSource(template: ParsedTemplate): CodeSource {
  return { filename: `sgtm-template:${template.name}`, label: (line) => `template line ${line}` };
}

/**
 * Compiled code per template object: a server fires the same template on every event, and
 * compileBody's own cache key (the whole code, ~120 KB for our tag) costs a copy and a hash per run.
 */
const compiledByTemplate = new WeakMap<ParsedTemplate, { code: string; lenient: boolean; compiled: CompiledCode }>();

export function compileTemplate(template: ParsedTemplate, lenient = false): CompiledCode {
  const known = compiledByTemplate.get(template);
  if (known && known.code === template.code && known.lenient === lenient) return known.compiled;
  const compiled = compileTemplateCode(template, lenient);
  compiledByTemplate.set(template, { code: template.code, lenient, compiled });
  return compiled;
}

function compileTemplateCode(template: ParsedTemplate, lenient: boolean): CompiledCode {
  const source = templateSource(template);
  if (!lenient) return compileBody(template.code, ['data', 'require'], source.filename, source.label);
  let code: string;
  try {
    code = rewriteNullishAccess(template.code);
  } catch {
    code = template.code; // a syntax error: let V8 report it with its line
  }
  return compileBody(code, ['data', 'require', GET, CALL], source.filename, source.label);
}

/** Extra environment fields other areas may add to RunOptions (client name, Firestore seed, runContainer hook, shared message listeners). */
const PASS_THROUGH_ENV_KEYS = ['clientName', 'firestoreSeed', 'onRunContainer', 'messageListeners', 'exchange'] as const;

export function environmentFor(mode: 'run' | 'test', template: ParsedTemplate, options: RunOptions & Record<string, unknown>): RunEnvironment {
  const env = buildEnvironment(mode, template, options);
  for (const key of PASS_THROUGH_ENV_KEYS) {
    if (options[key] !== undefined) (env as unknown as Record<string, unknown>)[key] = options[key];
  }
  return env;
}

interface Outcome {
  status: TagStatus;
  error?: string;
  atMs: number;
}

/** The vm watchdog stopped sandboxed code that ran past its time. */
export function isScriptTimeout(err: unknown): boolean {
  return dataProperty(err, 'code') === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** How an execution unit drives a run inside it (absent for a run on the caller's thread). */
export interface UnitHooks {
  /** Called before each entry into sandbox code of this run. */
  onEnter(): void;
  /**
   * The tag has ended with `status` and its event callbacks may work until this epoch ms
   * (addEventCallback's grace): if its unit must be killed now, that status stands.
   */
  onExtend(untilMs: number, status: TagStatus, error?: string): void;
  /**
   * The caller has the event and fills in the record's eventData itself (a unit's host): the
   * record leaves it null instead of copying and redacting it for nothing.
   */
  eventDataOnHost?: boolean;
}

/**
 * Fires a template once and returns its preview record. By default the run happens in an
 * execution unit (a child process with a memory cap, killed from outside when it runs past its
 * time; see docs/shim.md "Walls"); `isolation: 'inline'` runs it on the caller's thread.
 */
export function runTemplate(template: ParsedTemplate, options: RunOptions = {}): Promise<PreviewRecord> {
  if (runsInline(options as RunOptions & Record<string, unknown>)) return runTemplateHere(template, options);
  // Not an async function: the unit's promise is returned as it is (no wrapper promise and await per run).
  return defaultUnitPool().run(template, options, inlineInstead);
}

/** An option that cannot cross to a unit (a function inside `data`…): this run keeps the first wall only. */
function inlineInstead(template: ParsedTemplate, options: RunOptions, err: Error): Promise<PreviewRecord> {
  if (err instanceof UnitCloneError) return runTemplateHere(template, options);
  return Promise.reject(err);
}

/**
 * The run on this thread: only the first wall (the realm) and the vm watchdog on each entry.
 * Inside a unit `hooks` is given: no watchdog, the unit's host enforces the deadline.
 */
export async function runTemplateHere(template: ParsedTemplate, options: RunOptions = {}, hooks?: UnitHooks): Promise<PreviewRecord> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const timeoutMs = options.tagTimeoutMs ?? DEFAULT_TAG_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const redactor = redactorFor(options.secrets, options.redactHeaders ?? DEFAULT_REDACT_HEADERS);
  const env = environmentFor('run', template, options as RunOptions & Record<string, unknown>);
  const core = (options.reuseRealm ?? reuseRealmByDefault()) ? acquireRealm() : undefined;
  const session = new Session(env, core);
  if (hooks) session.watchdog = false;
  session.sources.push(templateSource(template));
  let budgetUntil = deadline;
  const stream = options.onConsole;

  const isTag = env.templateType === 'TAG';
  let outcome: Outcome | undefined;
  let watchdogFired = false;
  let violationEntry: { level: 'error'; message: string } | undefined;

  const decide = (status: TagStatus, error?: string) => {
    if (!outcome) outcome = { status, error, atMs: elapsed() };
  };
  // One object literal, never `session.onError = (err) => …`: see SessionHandlers.
  session.handle({
    onEnter: hooks?.onEnter,
    timeBudget: () => budgetUntil - Date.now(),
    onConsole: stream && ((entry) => stream(redactor.value(entry))),
    onPermissionViolation: (message) => {
      if (outcome) return;
      // Recorded now: template code could swallow the rejection of a promise-form API.
      decide('exception', message);
      violationEntry = { level: 'error', message };
      session.console(violationEntry);
    },
    onError: (err) => {
      if (isScriptTimeout(err)) {
        watchdogFired = true;
        session.console({ level: 'error', message: `The template ran for more than ${timeoutMs} ms without returning (an endless loop?); stopped.` });
        decide('timeout');
        return;
      }
      const text = session.describe(err);
      const message = dataProperty(err, 'message');
      if (violationEntry && outcome && outcome.error === message) {
        // The same violation, now with its line: upgrade the entry instead of logging it twice.
        violationEntry.message = text;
        outcome.error = text;
        return;
      }
      session.console({ level: 'error', message: text });
      decide('exception', text);
    },
  });

  const data = session.realm.toSandbox({ ...(options.data ?? {}) }) as Record<string, unknown>;
  if (isTag) {
    for (const [name, status] of [['gtmOnSuccess', 'success'], ['gtmOnFailure', 'failure']] as const) {
      data[name] = session.realm.rawSandboxFunction(name, () => {
        if (outcome) {
          session.console({ level: 'debug', message: `${name} called after the tag had already ended as ${outcome.status}; ignored (the first call wins)` });
          return undefined;
        }
        decide(status);
        return undefined;
      });
    }
  }

  let returnValue: unknown;
  let macroPending = false;
  const refused = options.languageCheck === 'off' ? [] : languageErrors(template.code);
  // Code the language gate let through has no async function, await or import(): it queues
  // microtasks only through promises and callbacks, which the session sees cross (asyncPossible).
  if (options.languageCheck !== 'off') session.asyncPossible = false;
  if (refused.length > 0) {
    const message = describeLanguageErrors(refused);
    session.console({ level: 'error', message });
    decide('exception', message);
  } else {
    try {
      const lenient = options.propertyAccessOnNullish === 'undefined';
      const compiled = compileTemplate(template, lenient);
      const fn = session.realm.instantiate(compiled.script);
      const args: unknown[] = [data, session.makeRequire()];
      if (lenient) args.push(...lenientHelpers(session.realm));
      returnValue = session.runSandbox(fn, args);
    } catch (err) {
      session.uncaught(err);
    }
  }

  if (!isTag && session.realm.isSandboxPromise(returnValue)) {
    // A variable may return a promise; the container uses what it resolves to (spec §1.1).
    const promise = returnValue;
    returnValue = undefined;
    macroPending = true;
    session.track(
      session.realm.promiseFromSandbox(promise).then(
        (value) => {
          macroPending = false;
          returnValue = value;
        },
        (reason) => {
          macroPending = false;
          session.uncaught(reason);
        },
      ),
    );
  } else {
    returnValue = session.realm.fromSandbox(returnValue);
  }

  await session.drain(deadline);
  if (!outcome) {
    if (isTag || macroPending) decide('timeout');
    else decide('success');
  }
  const final = outcome as unknown as Outcome;
  if (final.status === 'timeout' && isTag) {
    session.console({ level: 'error', message: `The tag called neither data.gtmOnSuccess() nor data.gtmOnFailure() within ${timeoutMs} ms: timeout.` });
  }
  if (isTag && registeredEventCallbacks(session.ctx).length > 0) {
    // The event is over once this tag is: addEventCallback callbacks get its status (spec §2.3).
    const tags = [{ id: template.name, status: final.status, executionTime: Math.round(final.atMs) }];
    budgetUntil = Math.max(deadline, Date.now() + EVENT_CALLBACK_GRACE_MS);
    hooks?.onExtend(budgetUntil, final.status, final.error);
    fireEventCallbacks(session.ctx, env.containerVersion.containerId, { tags });
    await session.drain(budgetUntil);
  }
  session.dispose();
  // Aborting in-flight requests records them in a microtask; let that happen before the record is
  // built (a run that ended with nothing in flight aborted nothing: no extra loop turn).
  if (session.abortedInFlight) await new Promise<void>((resolve) => setImmediate(resolve));
  // Only now: microtasks of the run that were already queued have run in this realm.
  if (core) releaseRealm(core, session.endedIdle && !watchdogFired && final.status !== 'timeout');

  const { outgoingRequests, console, cookiesSet, responseHeaders, extras } = session.state;
  const record: PreviewRecord = {
    ...(extras as Partial<PreviewRecord>),
    template: template.name,
    status: final.status,
    executionTimeMs: Math.round(final.status === 'timeout' ? elapsed() : final.atMs),
    outgoingRequests: outgoingRequests.map((r) => ({
      ...r,
      headers: redactor.headerMap(r.headers),
      response: 'statusCode' in r.response ? { ...r.response, headers: redactor.headerMap(r.response.headers) } : r.response,
    })),
    console,
    cookiesSet,
    responseHeaders: redactor.headerMap(responseHeaders),
    // A unit's record keeps the key (the host fills it in, in this place) with null, which JSON carries (unit/frames.ts).
    eventData: hooks?.eventDataOnHost ? (null as unknown as PreviewRecord['eventData']) : env.eventData,
  };
  if (returnValue !== undefined) record.returnValue = returnValue;
  if (final.error !== undefined) record.error = final.error;
  return redactor.value(record);
}
