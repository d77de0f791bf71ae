import nock from 'nock';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import path from 'path';
import * as pull from '../../scripts/deploy/pull';
import { SCOPES } from '../../scripts/deploy/credentials';
import { api, customTemplate, DEMO_DATA, nockToken, project, runVerb, tempDir, TOKEN, WS, WS_API, type Project } from './support';

let p: Project;
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
beforeEach(() => {
  p = project();
});
afterEach(() => {
  nock.cleanAll();
  rmSync(p.root, { recursive: true, force: true });
});
afterAll(() => nock.enableNetConnect());

const pullArgs = (...extra: string[]) => ['--workspace', WS, '--key-file', p.keyFile, ...extra];
const run = (args: string[], env?: NodeJS.ProcessEnv) => runVerb(pull, args, { root: p.root, env });

/** An edit made in GTM's editor: the tag now also logs the client name. */
const DRIFTED = DEMO_DATA.replace("    EventName: getEventData('event_name'),", "    EventName: getEventData('event_name'),\n    Client: getEventData('client_name'),");

describe('sgtm pull', () => {
  it('writes the workspace copy to stdout and exits 0 when it equals the built template (ignoring CRLF, BOM, trailing spaces)', async () => {
    nockToken(SCOPES.read);
    const copy = '\uFEFF' + DEMO_DATA.replace(/\n/g, '  \r\n');
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', copy, 'fp')] });

    const ran = await run(pullArgs());

    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe(copy);
    expect(ran.stderr.split('\n').slice(-2)[0]).toBe('workspace template 42 equals template/template.tpl');
  });

  it('exits 1 when the container drifted, with the section diff, and --out writes the copy to a file', async () => {
    nockToken(SCOPES.read);
    api().get(`${WS_API}/templates/42`).reply(200, customTemplate('42', DRIFTED, 'fp'));
    const out = path.join(p.root, 'workspace.tpl');

    const ran = await run(pullArgs('--template-id', '42', '--out', out));

    expect(ran.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(DRIFTED);
    expect(ran.stderr).toBe('');
    expect(ran.stdout.slice(ran.stdout.indexOf('wrote'))).toBe(
      [
        `wrote workspace template 42 to ${out}`,
        'the container drifted: workspace template 42 differs from template/template.tpl (bring the change into src/ and rebuild, or push to overwrite it):',
        '  ___SANDBOXED_JS_FOR_SERVER___: changed — +1 -0 lines',
        '    --- template/template.tpl (code)',
        '    +++ workspace template 42 (code)',
        '    @@ -9,6 +9,7 @@',
        '         Name: data.tagName,',
        "         Type: 'Message',",
        "         EventName: getEventData('event_name'),",
        "    +    Client: getEventData('client_name'),",
        '         ContainerId: version.containerId',
        '       }));',
        '     }',
        '  unchanged: ___TERMS_OF_SERVICE___, ___INFO___, ___TEMPLATE_PARAMETERS___, ___SERVER_PERMISSIONS___, ___TESTS___, ___NOTES___',
        '',
      ].join('\n'),
    );
  });

  it('a workspace copy that does not even parse still drifts, shown as a whole-file diff', async () => {
    nockToken(SCOPES.read);
    const broken = DEMO_DATA.replace('"type": "TAG",', '"type": "TAG"');
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', broken, 'fp')] });
    const ran = await run(pullArgs('--out', path.join(p.root, 'w.tpl')));
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('one copy is not a parseable template; the whole files differ:\n--- template/template.tpl\n+++ workspace template 42\n@@ -9,7 +9,7 @@\n ___INFO___\n \n {');
    expect(ran.stdout).toContain('\n-  "type": "TAG",\n+  "type": "TAG"\n');
  });

  it('exits 1 when the workspace has no such template, and says how to push it', async () => {
    nockToken(SCOPES.read);
    api().get(`${WS_API}/templates`).reply(200, {});
    const ran = await run(pullArgs());
    expect([ran.code, ran.stdout]).toEqual([1, '']);
    expect(ran.stderr).toContain(`the container drifted: workspace ${WS} has no template "Debug logger" (push it with: sgtm push --workspace ${WS})\n`);
  });

  it('asks only for the read-only scope', async () => {
    const token = nockToken(SCOPES.read);
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', DEMO_DATA, 'fp')] });
    const ran = await run(pullArgs('--out', path.join(p.root, 'w.tpl')));
    expect([ran.code, token.isDone()]).toEqual([0, true]);
  });

  it('403 on a read names the Read permission', async () => {
    nockToken(SCOPES.read);
    api().get(`${WS_API}/templates`).reply(403, { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } });
    const ran = await run(pullArgs());
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('give this account Read permission on container accounts/6001/containers/7002');
  });
});

