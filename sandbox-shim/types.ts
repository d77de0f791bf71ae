/**
 * The shim's public data shapes: a parsed template, the options of one tag run, the preview
 * record it produces, and the report of a template's own tests. The library (index.ts), the CLI,
 * the local server container and the tag's tests all speak these.
 */
import type { ContainerVersion } from './sandbox-apis';

// ---------------------------------------------------------------- parsed .tpl

export interface TemplateInfo {
  type: 'TAG' | 'CLIENT' | 'MACRO' | string;
  id?: string;
  version?: number;
  securityGroups?: unknown[];
  displayName: string;
  categories?: string[];
  brand?: { id: string; displayName: string; thumbnail?: string };
  description?: string;
  containerContexts: string[];
  [key: string]: unknown;
}

export interface TemplateParameter {
  type: string;
  name?: string;
  displayName?: string;
  [key: string]: unknown;
}

/** One entry of ___SERVER_PERMISSIONS___ with its typed params decoded to plain JS values. */
export interface Permission {
  publicId: string;
  /** Decoded params: type 1 → string, 2 → array, 3 → object, 8 → boolean. */
  params: Record<string, unknown>;
  isRequired?: boolean;
}

export interface TestScenario {
  name: string;
  code: string;
}

export interface TemplateTests {
  scenarios: TestScenario[];
  setup: string;
}

export interface ParsedTemplate {
  /** File name or label used in messages. */
  name: string;
  info: TemplateInfo;
  parameters: TemplateParameter[];
  /** The sandboxed JS code section (server or web). */
  code: string;
  codeSection: '___SANDBOXED_JS_FOR_SERVER___' | '___SANDBOXED_JS_FOR_WEB_TEMPLATE___';
  permissions: Permission[];
  tests: TemplateTests;
  notes?: string;
  termsOfService?: string;
  /** Raw text of every section by marker name, in file order, for round-tripping. */
  sections: Record<string, string>;
  /** 1-based line in the .tpl file where the code section's first line is (for messages). */
  codeStartLine: number;
  /** What the parser accepted but GTM users should fix (e.g. a section that appears twice). */
  warnings?: Problem[];
}

/** A malformed .tpl: names the section and what is wrong. */
export class TemplateParseError extends Error {
  constructor(public readonly section: string, message: string) {
    super(`${section}: ${message}`);
    this.name = 'TemplateParseError';
  }
}

// ---------------------------------------------------------------- validation

export interface Problem {
  severity: 'error' | 'warning';
  /** Section the problem is in, e.g. ___SANDBOXED_JS_FOR_SERVER___ or a scenario name. */
  where: string;
  /** 1-based line and 0-based column within that code, when it is about code. */
  line?: number;
  column?: number;
  /** Short name of the construct, e.g. "try statement", "template literal", "new". */
  construct?: string;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  problems: Problem[];
}

// ---------------------------------------------------------------- one tag run

/** The incoming HTTP request the container is handling. */
export interface RequestFixture {
  method?: string;
  /** Path without the query string, e.g. "/g/collect". */
  path?: string;
  /** Query string without "?", or an object of name → value(s). */
  query?: string | Record<string, string | string[]>;
  /** Header names in any case; repeated headers as arrays. */
  headers?: Record<string, string | string[]>;
  body?: string;
  remoteAddress?: string;
}

export type PermissionMode = 'strict' | 'warn' | 'off';

export interface RunOptions {
  /** Field values (`data`); gtmOnSuccess/gtmOnFailure are added for tags. */
  data?: Record<string, unknown>;
  eventData?: Record<string, unknown>;
  request?: RequestFixture;
  containerVersion?: Partial<ContainerVersion>;
  /** host → origin, e.g. {"business-api.tiktok.com": "http://127.0.0.1:9999"}; applied after the permission check. */
  routes?: Record<string, string>;
  /** Ms before a tag that called neither callback ends as `timeout`. Default 5000 in the CLI. */
  tagTimeoutMs?: number;
  /** Injectable clock (ms since epoch) and randomness in [0, 1). */
  now?: () => number;
  random?: () => number;
  /** templateDataStorage contents shared across runs (pass the same Map to share). */
  storage?: Map<string, unknown>;
  permissions?: PermissionMode;
  /** Secret values (e.g. an access token) replaced by "[REDACTED]" anywhere in the record. */
  secrets?: string[];
  /** Header names whose values are redacted in the record (case-insensitive). */
  redactHeaders?: string[];
  /** Reading a property of undefined/null: throw like JS (default) or yield undefined. */
  propertyAccessOnNullish?: 'throw' | 'undefined';
  /** Called with each console entry as it happens (the server streams health logs this way). */
  onConsole?: (entry: ConsoleEntry) => void;
  /**
   * 'on' (default): code with language errors (new, this, try…; see checkLanguage) is not run
   * and the run ends as `exception` listing them, as GTM would never run such a template.
   * 'off': run it anyway.
   */
  languageCheck?: 'on' | 'off';
  /**
   * true (default; SGTM_REUSE_REALM=0 in the environment changes the default): the run borrows a
   * sandbox realm kept from an earlier run that ended cleanly (its intrinsics are frozen and every
   * per-run value is a parameter, so nothing carries over). false: a fresh realm for this run.
   */
  reuseRealm?: boolean;
  /**
   * 'unit' (default; SGTM_ISOLATION=inline changes it): the run happens in an execution unit, a
   * worker thread with a memory cap that the host terminates when the run is past its time (the
   * second wall, see docs/shim.md "Walls"). 'inline': on the caller's thread, with only the realm
   * and a vm watchdog per entry. Runs given `messageListeners`, or options that cannot cross
   * threads (a function inside `data`), run inline.
   */
  isolation?: 'unit' | 'inline';
}

