/**
 * Google credentials for the Tag Manager API: a key file (`--key-file`, else
 * GOOGLE_APPLICATION_CREDENTIALS) or Application Default Credentials (gcloud's
 * `application-default login`, or the attached service account on Google Cloud). There is
 * deliberately no way to pass a token on the command line: it would end up in shell history
 * and CI logs.
 */
import { readFileSync } from 'fs';
import { GoogleAuth, type AuthClient } from 'google-auth-library';
import { DeployError } from './errors';

export const SCOPES = {
  read: 'https://www.googleapis.com/auth/tagmanager.readonly',
  edit: 'https://www.googleapis.com/auth/tagmanager.edit.containers',
} as const;

export interface Credentials {
  client: AuthClient;
  /** The service account's email when known: error messages name who lacks a permission. */
  principal?: string;
  /** Where the credentials came from, for the first line a verb prints. */
  source: string;
}

const KNOWN_TYPES = ['service_account', 'authorized_user', 'external_account', 'impersonated_service_account'];

function readKeyFile(file: string, origin: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DeployError(`cannot read the key file ${file} (from ${origin}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DeployError(`the key file ${file} (from ${origin}) is not JSON: download a JSON key (IAM & Admin → Service accounts → Keys → Add key → JSON); P12 keys are not supported`);
  }
  const key = json as Record<string, unknown>;
  if (!key || typeof key !== 'object' || !KNOWN_TYPES.includes(String(key.type))) {
    throw new DeployError(`the key file ${file} (from ${origin}) is not a Google credentials file: its "type" is ${JSON.stringify(key?.type)}, expected one of ${KNOWN_TYPES.join(', ')}`);
  }
  if (key.type === 'service_account' && (typeof key.client_email !== 'string' || typeof key.private_key !== 'string')) {
    throw new DeployError(`the service account key ${file} (from ${origin}) has no client_email or private_key: download a new JSON key for the service account`);
  }
  return key;
}

export interface CredentialOptions {
  keyFile?: string;
  env?: NodeJS.ProcessEnv;
  access: keyof typeof SCOPES;
  /**
   * The HTTP client under every request (token exchange and API). Unset, the library's own
   * (node-fetch, which honours HTTPS_PROXY); tests pass Node's fetch, since the library loads
   * node-fetch with a dynamic import that jest's VM does not support.
   */
  fetchImplementation?: typeof fetch;
}

export async function loadCredentials(options: CredentialOptions): Promise<Credentials> {
  const env = options.env ?? process.env;
  const scopes = [SCOPES[options.access]];
  const clientOptions = options.fetchImplementation ? { transporterOptions: { fetchImplementation: options.fetchImplementation } } : undefined;
  const keyFile = options.keyFile ?? (env.GOOGLE_APPLICATION_CREDENTIALS || undefined);
  if (keyFile) {
    const origin = options.keyFile ? '--key-file' : 'GOOGLE_APPLICATION_CREDENTIALS';
    const key = readKeyFile(keyFile, origin);
    const auth = new GoogleAuth({ credentials: key as never, scopes, clientOptions });
    const client = (await auth.getClient()) as AuthClient;
    const principal = typeof key.client_email === 'string' ? key.client_email : undefined;
    return { client, principal, source: `${principal ?? String(key.type)} (key file ${keyFile})` };
  }
  const auth = new GoogleAuth({ scopes, clientOptions });
  try {
    const client = (await auth.getClient()) as AuthClient;
    return { client, source: 'Application Default Credentials' };
  } catch (err) {
    throw new DeployError(
      'no Google credentials found. Either point --key-file or GOOGLE_APPLICATION_CREDENTIALS at a service account\'s JSON key, ' +
        'or run "gcloud auth application-default login --scopes=https://www.googleapis.com/auth/cloud-platform,' +
        `${SCOPES.edit}" once (see docs/deploy.md). (${(err as Error).message.split('\n')[0]})`,
    );
  }
}
