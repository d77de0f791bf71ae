/**
 * getGoogleAuth, BigQuery, Firestore, sendEventToGoogleAnalytics. Nothing leaves the machine:
 * BigQuery inserts and Firestore writes are recorded, and Firestore keeps an in-memory document
 * store per run (seeded from env.firestoreSeed) so read-after-write behaves.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { sandboxPromise, type ApiContext, type ApiFamily, type PermissionCheck } from './family';
import type { BigQueryConnection, FirestoreOptions, GoogleAuth, SandboxApis, SandboxPromise } from '../sandbox-apis';
import { listForMessage, listParam, stringListParam, wildcardMatch } from './permission-params';

// ------------------------------------------------------------------ permissions

const useGoogleCredentials: PermissionCheck = (params, scopes) => {
  const allowed = stringListParam(params, 'allowedScopes');
  const wanted = Array.isArray(scopes) ? scopes.map(String) : [];
  const refused = wanted.filter((scope) => !allowed.some((pattern) => wildcardMatch(pattern, scope)));
  if (refused.length === 0) return undefined;
  return `does not allow scope ${refused.join(', ')} (allowed scopes: ${listForMessage(allowed)})`;
};

function entriesOf(params: Record<string, unknown>, key: string): Record<string, unknown>[] {
  return listParam(params, key).filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
}

/** An entry without a projectId means the server's own project (GOOGLE_CLOUD_PROJECT). */
function projectMatches(entryProject: unknown, project: string): boolean {
  const pattern = typeof entryProject === 'string' && entryProject !== '' ? entryProject : process.env.GOOGLE_CLOUD_PROJECT;
  return wildcardMatch(pattern, project);
}

function tableOf(connection: Partial<BigQueryConnection>): unknown[] {
  return [connection.projectId || process.env.GOOGLE_CLOUD_PROJECT || '', connection.datasetId, connection.tableId];
}

/**
 * access_bigquery, called as ('write', projectId, datasetId, tableId); queryPermission may also
 * pass ('write', {projectId?, datasetId, tableId}) as GTM's docs show.
 */
const accessBigQuery: PermissionCheck = (params, operation, ...rest) => {
  const [projectId, datasetId, tableId] = rest[0] && typeof rest[0] === 'object' ? tableOf(rest[0] as Partial<BigQueryConnection>) : rest;
  const entries = entriesOf(params, 'allowedTables');
  const fits = entries.some(
    (e) =>
      projectMatches(e.projectId, String(projectId)) &&
      wildcardMatch(typeof e.datasetId === 'string' ? e.datasetId : '*', String(datasetId)) &&
      wildcardMatch(typeof e.tableId === 'string' ? e.tableId : '*', String(tableId)) &&
      (e.operation === undefined || String(e.operation).includes(String(operation))),
  );
  if (fits) return undefined;
  const allowed = entries.map((e) => `${String(e.projectId ?? '(project)')}.${String(e.datasetId ?? '*')}.${String(e.tableId ?? '*')}`);
  return `does not allow ${String(operation)} to table ${String(projectId)}.${String(datasetId)}.${String(tableId)} (allowed tables: ${listForMessage(allowed)})`;
};

/** access_firestore, called as (operation read|write, path, projectId, databaseId?) or (operation, path, {projectId?, databaseId?}). */
const accessFirestore: PermissionCheck = (params, operation, path, ...rest) => {
  const [projectId, databaseId] =
    rest[0] && typeof rest[0] === 'object'
      ? [(rest[0] as FirestoreOptions).projectId || process.env.GOOGLE_CLOUD_PROJECT || '', (rest[0] as FirestoreOptions).databaseId]
      : rest;
  const entries = entriesOf(params, 'allowedOptions');
  const op = String(operation);
  const fits = entries.some((e) => {
    const allowedOp = String(e.operation ?? 'read_write');
    if (allowedOp !== 'read_write' && allowedOp !== op) return false;
    if (!projectMatches(e.projectId, String(projectId))) return false;
    if (!wildcardMatch(typeof e.path === 'string' ? e.path : '*', String(path))) return false;
    const db = typeof e.databaseId === 'string' && e.databaseId !== '' ? e.databaseId : '(default)';
    return wildcardMatch(db, String(databaseId ?? '(default)'));
  });
  if (fits) return undefined;
  const allowed = entries.map((e) => `${String(e.operation ?? 'read_write')} ${String(e.path ?? '*')}`);
  return `does not allow ${op} of ${String(path)} in project ${String(projectId)} (allowed: ${listForMessage(allowed)})`;
};

