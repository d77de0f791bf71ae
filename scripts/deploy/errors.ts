/**
 * What a user sees when the Tag Manager API or Google's token service says no: the cause in
 * words and the fix, never a stack trace or a raw JSON body. Exit code 2 for every such error
 * (setup, credentials, API), so that 1 keeps meaning "refused" (push) or "drifted" (pull) in CI.
 */

export class DeployError extends Error {
  /** The HTTP status behind it, when it came from the API. */
  status?: number;

  constructor(
    message: string,
    public readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'DeployError';
  }
}

/** The refusal when the template changed in the workspace since it was read (fingerprint mismatch). */
export class FingerprintConflict extends DeployError {
  constructor(where: string) {
    super(
      `the template changed in the workspace since you pulled it (${where}); nothing was overwritten. ` +
        'Run "sgtm pull" to see the change, bring it into src/ if you want to keep it, then push again.',
      1,
    );
    this.name = 'FingerprintConflict';
  }
}

/** The parts of a Google API error body (https://cloud.google.com/apis/design/errors) we use. */
export interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<{ '@type'?: string; reason?: string; metadata?: Record<string, string> }>;
}

export interface HttpFailure {
  status?: number;
  body?: GoogleErrorBody;
  /** OAuth token endpoint errors: `{error: 'invalid_grant', error_description: '…'}`. */
  oauth?: { error: string; description?: string };
  retryAfterSeconds?: number;
  networkCode?: string;
  message: string;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a gaxios error (or any thrown value) into the fields we explain. */
export function readFailure(err: unknown): HttpFailure {
  const e = err as { status?: number; code?: string | number; message?: string; response?: { status?: number; data?: unknown; headers?: unknown } };
  const status = e?.response?.status ?? (typeof e?.status === 'number' ? e.status : undefined);
  let data = e?.response?.data as unknown;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      /* a non-JSON body (an HTML error page from a proxy): the status says enough */
    }
  }
  const failure: HttpFailure = { status, message: String(e?.message ?? err) };
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
  if (record && record.error && typeof record.error === 'object') failure.body = record.error as GoogleErrorBody;
  else if (record && typeof record.error === 'string') {
    failure.oauth = { error: record.error, description: typeof record.error_description === 'string' ? record.error_description : undefined };
  }
  const retryAfter = Number(headerValue(e?.response?.headers, 'retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter >= 0) failure.retryAfterSeconds = retryAfter;
  if (status === undefined && typeof e?.code === 'string') failure.networkCode = e.code;
  return failure;
}

export function isRetryable(f: HttpFailure): boolean {
  return f.status === 429 || f.status === 503 || (f.status === 403 && /rate ?limit|quota/i.test(f.body?.message ?? '') && !isServiceDisabled(f));
}

function isServiceDisabled(f: HttpFailure): boolean {
  return (f.body?.details ?? []).some((d) => d.reason === 'SERVICE_DISABLED') || /has not been used in project|is disabled/i.test(f.body?.message ?? '');
}

function disabledProject(f: HttpFailure): string | undefined {
  for (const d of f.body?.details ?? []) {
    const consumer = d.metadata?.consumer ?? d.metadata?.containerInfo;
    if (consumer) return consumer.replace(/^projects\//, '');
  }
  return /project (\d+)/.exec(f.body?.message ?? '')?.[1];
}

export interface Operation {
  /** e.g. "update template 42", "list the templates of accounts/1/containers/2/workspaces/3" */
  what: string;
  /** 'read' for list/get, 'edit' for create/update: the container permission it needs. */
  needs: 'read' | 'edit';
  /** The account/container the permission is about. */
  container: string;
  principal?: string;
}

/** Turns a failed request into a DeployError that names the cause and the fix. */
export function explain(err: unknown, op: Operation): DeployError {
  if (err instanceof DeployError) return err;
  const f = readFailure(err);
  const explained = describe(f, op);
  explained.status = f.status;
  return explained;
}

function describe(f: HttpFailure, op: Operation): DeployError {
  const who = op.principal ? ` (${op.principal})` : '';
  const apiMessage = f.body?.message ? ` Google said: "${f.body.message}"` : '';
  if (f.oauth) {
    return new DeployError(
      `Google refused the credentials${who} (${f.oauth.error}${f.oauth.description ? `: ${f.oauth.description}` : ''}). ` +
        'If the service account key was deleted or rotated, create a new key (IAM & Admin → Service accounts → Keys) and point GOOGLE_APPLICATION_CREDENTIALS or --key-file at it.',
    );
  }
  if (f.status === undefined) {
    return new DeployError(`could not reach Google to ${op.what}: ${f.networkCode ?? f.message}. Check the network connection or proxy (HTTPS_PROXY) and try again.`);
  }
  if (f.status === 401) {
    return new DeployError(`the Tag Manager API did not accept the credentials${who} to ${op.what} (401).${apiMessage} Re-create the key or run "gcloud auth application-default login" again.`);
  }
  if (f.status === 403 && isServiceDisabled(f)) {
    const project = disabledProject(f);
    const link = `https://console.developers.google.com/apis/api/tagmanager.googleapis.com/overview${project ? `?project=${project}` : ''}`;
    return new DeployError(`the Tag Manager API is not enabled for project ${project ?? '(the credentials\' project)'}: enable it at ${link}, wait a minute, and try again.`);
  }
  if (f.status === 403) {
    const role = op.needs === 'edit' ? 'Edit' : 'Read';
    return new DeployError(
      `permission denied to ${op.what}${who}.${apiMessage} In Tag Manager → Admin → User Management, give this account ` +
        `${role} permission on container ${op.container} (and User on its account).`,
    );
  }
  if (f.status === 404) {
    return new DeployError(
      `not found: ${op.what} (404).${apiMessage} Check the account, container and workspace numbers in --workspace (copy them from the workspace's URL in tagmanager.google.com); ` +
        `the Tag Manager API also answers 404 when the account${who} has no access to the container, so check User Management too. A workspace is gone once its version is created or published.`,
    );
  }
  if (f.status === 409 || f.status === 412 || /fingerprint/i.test(f.body?.message ?? '')) {
    return new FingerprintConflict(op.what);
  }
  if (f.status === 503) {
    return new DeployError(`the Tag Manager API is unavailable (503) and retries did not help: ${op.what} failed.${apiMessage} Try again in a few minutes.`);
  }
  if (isRetryable(f)) {
    return new DeployError(`the Tag Manager API quota is used up (${f.status}) and retries did not help: ${op.what} failed.${apiMessage} Wait a minute and run the command again; the quota is per Google Cloud project (APIs & Services → Tag Manager API → Quotas).`);
  }
  if (f.status === 400) {
    return new DeployError(`the Tag Manager API refused to ${op.what} (400).${apiMessage} Run "sgtm validate" on the template; if it passes, the API disagrees with the shim — report it with this message.`);
  }
  return new DeployError(`the Tag Manager API failed to ${op.what} (HTTP ${f.status}).${apiMessage} Try again later.`);
}

/** Runs a verb's work; a DeployError becomes one line `sgtm VERB: message` and its exit code. */
export async function reportingErrors(verb: string, stderr: NodeJS.WritableStream, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DeployError) {
      stderr.write(`sgtm ${verb}: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
