/**
 * Shared by the deploy tests: a fake service-account key whose token exchange is nocked, a
 * project root in a temp dir holding the demo template, captured stdout/stderr, and the Tag
 * Manager API's documented resource shapes.
 */
import { generateKeyPairSync } from 'crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import nock from 'nock';
import { tmpdir } from 'os';
import path from 'path';
import { Writable } from 'stream';
import type { DeployIO } from '../../scripts/deploy/io';

export const API = 'https://tagmanager.googleapis.com';
export const WS = 'accounts/6001/containers/7002/workspaces/3';
export const WS_API = `/tagmanager/v2/${WS}`;
export const TOKEN = 'ya29.test-access-token';
export const SA_EMAIL = 'sgtm-deploy@demo-project.iam.gserviceaccount.com';
export const DEMO_TPL = readFileSync(path.join(__dirname, 'fixtures', 'demo.tpl'), 'utf8');
/** What push sends as templateData: the file without its BOM. */
export const DEMO_DATA = DEMO_TPL.replace(/^\uFEFF/, '');

let keyPem: string | undefined;
function privateKey(): string {
  keyPem ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return keyPem;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A service account JSON key as the Cloud console downloads it (the key is made up per run). */
export function writeKeyFile(dir: string): string {
  const file = path.join(dir, 'sa-key.json');
  writeFileSync(
    file,
    JSON.stringify({
      type: 'service_account',
      project_id: 'demo-project',
      private_key_id: 'abc123',
      private_key: privateKey(),
      client_email: SA_EMAIL,
      client_id: '100000000000000000001',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
    }),
  );
  return file;
}

/** The JWT-bearer exchange google-auth-library makes for a service account; asserts the scope. */
export function nockToken(scope: string, times = 1): nock.Scope {
  return nock('https://oauth2.googleapis.com')
    .post('/token', (body: Record<string, string>) => {
      if (body.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || typeof body.assertion !== 'string') return false;
      const claims = JSON.parse(Buffer.from(body.assertion.split('.')[1], 'base64url').toString());
      return claims.iss === SA_EMAIL && claims.scope === scope;
    })
    .times(times)
    .reply(200, { access_token: TOKEN, expires_in: 3599, token_type: 'Bearer' });
}

export function api(): nock.Scope {
  return nock(API).matchHeader('authorization', `Bearer ${TOKEN}`);
}

/** A CustomTemplate resource as the API returns it. */
export function customTemplate(templateId: string, templateData: string, fingerprint: string, name = 'Debug logger') {
  return {
    path: `${WS}/templates/${templateId}`,
    accountId: '6001',
    containerId: '7002',
    workspaceId: '3',
    templateId,
    name,
    fingerprint,
    tagManagerUrl: `https://tagmanager.google.com/#/container/${WS}/templates/${templateId}?apiLink=template`,
    templateData,
  };
}

/** A Google API error body (google.rpc.Status as JSON). */
export function googleError(code: number, status: string, message: string, details?: unknown[]) {
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}

export function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

export interface Project {
  root: string;
  keyFile: string;
}

/** A project root with template/template.tpl = the demo template, and a key file. */
export function project(template = DEMO_TPL): Project {
  const root = tempDir('sgtm-deploy-');
  mkdirSync(path.join(root, 'template'));
  writeFileSync(path.join(root, 'template', 'template.tpl'), template);
  return { root, keyFile: writeKeyFile(root) };
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  sleeps: number[];
}

/** Runs a verb in-process against `root`, the built template being `built` (the demo by default). */
export async function runVerb(
  verb: { run(args: string[], io?: DeployIO): Promise<number> },
  args: string[],
  options: { root: string; built?: string; env?: NodeJS.ProcessEnv },
): Promise<Ran> {
  const out = sink();
  const err = sink();
  const sleeps: number[] = [];
  const code = await verb.run(args, {
    stdout: out.stream,
    stderr: err.stream,
    root: options.root,
    env: options.env ?? { METADATA_SERVER_DETECTION: 'none' },
    built: async () => options.built ?? DEMO_TPL,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    fetchImplementation: fetch,
  });
  return { code, stdout: out.text(), stderr: err.text(), sleeps };
}
