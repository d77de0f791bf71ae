/**
 * The four calls we make on `accounts.containers.workspaces.templates` (Tag Manager API v2),
 * through Google's client library, with bounded retries on quota errors and every failure turned
 * into an explained DeployError. The library's own retry is off: ours is bounded, logged and
 * honours Retry-After.
 */
import { tagmanager, type tagmanager_v2 } from '@googleapis/tagmanager';
import type { AuthClient } from 'google-auth-library';
import { DeployError, explain, isRetryable, readFailure, type Operation } from './errors';

export type RemoteTemplate = tagmanager_v2.Schema$CustomTemplate;

export interface TemplateBody {
  name: string;
  templateData: string;
}

export interface TemplatesApi {
  list(parent: string): Promise<RemoteTemplate[]>;
  get(path: string): Promise<RemoteTemplate>;
  create(parent: string, body: TemplateBody): Promise<RemoteTemplate>;
  /** Refused by the API (→ FingerprintConflict) when the template changed since `fingerprint`. */
  update(path: string, fingerprint: string, body: TemplateBody): Promise<RemoteTemplate>;
}

export interface ApiOptions {
  /** Waits between retries; tests pass one that records instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per call, the first included. */
  maxAttempts?: number;
  log?: (line: string) => void;
  principal?: string;
  /** The account/container, for permission messages. */
  container: string;
}

export const MAX_ATTEMPTS = 4;
export const REQUEST_TIMEOUT_MS = 60_000;
const MAX_DELAY_MS = 32_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function backoffMs(attempt: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined) return Math.min(retryAfterSeconds * 1000, MAX_DELAY_MS);
  return Math.min(1000 * 2 ** (attempt - 1), MAX_DELAY_MS);
}

export function templatesApi(auth: AuthClient, options: ApiOptions): TemplatesApi {
  const api = tagmanager({ version: 'v2', auth: auth as never }).accounts.containers.workspaces.templates;
  const sleep = options.sleep ?? realSleep;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const log = options.log ?? (() => undefined);
  // Ours is the only retry; a connection that hangs ends instead of hanging the CI job.
  const noLibraryRetry = { retry: false, timeout: REQUEST_TIMEOUT_MS };

  async function call<T>(what: string, needs: Operation['needs'], request: () => Promise<{ data: T }>, retryOn: (status?: number) => boolean): Promise<T> {
    const op: Operation = { what, needs, container: options.container, principal: options.principal };
    for (let attempt = 1; ; attempt++) {
      try {
        return (await request()).data;
      } catch (err) {
        const failure = readFailure(err);
        if (attempt >= maxAttempts || !isRetryable(failure) || !retryOn(failure.status)) throw explain(err, op);
        const delay = backoffMs(attempt, failure.retryAfterSeconds);
        log(`Tag Manager API quota exceeded (${failure.status}) on ${what}; retrying in ${Math.round(delay / 1000)} s (attempt ${attempt + 1} of ${maxAttempts})`);
        await sleep(delay);
      }
    }
  }
  const always = () => true;
  // A 503 on a create may have created the template; only a 429 (refused before any work) is safe to repeat.
  const quotaOnly = (status?: number) => status === 429;

  return {
    async list(parent) {
      const all: RemoteTemplate[] = [];
      let pageToken: string | undefined;
      do {
        const page: tagmanager_v2.Schema$ListTemplatesResponse = await call(`list the templates of ${parent}`, 'read', () => api.list({ parent, pageToken }, noLibraryRetry), always);
        all.push(...(page.template ?? []));
        pageToken = page.nextPageToken ?? undefined;
      } while (pageToken);
      return all;
    },
    get(path) {
      return call(`read template ${path}`, 'read', () => api.get({ path }, noLibraryRetry), always);
    },
    create(parent, body) {
      return call(`create the template in ${parent}`, 'edit', () => api.create({ parent, requestBody: body }, noLibraryRetry), quotaOnly);
    },
    update(path, fingerprint, body) {
      if (!fingerprint) throw new DeployError(`cannot update ${path} safely: the API returned no fingerprint for it`);
      return call(`update template ${path}`, 'edit', () => api.update({ path, fingerprint, requestBody: body }, noLibraryRetry), always);
    },
  };
}