describe('credentials', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('with none (no key file, no gcloud ADC, not on Google Cloud) says how to get some', async () => {
    const home = tempDir('sgtm-home-');
    // google-auth-library reads the process environment itself (gcloud's config dir, the metadata server).
    process.env = { ...saved, HOME: home, CLOUDSDK_CONFIG: path.join(home, 'gcloud'), METADATA_SERVER_DETECTION: 'none' };
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    const ran = await run(['--workspace', WS], { METADATA_SERVER_DETECTION: 'none' });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(
      /^sgtm pull: no Google credentials found\. Either point --key-file or GOOGLE_APPLICATION_CREDENTIALS at a service account's JSON key, or run "gcloud auth application-default login --scopes=https:\/\/www\.googleapis\.com\/auth\/cloud-platform,https:\/\/www\.googleapis\.com\/auth\/tagmanager\.edit\.containers" once \(see docs\/deploy\.md\)\./,
    );
    rmSync(home, { recursive: true, force: true });
  });

  it('without a key file, uses Application Default Credentials from gcloud (a user refresh token)', async () => {
    const home = tempDir('sgtm-home-');
    mkdirSync(path.join(home, 'gcloud'));
    writeFileSync(
      path.join(home, 'gcloud', 'application_default_credentials.json'),
      JSON.stringify({ type: 'authorized_user', client_id: '764086051850-x.apps.googleusercontent.com', client_secret: 'd-FL95Q19q7MQmFpd7hHD0Ty', refresh_token: '1//0g-refresh', quota_project_id: 'demo-project' }),
    );
    // GOOGLE_CLOUD_PROJECT spares the library its project-id hunt (the gcloud CLI, then the metadata server).
    process.env = { ...saved, HOME: home, CLOUDSDK_CONFIG: path.join(home, 'gcloud'), METADATA_SERVER_DETECTION: 'none', GOOGLE_CLOUD_PROJECT: 'demo-project' };
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    const refresh = nock('https://oauth2.googleapis.com')
      .post('/token', (body: Record<string, string>) => body.grant_type === 'refresh_token' && body.refresh_token === '1//0g-refresh')
      .reply(200, { access_token: TOKEN, expires_in: 3599, token_type: 'Bearer', scope: SCOPES.read });
    api().matchHeader('x-goog-user-project', 'demo-project').get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', DEMO_DATA, 'fp')] });

    const ran = await run(['--workspace', WS, '--out', path.join(home, 'w.tpl')], { METADATA_SERVER_DETECTION: 'none' });

    expect([ran.code, refresh.isDone()]).toEqual([0, true]);
    expect(ran.stdout).toContain(`workspace ${WS} as Application Default Credentials\n`);
    rmSync(home, { recursive: true, force: true });
  });

  it('GOOGLE_APPLICATION_CREDENTIALS is used when there is no --key-file', async () => {
    const token = nockToken(SCOPES.read);
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', DEMO_DATA, 'fp')] });
    const ran = await run(['--workspace', WS, '--out', path.join(p.root, 'w.tpl')], { GOOGLE_APPLICATION_CREDENTIALS: p.keyFile, METADATA_SERVER_DETECTION: 'none' });
    expect([ran.code, token.isDone()]).toEqual([0, true]);
    expect(ran.stdout).toContain(`(key file ${p.keyFile})`);
  });

  it('GOOGLE_APPLICATION_CREDENTIALS pointing at a missing file names the variable and the file', async () => {
    const ran = await run(['--workspace', WS], { GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/key.json' });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe('sgtm pull: cannot read the key file /nonexistent/key.json (from GOOGLE_APPLICATION_CREDENTIALS): ENOENT\n');
  });

  it('a key file that is not a JSON key (a P12, a token pasted in a file) is refused before any request', async () => {
    const dir = tempDir('sgtm-key-');
    mkdirSync(path.join(dir, 'k'));
    writeFileSync(path.join(dir, 'k', 'token.txt'), 'ya29.a0AfH6SMC-not-a-key');
    writeFileSync(path.join(dir, 'k', 'other.json'), JSON.stringify({ type: 'api_key', key: 'x' }));
    let ran = await run(['--workspace', WS, '--key-file', path.join(dir, 'k', 'token.txt')]);
    expect([ran.code, ran.stderr]).toEqual([2, `sgtm pull: the key file ${path.join(dir, 'k', 'token.txt')} (from --key-file) is not JSON: download a JSON key (IAM & Admin → Service accounts → Keys → Add key → JSON); P12 keys are not supported\n`]);
    expect(ran.stderr).not.toContain('ya29');
    ran = await run(['--workspace', WS, '--key-file', path.join(dir, 'k', 'other.json')]);
    expect(ran.stderr).toContain('is not a Google credentials file: its "type" is "api_key"');
    rmSync(dir, { recursive: true, force: true });
  });
});
