/**
 * Is this a server template GTM would accept? Checks ___INFO___, the code section, the fields,
 * the permissions, the code's language and `require`s, and the tests. Errors are what GTM (or the
 * shim) would refuse; warnings are what GTM might accept but nobody has verified.
 */
import type { ParsedTemplate, Problem, ValidationResult } from '../types';
import { apiPermissions, findRequires, isSandboxApi, knownServerPermissions, webOnlyApis } from './api-permissions';
import { checkLanguage } from './language-rules';
import { SERVER_CODE } from './parse';
import { validateParameters } from './validate-parameters';
import { isObject } from './is-object';

export { apiPermissions, requiredApis } from './api-permissions';

const TEMPLATE_TYPES = ['TAG', 'CLIENT', 'MACRO'];

function validateInfo(t: ParsedTemplate): Problem[] {
  const where = '___INFO___';
  const problems: Problem[] = [];
  const info = t.info as unknown as Record<string, unknown>;
  if (!TEMPLATE_TYPES.includes(info.type as string)) {
    problems.push({ severity: 'error', where, message: `type is ${JSON.stringify(info.type)}; it must be "TAG", "CLIENT" or "MACRO"` });
  }
  if (typeof info.displayName !== 'string' || info.displayName.trim() === '') {
    problems.push({ severity: 'error', where, message: 'displayName is missing; GTM shows it in the template list' });
  }
  const contexts = info.containerContexts;
  if (!Array.isArray(contexts)) {
    problems.push({ severity: 'error', where, message: 'containerContexts is missing; a server template has "containerContexts": ["SERVER"]' });
  } else if (!contexts.includes('SERVER')) {
    problems.push({
      severity: 'error',
      where,
      message: contexts.includes('WEB') ? 'this is a web template; the shim runs server templates' : `containerContexts is ${JSON.stringify(contexts)}; a server template has ["SERVER"]`,
    });
  }
  if (t.codeSection !== SERVER_CODE) {
    problems.push({ severity: 'error', where: t.codeSection, message: `the code is in ${t.codeSection}, the web code section; a server template keeps it under ${SERVER_CODE}` });
  }
  return problems;
}

/** Shape of the raw permission entries (the decoded Permission list hides malformed ones). */
function validatePermissions(t: ParsedTemplate): Problem[] {
  const sections = t.sections ?? {};
  const where = sections['___SERVER_PERMISSIONS___'] !== undefined ? '___SERVER_PERMISSIONS___' : '___WEB_PERMISSIONS___';
  const text = sections[where];
  if (text === undefined || text.trim() === '') return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return []; // parseTemplate already rejected it; a hand-built ParsedTemplate has no raw text to check
  }
  if (!Array.isArray(raw)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  raw.forEach((entry, i) => {
    const instance = isObject(entry) ? entry.instance : undefined;
    const key = isObject(instance) ? instance.key : undefined;
    const publicId = isObject(key) ? key.publicId : undefined;
    if (typeof publicId !== 'string' || publicId === '') {
      problems.push({ severity: 'error', where, message: `entry #${i + 1} has no instance.key.publicId; each entry is {"instance": {"key": {"publicId": "…", "versionId": "1"}, "param": [...]}}` });
      return;
    }
    const at = `permission ${publicId}`;
    if (seen.has(publicId)) problems.push({ severity: 'error', where, message: `${at} is declared twice; merge the entries` });
    seen.add(publicId);
    if (!knownServerPermissions.includes(publicId)) problems.push({ severity: 'warning', where, message: `${at} is not a known server permission (known: ${knownServerPermissions.join(', ')})` });
    const params = isObject(instance) ? instance.param : undefined;
    if (params === undefined) return;
    if (!Array.isArray(params)) return void problems.push({ severity: 'error', where, message: `${at}: "param" must be an array of {key, value}` });
    params.forEach((p, j) => {
      if (!isObject(p) || typeof p.key !== 'string') return void problems.push({ severity: 'error', where, message: `${at}: param #${j + 1} needs a string "key"` });
      const problem = typedValueProblem(p.value);
      if (problem) problems.push({ severity: 'error', where, message: `${at}: param "${p.key}" ${problem}` });
    });
  });
  return problems;
}

