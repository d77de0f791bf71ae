/**
 * The sandbox shim as a library: parse a .tpl, check it, fire it once, run its own tests.
 *
 *   const template = parseTemplate(text, 'template.tpl');
 *   const record = await runTemplate(template, { data, eventData, routes });
 *   const report = await runTemplateTests(template, {});
 */
export { parseTemplate, validateTemplate, checkLanguage } from './template/index';
export { runTemplate, DEFAULT_TAG_TIMEOUT_MS } from './runtime/run-template';
export { runTemplateTests, DEFAULT_SCENARIO_TIMEOUT_MS } from './tests-runner/run-tests';
export { urlMatchesPattern } from './apis/http';
export { REDACTED } from './runtime/redact';
export * from './types';
export type * from './sandbox-apis';
export { realmPoolStats, clearRealmPool, REALM_POOL_LIMIT } from './runtime/realm-pool';
export { UnitPool, configureUnits, closeUnits, unitStats, DEFAULT_UNIT_MEMORY_MB, type UnitPoolOptions, type UnitStats } from './unit/pool';
export { runTemplateHere } from './runtime/run-template';