// ------------------------------------------------------------------ google auth

const AUTH_MARK = '__sgtmGoogleAuth';
// Stateless and unforgeable from template code: the mark is an HMAC of the scopes under a
// per-process secret, so long-running containers keep no registry of issued objects.
// An execution unit (another process) gets its host's secret at start, so auth objects made in
// the unit are recognised by the host and back; it is removed from the unit's environment at once.
const AUTH_SECRET = fromUnitHost() ?? randomBytes(32);

function fromUnitHost(): Buffer | undefined {
  const given = process.env.SGTM_UNIT_AUTH_SECRET;
  if (!given) return undefined;
  delete process.env.SGTM_UNIT_AUTH_SECRET;
  return Buffer.from(given, 'base64');
}

/** The secret for the environment of an execution unit this process starts. */
export function authSecretForUnits(): string {
  return AUTH_SECRET.toString('base64');
}

function authMark(scopes: string[]): string {
  return createHmac('sha256', AUTH_SECRET).update(JSON.stringify(scopes)).digest('base64url');
}

/** True for an object getGoogleAuth returned (also after it was copied across the boundary). */
export function isGoogleAuth(value: unknown): boolean {
  return googleAuthScopes(value) !== undefined;
}

/** The scopes of a getGoogleAuth object, or undefined for anything else. */
export function googleAuthScopes(value: unknown): string[] | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { scopes, [AUTH_MARK]: mark } = value as Record<string, unknown>;
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string') || typeof mark !== 'string') return undefined;
  return mark === authMark(scopes as string[]) ? [...(scopes as string[])] : undefined;
}

// ------------------------------------------------------------------ helpers

/** Settles on the next macrotask, as a network call would; results are copied into the sandbox. */
function settleSoon<T>(ctx: ApiContext, work: () => T | Promise<T>): SandboxPromise<T> {
  const promise = sandboxPromise<T>(ctx, (resolve, reject) => {
    setImmediate(() => {
      Promise.resolve()
        .then(work)
        .then(
          (value) => resolve(ctx.toSandbox(value)),
          (reason) => reject(ctx.toSandbox(reason)),
        );
    });
  });
  ctx.track(promise);
  return promise as unknown as SandboxPromise<T>;
}

function resolveProject(api: string, projectId: unknown): string {
  if (typeof projectId === 'string' && projectId !== '') return projectId;
  const fallback = process.env.GOOGLE_CLOUD_PROJECT;
  if (fallback) return fallback;
  throw new Error(`${api}: no projectId given and GOOGLE_CLOUD_PROJECT is not set; pass projectId or set the variable`);
}

function segments(api: string, path: unknown): string[] {
  const parts = typeof path === 'string' ? path.split('/') : [];
  if (parts.length === 0 || parts.some((p) => p === '')) {
    throw new Error(`${api}: invalid path ${JSON.stringify(path)} (use "collection/document[/collection/document…]")`);
  }
  return parts;
}

