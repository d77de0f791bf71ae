import http from 'node:http';
import type { AddressInfo } from 'node:net';
/** Builds small .tpl texts for the runtime and test-runner suites, parsed by the real parser. */
import yaml from 'js-yaml';
import { encodePermissions } from '../../scripts/build/permissions';
import { parseTemplate } from '../../sandbox-shim/template/parse';
import type { ParsedTemplate } from '../../sandbox-shim/types';
import type { PermissionDeclaration } from '../../src/template/permissions';

export interface TemplateSpec {
  code: string;
  type?: 'TAG' | 'MACRO' | 'CLIENT';
  /** publicId → decoded params. */
  permissions?: Record<string, Record<string, unknown>>;
  scenarios?: { name: string; code: string }[];
  setup?: string;
  name?: string;
}

export const TIKTOK_ONLY = { send_http: { allowedUrls: 'specific', urls: ['https://business-api.tiktok.com/'] } };
export const ALL_LOGGING = { logging: { environments: 'all' } };

export function templateText(spec: TemplateSpec): string {
  const declared = Object.entries(spec.permissions ?? {}).map(([publicId, params]) => ({ publicId, params: params as PermissionDeclaration['params'] }));
  const permissions = encodePermissions(declared);
  const info = { type: spec.type ?? 'TAG', id: 'cvt_temp_public_id', version: 1, securityGroups: [], displayName: 'Fixture', containerContexts: ['SERVER'] };
  const tests = yaml.dump({ scenarios: spec.scenarios ?? [], setup: spec.setup ?? '' });
  return [
    '___INFO___', '', JSON.stringify(info, null, 2), '', '',
    '___TEMPLATE_PARAMETERS___', '', '[]', '', '',
    '___SANDBOXED_JS_FOR_SERVER___', '', spec.code, '', '',
    '___SERVER_PERMISSIONS___', '', JSON.stringify(permissions, null, 2), '', '',
    '___TESTS___', '', tests, '',
  ].join('\n');
}

export function makeTemplate(spec: TemplateSpec): ParsedTemplate {
  return parseTemplate(templateText(spec), spec.name ?? 'fixture.tpl');
}


/** An http://127.0.0.1:PORT origin where nothing listens (connections are refused). */
export async function closedOrigin(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A server that accepts requests and never answers; close() when done. */
export async function silentServer(): Promise<{ origin: string; close: () => void }> {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(() => undefined);
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
