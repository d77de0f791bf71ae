/**
 * ___SERVER_PERMISSIONS___: GTM's typed encoding of the declared permissions, and the
 * least-privilege check against what the compiled code really `require`s.
 */
import { apiPermissions } from '../../sandbox-shim/template';
import type { PermissionDeclaration } from '../../src/template/permissions';

type Typed =
  | { type: 1; string: string }
  | { type: 2; listItem: Typed[] }
  | { type: 3; mapKey: Typed[]; mapValue: Typed[] }
  | { type: 8; boolean: boolean };

/**
 * Plain value → GTM's typed permission value (1 string, 2 list, 3 map, 8 boolean). Takes
 * `unknown` because test fixtures feed it untyped values: anything else (numbers, null) has no
 * typed form in GTM's export, so it throws rather than writing a permission GTM cannot read.
 */
export function encodeValue(value: unknown): Typed {
  if (typeof value === 'string') return { type: 1, string: value };
  if (typeof value === 'boolean') return { type: 8, boolean: value };
  if (Array.isArray(value)) return { type: 2, listItem: value.map(encodeValue) };
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return { type: 3, mapKey: entries.map(([k]) => encodeValue(k)), mapValue: entries.map(([, v]) => encodeValue(v)) };
  }
  throw new Error(`permission values are strings, booleans, lists or maps; got ${JSON.stringify(value) ?? String(value)}`);
}

export function encodePermissions(declared: PermissionDeclaration[]): unknown[] {
  return declared.map((p) => {
    const params = Object.keys(p.params).map((key) => ({ key, value: encodeValue(p.params[key]) }));
    const instance = { key: { publicId: p.publicId, versionId: '1' }, param: params };
    return params.length > 0 ? { instance, clientAnnotations: { isEditedByUser: true }, isRequired: true } : { instance, isRequired: true };
  });
}

/** Why the declaration is not least privilege for code requiring `apis`; empty when it is. */
export function leastPrivilegeProblems(apis: string[], declared: PermissionDeclaration[], endpoint: string): string[] {
  const problems: string[] = [];
  const declaredIds = declared.map((p) => p.publicId);
  const needed = new Map<string, string[]>();
  for (const api of apis) {
    if (!Object.prototype.hasOwnProperty.call(apiPermissions, api)) {
      problems.push(`the code requires "${api}", which is not a server sandbox API; remove it or fix the name`);
      continue;
    }
    const permission = (apiPermissions as Record<string, string | null>)[api];
    if (permission) needed.set(permission, [...(needed.get(permission) ?? []), api]);
  }
  for (const [permission, users] of needed) {
    if (!declaredIds.includes(permission)) {
      problems.push(`${users.join(', ')} needs the "${permission}" permission; declare it in src/template/permissions.ts`);
    }
  }
  for (const id of declaredIds) {
    if (!needed.has(id)) problems.push(`the "${id}" permission is declared but no required API uses it; remove it from src/template/permissions.ts`);
  }
  const seen = new Set<string>();
  for (const id of declaredIds) {
    if (seen.has(id)) problems.push(`the "${id}" permission is declared twice; merge the entries`);
    seen.add(id);
  }
  const http = declared.find((p) => p.publicId === 'send_http');
  if (http) {
    const urls = http.params.urls;
    if (http.params.allowedUrls !== 'specific' || !Array.isArray(urls) || urls.length !== 1 || urls[0] !== endpoint) {
      problems.push(`send_http must allow only ${endpoint} (allowedUrls "specific", urls [that one URL])`);
    }
  }
  const logging = declared.find((p) => p.publicId === 'logging');
  if (logging && logging.params.environments !== 'all') {
    problems.push('logging must be allowed in "all" environments: the result lines are production monitoring');
  }
  return problems;
}