function fieldValue(data: Record<string, unknown>, fieldPath: string): unknown {
  let current: unknown = data;
  for (const part of fieldPath.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Firestore query operators on plain values. */
function matchesCondition(data: Record<string, unknown>, [field, op, expected]: [string, string, unknown]): boolean {
  const actual = fieldValue(data, field);
  const list = Array.isArray(expected) ? expected : [];
  switch (op) {
    case '==':
      return sameValue(actual, expected);
    case '!=':
      return actual !== undefined && !sameValue(actual, expected);
    case '<':
      return actual !== undefined && (actual as number) < (expected as number);
    case '<=':
      return actual !== undefined && (actual as number) <= (expected as number);
    case '>':
      return actual !== undefined && (actual as number) > (expected as number);
    case '>=':
      return actual !== undefined && (actual as number) >= (expected as number);
    case 'array-contains':
      return Array.isArray(actual) && actual.some((v) => sameValue(v, expected));
    case 'array-contains-any':
      return Array.isArray(actual) && actual.some((v) => list.some((e) => sameValue(v, e)));
    case 'in':
      return list.some((e) => sameValue(actual, e));
    case 'not-in':
      return actual !== undefined && !list.some((e) => sameValue(actual, e));
    default:
      return false;
  }
}

const OPERATORS = ['==', '!=', '<', '<=', '>', '>=', 'array-contains', 'array-contains-any', 'in', 'not-in'];

const stores = new WeakMap<ApiContext, Map<string, Record<string, unknown>>>();

function documentStore(ctx: ApiContext): Map<string, Record<string, unknown>> {
  let store = stores.get(ctx);
  if (!store) {
    store = new Map(Object.entries(ctx.env.firestoreSeed ?? {}).map(([path, data]) => [path, structuredClone(data)]));
    stores.set(ctx, store);
  }
  return store;
}

function autoId(random: () => number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 20; i++) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}

function optionsOf(options: unknown): FirestoreOptions {
  return options && typeof options === 'object' ? (options as FirestoreOptions) : {};
}

// ------------------------------------------------------------------ family

export const family: ApiFamily = {
  name: 'google-cloud',
  permissions: {
    use_google_credentials: useGoogleCredentials,
    access_bigquery: accessBigQuery,
    access_firestore: accessFirestore,
  },
  create(ctx) {
    let transactions = 0;
    const firestoreCheck = (api: string, operation: 'read' | 'write', path: string, options: FirestoreOptions) => {
      const project = resolveProject(api, options.projectId);
      ctx.checkPermission('access_firestore', api, operation, path, project, options.databaseId);
    };

    const apis = {
      getGoogleAuth: (options: { scopes: string[] }) => {
        const scopes = options && Array.isArray(options.scopes) ? options.scopes.map(String) : undefined;
        if (!scopes) throw new Error('getGoogleAuth: pass {scopes: ["https://www.googleapis.com/auth/…"]}');
        ctx.checkPermission('use_google_credentials', 'getGoogleAuth', scopes);
        return ctx.toSandbox({ scopes, [AUTH_MARK]: authMark(scopes) } as GoogleAuth);
      },
      BigQuery: {
        insert: (connection: BigQueryConnection, rows: object[], options?: { ignoreUnknownValues?: boolean; skipInvalidRows?: boolean }) => {
          const conn = ctx.fromSandbox(connection) as Partial<BigQueryConnection> | undefined;
          if (!conn || typeof conn.datasetId !== 'string' || typeof conn.tableId !== 'string') {
            throw new Error('BigQuery.insert: the connection needs datasetId and tableId strings ({projectId?, datasetId, tableId})');
          }
          if (!Array.isArray(rows)) throw new Error('BigQuery.insert: rows must be an array of objects');
          const projectId = resolveProject('BigQuery.insert', conn.projectId);
          ctx.checkPermission('access_bigquery', 'BigQuery.insert', 'write', projectId, conn.datasetId, conn.tableId);
          const entry: Record<string, unknown> = {
            connection: { projectId, datasetId: conn.datasetId, tableId: conn.tableId },
            rows: ctx.fromSandbox(rows),
          };
          if (options !== undefined) entry.options = ctx.fromSandbox(options);
          ctx.recorder.append('bigQueryInserts', entry);
          return settleSoon<void>(ctx, () => undefined);
        },
      },
      Firestore: {
        read: (path: string, options?: FirestoreOptions) => {
          const opts = optionsOf(ctx.fromSandbox(options));
          const parts = segments('Firestore.read', path);
          if (parts.length % 2 !== 0) throw new Error(`Firestore.read: "${path}" is a collection; read a document path (collection/document)`);
          firestoreCheck('Firestore.read', 'read', path, opts);
          return settleSoon(ctx, () => {
            const data = documentStore(ctx).get(path);
            if (!data) throw { reason: 'not_found', message: `Firestore document ${path} does not exist` };
            return { id: parts[parts.length - 1], data: structuredClone(data) };
          });
        },
        write: (path: string, data: object, options?: FirestoreOptions) => {
          const opts = optionsOf(ctx.fromSandbox(options));
          const parts = segments('Firestore.write', path);
          if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('Firestore.write: data must be an object');
          const docPath = parts.length % 2 === 1 ? `${path}/${autoId(ctx.env.random)}` : path;
          firestoreCheck('Firestore.write', 'write', docPath, opts);
          const copy = ctx.fromSandbox(data) as Record<string, unknown>;
          const store = documentStore(ctx);
          const previous = store.get(docPath);
          store.set(docPath, opts.merge && previous ? { ...previous, ...structuredClone(copy) } : structuredClone(copy));
          const entry: Record<string, unknown> = { path: docPath, data: copy };
          if (options !== undefined) entry.options = opts;
          ctx.recorder.append('firestoreWrites', entry);
          return settleSoon(ctx, () => docPath.split('/').pop() as string);
        },
        query: (collection: string, queries: [string, string, unknown][], options?: FirestoreOptions) => {
          const opts = optionsOf(ctx.fromSandbox(options));
          const parts = segments('Firestore.query', collection);
          if (parts.length % 2 !== 1) throw new Error(`Firestore.query: "${collection}" is a document; query a collection path`);
          const conditions = ctx.fromSandbox(queries) as [string, string, unknown][];
          if (!Array.isArray(conditions) || !conditions.every((c) => Array.isArray(c) && c.length === 3 && typeof c[0] === 'string')) {
            throw new Error('Firestore.query: queries must be an array of [field, operator, value]');
          }
          const unknown = conditions.find((c) => !OPERATORS.includes(String(c[1])));
          if (unknown) throw new Error(`Firestore.query: unknown operator "${String(unknown[1])}" (use ${OPERATORS.join(', ')})`);
          // A query reads the collection's documents, so it is checked as `collection/*`.
          firestoreCheck('Firestore.query', 'read', `${collection}/*`, opts);
          const limit = typeof opts.limit === 'number' ? opts.limit : 5;
          return settleSoon(ctx, () => {
            const out: { id: string; data: object }[] = [];
            for (const [docPath, data] of documentStore(ctx)) {
              const docParts = docPath.split('/');
              if (docParts.length !== parts.length + 1 || !docPath.startsWith(`${collection}/`)) continue;
              if (!conditions.every((c) => matchesCondition(data, c))) continue;
              out.push({ id: docParts[docParts.length - 1], data: structuredClone(data) });
              if (out.length >= limit) break;
            }
            return out;
          });
        },
        runTransaction: (callback: (transaction: string) => SandboxPromise<unknown>, options?: FirestoreOptions) => {
          if (typeof callback !== 'function') throw new Error('Firestore.runTransaction: the first argument must be a function (transaction) => promise');
          resolveProject('Firestore.runTransaction', optionsOf(ctx.fromSandbox(options)).projectId);
          const id = `transaction-${++transactions}`;
          // Operations inside apply directly: the store is per run, so there is nothing to race.
          const outcome = ctx.callSandbox(callback, id);
          const promise = sandboxPromise<unknown>(ctx, (resolve) => resolve(outcome));
          ctx.track(promise);
          return promise as unknown as SandboxPromise<unknown>;
        },
      },
      sendEventToGoogleAnalytics: (event: object) => {
        if (!event || typeof event !== 'object') throw new Error('sendEventToGoogleAnalytics: the event must be an object (common event data)');
        ctx.recorder.append('googleAnalyticsEvents', ctx.fromSandbox(event));
        return settleSoon(ctx, () => ({}));
      },
    } satisfies Pick<SandboxApis, 'getGoogleAuth' | 'BigQuery' | 'Firestore' | 'sendEventToGoogleAnalytics'>;
    return apis;
  },
};
