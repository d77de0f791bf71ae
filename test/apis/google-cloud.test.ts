import { fakeRun, perm } from './fake-context';
import { googleAuthScopes, isGoogleAuth } from '../../sandbox-shim/apis/google-cloud';

const savedProject = process.env.GOOGLE_CLOUD_PROJECT;
afterEach(() => {
  if (savedProject === undefined) delete process.env.GOOGLE_CLOUD_PROJECT;
  else process.env.GOOGLE_CLOUD_PROJECT = savedProject;
});

describe('getGoogleAuth', () => {
  const scope = 'https://www.googleapis.com/auth/bigquery';
  it('returns an auth object the HTTP family recognises, even after a copy', () => {
    const { apis } = fakeRun({ permissions: [perm('use_google_credentials', { allowedScopes: [scope] })] });
    const auth = apis.getGoogleAuth({ scopes: [scope] });
    expect(auth.scopes).toEqual([scope]);
    expect(isGoogleAuth(auth)).toBe(true);
    expect(isGoogleAuth(JSON.parse(JSON.stringify(auth)))).toBe(true);
    expect(googleAuthScopes(auth)).toEqual([scope]);
    expect(isGoogleAuth({ scopes: [scope] })).toBe(false);
    expect(isGoogleAuth({ ...auth, scopes: ['https://www.googleapis.com/auth/cloud-platform'] })).toBe(false);
    expect(isGoogleAuth(null)).toBe(false);
  });
  it('refuses scopes outside allowedScopes', () => {
    const { apis } = fakeRun({ permissions: [perm('use_google_credentials', { allowedScopes: [scope] })] });
    expect(() => apis.getGoogleAuth({ scopes: [scope, 'https://www.googleapis.com/auth/datastore'] })).toThrow(
      `getGoogleAuth: use_google_credentials does not allow scope https://www.googleapis.com/auth/datastore (allowed scopes: ${scope})`,
    );
    expect(() => apis.getGoogleAuth({})).toThrow('getGoogleAuth: pass {scopes: [');
  });
});

describe('BigQuery.insert', () => {
  const tables = perm('access_bigquery', { allowedTables: [{ projectId: 'proj', datasetId: 'logs', tableId: 'tiktok_*', operation: 'write' }] });

  it('records the insert and resolves after a tick', async () => {
    const run = fakeRun({ permissions: [tables] });
    let resolved = false;
    run.apis.BigQuery.insert({ projectId: 'proj', datasetId: 'logs', tableId: 'tiktok_events' }, [{ a: 1 }], { ignoreUnknownValues: true }).then(() => (resolved = true));
    expect(run.extras.bigQueryInserts).toEqual([
      { connection: { projectId: 'proj', datasetId: 'logs', tableId: 'tiktok_events' }, rows: [{ a: 1 }], options: { ignoreUnknownValues: true } },
    ]);
    expect(resolved).toBe(false);
    await run.drain();
    expect(resolved).toBe(true);
  });

  it('falls back to GOOGLE_CLOUD_PROJECT, and says so when it is missing', () => {
    process.env.GOOGLE_CLOUD_PROJECT = 'proj';
    const run = fakeRun({ permissions: [tables] });
    run.apis.BigQuery.insert({ datasetId: 'logs', tableId: 'tiktok_x' }, []);
    expect((run.extras.bigQueryInserts as { connection: unknown }[])[0].connection).toEqual({ projectId: 'proj', datasetId: 'logs', tableId: 'tiktok_x' });
    delete process.env.GOOGLE_CLOUD_PROJECT;
    expect(() => run.apis.BigQuery.insert({ datasetId: 'logs', tableId: 'tiktok_x' }, [])).toThrow(
      'BigQuery.insert: no projectId given and GOOGLE_CLOUD_PROJECT is not set; pass projectId or set the variable',
    );
  });

  it('refuses tables outside allowedTables and bad arguments', () => {
    const { apis } = fakeRun({ permissions: [tables] });
    expect(() => apis.BigQuery.insert({ projectId: 'proj', datasetId: 'other', tableId: 't' }, [])).toThrow(
      'BigQuery.insert: access_bigquery does not allow write to table proj.other.t (allowed tables: proj.logs.tiktok_*)',
    );
    expect(apis.queryPermission('access_bigquery', 'write', { projectId: 'proj', datasetId: 'logs', tableId: 'tiktok_1' })).toBe(true);
    expect(apis.queryPermission('access_bigquery', 'write', 'proj', 'logs', 'other')).toBe(false);
    expect(() => apis.BigQuery.insert({ projectId: 'proj' }, [])).toThrow('BigQuery.insert: the connection needs datasetId and tableId');
    expect(() => apis.BigQuery.insert({ projectId: 'proj', datasetId: 'logs', tableId: 'tiktok_a' }, 'rows')).toThrow('BigQuery.insert: rows must be an array');
  });
});