export interface ConsoleEntry {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
}

export interface OutgoingRequest {
  url: string;
  /** Where it really went after --route, when different from url. */
  routedTo?: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  response: { statusCode: number; headers: Record<string, string | string[]>; body?: string } | { reason: 'failed' | 'timed_out' };
  durationMs: number;
}

export interface CookieSet {
  name: string;
  value: string;
  options: Record<string, unknown>;
  /** The Set-Cookie header line the response would carry. */
  header: string;
}

export type TagStatus = 'success' | 'failure' | 'exception' | 'timeout';

export interface PreviewRecord {
  template: string;
  status: TagStatus;
  executionTimeMs: number;
  outgoingRequests: OutgoingRequest[];
  console: ConsoleEntry[];
  cookiesSet: CookieSet[];
  /** Response headers set via setResponseHeader plus Set-Cookie lines. */
  responseHeaders: Record<string, string | string[]>;
  eventData: Record<string, unknown>;
  /** Template return value (variables), copied out of the sandbox. */
  returnValue?: unknown;
  /** The uncaught error that made the status `exception`. */
  error?: string;
  messagesSent?: { type: string; message: unknown }[];
  bigQueryInserts?: { connection: unknown; rows: unknown[]; options?: unknown }[];
  firestoreWrites?: { path: string; data: unknown; options?: unknown }[];
}

// ---------------------------------------------------------------- ___TESTS___

export interface TestOptions {
  /** Only scenarios whose name contains this text. */
  filter?: string;
  /**
   * Let unmocked sendHttpRequest reach the network. Otherwise an unmocked, unrouted request is
   * recorded but not sent, never settles, and gives the scenario a `network_not_sent` warning.
   */
  allowNetwork?: boolean;
  routes?: Record<string, string>;
  eventData?: Record<string, unknown>;
  request?: RequestFixture;
  containerVersion?: Partial<ContainerVersion>;
  /** Cap on async drain per scenario, in ms. */
  scenarioTimeoutMs?: number;
  /**
   * Deep equality (isEqualTo, isNotEqualTo, isAnyOf, contains…, containsExactly…, wasCalledWith)
   * treats an own property whose value is undefined as absent: `{a: undefined}` equals `{}`.
   * Default true (a guess at GTM, whose data model drops undefined map entries); false = strict.
   */
  undefinedPropertiesEqualAbsent?: boolean;
  /** Where each scenario runs: 'unit' (default) or 'inline', as RunOptions.isolation. */
  isolation?: 'unit' | 'inline';
}

/**
 * Something a scenario did that GTM's editor accepts but the shim cannot fully reproduce (an
 * unmocked request it did not send, a second returnResponse). Never fails the scenario.
 */
export interface ScenarioWarning {
  /** `network_not_sent`, `response_returned_twice`, `claim_after_return`. */
  code: string;
  /** The scenario's name. */
  scenario: string;
  message: string;
  /** network_not_sent: the URL that was not requested. */
  url?: string;
}

export interface ScenarioResult {
  name: string;
  passed: boolean;
  error?: string;
  durationMs: number;
  /** logToConsole output and runner messages of that scenario. */
  console?: ConsoleEntry[];
  /** What the scenario did that the shim tolerated with a warning (empty when nothing). */
  warnings: ScenarioWarning[];
}

export interface TestReport {
  template: string;
  scenarios: ScenarioResult[];
  passed: number;
  failed: number;
  /** Every scenario's warnings, in scenario order. */
  warnings: ScenarioWarning[];
}