/** Why a typed value is malformed, or undefined. Unknown type codes are tolerated. */
function typedValueProblem(value: unknown): string | undefined {
  if (!isObject(value) || typeof value.type !== 'number') return 'must be a typed value {"type": 1, "string": "…"}';
  switch (value.type) {
    case 1:
      return typeof value.string === 'string' ? undefined : 'has type 1 (string) but no "string"';
    case 2:
      if (!Array.isArray(value.listItem)) return 'has type 2 (list) but no "listItem" array';
      for (const item of value.listItem) {
        const inner = typedValueProblem(item);
        if (inner) return `has a list item that ${inner.replace(/^must be/, 'is not')}`;
      }
      return undefined;
    case 3:
      if (!Array.isArray(value.mapKey) || !Array.isArray(value.mapValue)) return 'has type 3 (map) but no "mapKey"/"mapValue" arrays';
      if (value.mapKey.length !== value.mapValue.length) return `has type 3 (map) with ${value.mapKey.length} keys but ${value.mapValue.length} values`;
      return undefined;
    case 8:
      return typeof value.boolean === 'boolean' ? undefined : 'has type 8 (boolean) but no "boolean"';
    default:
      return undefined;
  }
}

function validateRequires(t: ParsedTemplate): Problem[] {
  const where = t.codeSection;
  const declared = new Set(t.permissions.map((p) => p.publicId));
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const use of findRequires(t.code)) {
    const at = { where, line: use.line, column: use.column, construct: 'require' };
    if (use.kind === 'dynamic') {
      problems.push({ severity: 'error', ...at, message: 'require needs a string literal API name (require(\'sendHttpRequest\')); GTM finds the permissions a template needs from these names' });
    } else if (use.kind === 'indirect') {
      problems.push({ severity: 'error', ...at, message: 'require must be called directly with a string literal; aliasing or passing it around hides the APIs from GTM\'s permission detection' });
    } else if (!isSandboxApi(use.api)) {
      const hint = webOnlyApis.includes(use.api) ? `${use.api} is a web-only API and does not exist in server containers` : `there is no server sandbox API named "${use.api}"`;
      problems.push({ severity: 'error', ...at, message: `require('${use.api}'): ${hint}` });
    } else {
      const permission = apiPermissions[use.api];
      if (permission && !declared.has(permission) && !reported.has(use.api)) {
        reported.add(use.api);
        problems.push({ severity: 'error', ...at, message: `${use.api} needs the ${permission} permission; add it under ___SERVER_PERMISSIONS___` });
      }
    }
  }
  return problems;
}

function validateTests(t: ParsedTemplate): Problem[] {
  const problems: Problem[] = [];
  const names = new Set<string>();
  // Warnings: test names do not decide whether GTM imports or runs a template, and the runner
  // runs every scenario whatever its name; only reports and --filter become ambiguous.
  t.tests.scenarios.forEach((s, i) => {
    if (s.name.trim() === '') problems.push({ severity: 'warning', where: '___TESTS___', message: `scenario #${i + 1} has no name; give every scenario a unique name so reports and --filter can tell it apart` });
    else if (names.has(s.name)) problems.push({ severity: 'warning', where: '___TESTS___', message: `scenario name "${s.name}" is used twice; both run, but reports and --filter cannot tell them apart: rename one` });
    names.add(s.name);
  });
  // Test code runs in the same sandbox, but a problem there does not stop the template from
  // being imported, so it is reported as a warning.
  const asWarnings = (ps: Problem[]) => ps.map((p) => ({ ...p, severity: 'warning' as const }));
  if (t.tests.setup.trim() !== '') problems.push(...asWarnings(checkLanguage(t.tests.setup, '___TESTS___ setup')));
  t.tests.scenarios.forEach((s, i) => {
    problems.push(...asWarnings(checkLanguage(s.code, `___TESTS___ scenario "${s.name || `#${i + 1}`}"`)));
  });
  return problems;
}

export function validateTemplate(t: ParsedTemplate): ValidationResult {
  const info = validateInfo(t);
  // A web template fails as a whole; listing every web API and permission it uses adds noise.
  if (info.some((p) => p.message.startsWith('this is a web template'))) {
    return { ok: false, problems: info.filter((p) => p.where === '___INFO___') };
  }
  const problems: Problem[] = [
    ...(t.warnings ?? []),
    ...info,
    ...validateParameters(t.parameters),
    ...validatePermissions(t),
    ...checkLanguage(t.code, t.codeSection),
    ...validateRequires(t),
    ...validateTests(t),
  ];
  return { ok: !problems.some((p) => p.severity === 'error'), problems };
}