describe('Firestore', () => {
  const rw = perm('access_firestore', { allowedOptions: [{ projectId: 'proj', path: 'users/*', operation: 'read_write' }] });
  const opts = { projectId: 'proj' };

  it('reads seeded documents and reads back its own writes, recording writes', async () => {
    const run = fakeRun({ permissions: [rw], env: { firestoreSeed: { 'users/u1': { name: 'Ann', n: 1 } } } });
    const out: unknown[] = [];
    run.apis.Firestore.read('users/u1', opts).then((doc: unknown) => out.push(doc));
    run.apis.Firestore.write('users/u2', { n: 2 }, opts).then((id: string) => out.push(id));
    run.apis.Firestore.write('users/u1', { n: 5 }, { projectId: 'proj', merge: true });
    run.apis.Firestore.read('users/u2', opts).then((doc: unknown) => out.push(doc));
    run.apis.Firestore.read('users/u1', opts).then((doc: unknown) => out.push(doc));
    await run.drain();
    expect(out).toEqual([
      { id: 'u1', data: { name: 'Ann', n: 5 } },
      'u2',
      { id: 'u2', data: { n: 2 } },
      { id: 'u1', data: { name: 'Ann', n: 5 } },
    ]);
    expect(run.extras.firestoreWrites).toEqual([
      { path: 'users/u2', data: { n: 2 }, options: { projectId: 'proj' } },
      { path: 'users/u1', data: { n: 5 }, options: { projectId: 'proj', merge: true } },
    ]);
  });

  it('rejects reading a missing document', async () => {
    const run = fakeRun({ permissions: [rw] });
    let reason: unknown;
    run.apis.Firestore.read('users/none', opts).catch((r: unknown) => (reason = r));
    await run.drain();
    expect(reason).toEqual({ reason: 'not_found', message: 'Firestore document users/none does not exist' });
  });

  it('writes to a collection path with a generated id', async () => {
    const run = fakeRun({ permissions: [rw], env: { random: () => 0 } });
    let id: unknown;
    run.apis.Firestore.write('users', { a: 1 }, opts).then((v: string) => (id = v));
    await run.drain();
    expect(id).toBe('AAAAAAAAAAAAAAAAAAAA');
  });

  it('queries a collection with conditions and a default limit of 5', async () => {
    const seed: Record<string, Record<string, unknown>> = {};
    for (let i = 1; i <= 8; i++) seed[`users/u${i}`] = { n: i, tags: i % 2 ? ['odd'] : ['even'], meta: { tier: i > 4 ? 'gold' : 'basic' } };
    seed['users/u1/orders/o1'] = { n: 100 };
    const run = fakeRun({ permissions: [rw], env: { firestoreSeed: seed } });
    const results: unknown[] = [];
    run.apis.Firestore.query('users', [['n', '>', 2]], opts).then((docs: { id: string }[]) => results.push(docs.map((d) => d.id)));
    run.apis.Firestore.query('users', [['tags', 'array-contains', 'odd'], ['meta.tier', '==', 'gold']], opts).then((docs: { id: string }[]) => results.push(docs.map((d) => d.id)));
    run.apis.Firestore.query('users', [['n', 'in', [1, 8]]], { projectId: 'proj', limit: 1 }).then((docs: unknown) => results.push(docs));
    await run.drain();
    expect(results).toEqual([['u3', 'u4', 'u5', 'u6', 'u7'], ['u5', 'u7'], [{ id: 'u1', data: { n: 1, tags: ['odd'], meta: { tier: 'basic' } } }]]);
  });

  it('runs a transaction callback with a transaction id', async () => {
    const run = fakeRun({ permissions: [rw] });
    let result: unknown;
    run.apis.Firestore.runTransaction((t: string) => run.apis.Firestore.write('users/t', { t }, { projectId: 'proj', transaction: t }), opts).then((r: unknown) => (result = r));
    await run.drain();
    expect(result).toBe('t');
    expect(run.extras.firestoreWrites).toEqual([{ path: 'users/t', data: { t: 'transaction-1' }, options: { projectId: 'proj', transaction: 'transaction-1' } }]);
  });

  it('checks operation, project and path', () => {
    const readOnly = perm('access_firestore', { allowedOptions: [{ projectId: 'proj', path: 'users/*', operation: 'read' }] });
    const { apis } = fakeRun({ permissions: [readOnly] });
    expect(() => apis.Firestore.write('users/u1', { a: 1 }, opts)).toThrow(
      'Firestore.write: access_firestore does not allow write of users/u1 in project proj (allowed: read users/*)',
    );
    expect(() => apis.Firestore.read('orders/o1', opts)).toThrow('does not allow read of orders/o1 in project proj');
    expect(() => apis.Firestore.read('users/u1', { projectId: 'other' })).toThrow('does not allow read of users/u1 in project other');
    expect(apis.queryPermission('access_firestore', 'read', 'users/u1', { projectId: 'proj' })).toBe(true);
    expect(apis.queryPermission('access_firestore', 'write', 'users/u1', 'proj')).toBe(false);
    expect(() => apis.Firestore.read('users', opts)).toThrow('Firestore.read: "users" is a collection; read a document path (collection/document)');
  });

  it('refuses a query with an unknown operator or a malformed condition', () => {
    const run = fakeRun({ permissions: [rw] });
    expect(() => run.apis.Firestore.query('users', [['n', 1]], opts)).toThrow('Firestore.query: queries must be an array of [field, operator, value]');
    expect(() => run.apis.Firestore.query('users', [['n', '~', 1]], opts)).toThrow('Firestore.query: unknown operator "~" (use ==, !=, <, <=, >, >=, array-contains, array-contains-any, in, not-in)');
  });
});

describe('sendEventToGoogleAnalytics', () => {
  it('records the event and resolves {}', async () => {
    const run = fakeRun();
    let result: unknown;
    run.apis.sendEventToGoogleAnalytics({ event_name: 'purchase' }).then((r: unknown) => (result = r));
    await run.drain();
    expect(result).toEqual({});
    expect(run.extras.googleAnalyticsEvents).toEqual([{ event_name: 'purchase' }]);
  });
});
