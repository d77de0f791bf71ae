import nock from 'nock';
import { rmSync, writeFileSync } from 'fs';
import path from 'path';
import * as push from '../../scripts/deploy/push';
import { SCOPES } from '../../scripts/deploy/credentials';
import { UsageError } from '../../sandbox-shim/cli/args';
import { api, customTemplate, DEMO_DATA, DEMO_TPL, googleError, nockToken, project, runVerb, SA_EMAIL, TOKEN, WS, WS_API, type Project } from './support';

const URL = `https://tagmanager.google.com/#/container/${WS}`;
let p: Project;
/** Every request that reached nock without an interceptor: a test fails if push sent one. */
let unexpected: string[];
const onNoMatch = (req: { method?: string; path?: string; options?: { method?: string; path?: string } }) => {
  unexpected.push(`${req.method ?? req.options?.method} ${req.path ?? req.options?.path}`);
};

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  nock.emitter.on('no match', onNoMatch);
});
beforeEach(() => {
  p = project();
  unexpected = [];
});
afterEach(() => {
  nock.cleanAll();
  rmSync(p.root, { recursive: true, force: true });
});
afterAll(() => {
  nock.emitter.removeListener('no match', onNoMatch);
  nock.enableNetConnect();
});

/** The workspace's copy: the demo with one field renamed, the logging permission widened, a code line added. */
const EDITED_IN_GTM = DEMO_DATA.replace('"displayName": "Name in logs"', '"displayName": "Log name"')
  .replace('"string": "debug"', '"string": "all"')
  .replace('  logToConsole(JSON.stringify({', '  logToConsole(JSON.stringify({\n    Edited: true,');

const pushArgs = (...extra: string[]) => ['--workspace', WS, '--key-file', p.keyFile, ...extra];
const run = (args: string[], built?: string) => runVerb(push, args, { root: p.root, built });

describe('sgtm push: create and update', () => {
  it('updates the template found by display name, sending the fingerprint, and prints the diff and the workspace URL', async () => {
    nockToken(SCOPES.edit);
    api()
      .get(`${WS_API}/templates`)
      .reply(200, { template: [customTemplate('12', 'irrelevant', '111', 'Another template'), customTemplate('42', EDITED_IN_GTM, '1700000000001')] });
    const update = api()
      .put(`${WS_API}/templates/42`, { name: 'Debug logger', templateData: DEMO_DATA })
      .query({ fingerprint: '1700000000001' })
      .reply(200, customTemplate('42', DEMO_DATA, '1700000000002'));

    const ran = await run(pushArgs());

    expect([ran.code, ran.stderr, unexpected]).toEqual([0, '', []]);
    expect(update.isDone()).toBe(true);
    const diff = ran.stdout.slice(ran.stdout.indexOf('changes from'), ran.stdout.indexOf('updated template'));
    expect(diff).toBe(
      [
        'changes from workspace template 42 to template/template.tpl:',
        '  ___TEMPLATE_PARAMETERS___: changed — changed: tagName (displayName)',
        '  ___SANDBOXED_JS_FOR_SERVER___: changed — +0 -1 lines',
        '    --- workspace template 42 (code)',
        '    +++ template/template.tpl (code)',
        '    @@ -6,7 +6,6 @@',
        '     const version = getContainerVersion();',
        '     if (version.debugMode || version.previewMode) {',
        '       logToConsole(JSON.stringify({',
        '    -    Edited: true,',
        '         Name: data.tagName,',
        "         Type: 'Message',",
        "         EventName: getEventData('event_name'),",
        '  ___SERVER_PERMISSIONS___: changed — changed: logging (environments)',
        '  unchanged: ___TERMS_OF_SERVICE___, ___INFO___, ___TESTS___, ___NOTES___',
        '',
      ].join('\n'),
    );
    expect(ran.stdout).toContain(`workspace ${WS} as ${SA_EMAIL} (key file ${p.keyFile})\n`);
    expect(ran.stdout).toContain('updated template 42 "Debug logger" (fingerprint 1700000000002)\n');
    expect(ran.stdout.endsWith(`open the workspace and press Preview: ${URL}\n`)).toBe(true);
    expect(ran.stdout + ran.stderr).not.toContain(TOKEN);
  });

  it('follows nextPageToken through the list, and creates the template when no page has it', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('12', 'x', '1', 'Another template')], nextPageToken: 'page-2' });
    api().get(`${WS_API}/templates`).query({ pageToken: 'page-2' }).reply(200, { template: [customTemplate('13', 'y', '2', 'Third template')] });
    const create = api()
      .post(`${WS_API}/templates`, { name: 'Debug logger', templateData: DEMO_DATA })
      .reply(200, customTemplate('77', DEMO_DATA, '1700000000009'));

    const ran = await run(pushArgs());

    expect([ran.code, ran.stderr, unexpected]).toEqual([0, '', []]);
    expect(create.isDone()).toBe(true);
    expect(ran.stdout).toContain('no template "Debug logger" in the workspace: creating it\ncreated template 77 "Debug logger"\n');
  });

  it('with --template-id reads that template (GET) instead of listing', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates/42`).reply(200, customTemplate('42', EDITED_IN_GTM, 'fp-42'));
    const update = api().put(`${WS_API}/templates/42`, { name: 'Debug logger', templateData: DEMO_DATA }).query({ fingerprint: 'fp-42' }).reply(200, customTemplate('42', DEMO_DATA, 'fp-43'));

    const ran = await run(pushArgs('--template-id', '42'));

    expect([ran.code, ran.stderr, unexpected]).toEqual([0, '', []]);
    expect(update.isDone()).toBe(true);
  });

  it('sends nothing when the workspace already holds the template (CRLF and a BOM are no difference)', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', '\uFEFF' + DEMO_DATA.replace(/\n/g, '\r\n'), 'fp')] });

    const ran = await run(pushArgs());

    expect([ran.code, unexpected]).toEqual([0, []]);
    expect(ran.stdout).toContain('template 42 in the workspace already equals template/template.tpl: nothing to push\n');
  });

  it('--dry-run shows the diff and sends only GET requests', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', EDITED_IN_GTM, 'fp-1')] });

    const ran = await run(pushArgs('--dry-run'));

    expect([ran.code, ran.stderr, unexpected]).toEqual([0, '', []]);
    expect(ran.stdout).toContain('changed — changed: tagName (displayName)');
    expect(ran.stdout).toContain('dry run: would update template 42 (fingerprint fp-1); nothing sent\n');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('--dry-run of a template the workspace lacks says it would create it, and sends no POST', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).reply(200, {});

    const ran = await run(pushArgs('--dry-run'));

    expect([ran.code, unexpected]).toEqual([0, []]);
    expect(ran.stdout).toContain('no template "Debug logger" in the workspace: would create it\ndry run: nothing sent\n');
  });
});

describe('sgtm push: refusals before any request', () => {
  it('refuses a template that is not what src/ builds (build --check), without authenticating', async () => {
    const ran = await run(pushArgs(), DEMO_TPL.replace('Name in logs', 'Name in the logs'));
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe(
      'refusing to push template/template.tpl:\n' +
        '  build --check: template/template.tpl is not up to date with src/: run "npm run build", commit template/, and push again\n',
    );
    expect(unexpected).toEqual([]);
  });

  it('refuses a template whose own tests fail, naming the scenario', async () => {
    const failing = DEMO_TPL.replace("assertApi('gtmOnSuccess').wasCalled();\"\n- name: Stays quiet", "assertApi('gtmOnFailure').wasCalled();\"\n- name: Stays quiet");
    expect(failing).not.toBe(DEMO_TPL);
    writeFileSync(path.join(p.root, 'template', 'template.tpl'), failing);
    const ran = await run(pushArgs(), failing);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^refusing to push template\/template.tpl:\n {2}test: scenario "Logs in preview" fails: .*gtmOnFailure.*\(run: npx sgtm test template\/template.tpl\)\n$/);
  });

  it('refuses a template that fails validate (a permission its code needs is missing)', async () => {
    const noLogging = DEMO_TPL.replace('"publicId": "logging"', '"publicId": "access_globals"');
    writeFileSync(path.join(p.root, 'template', 'template.tpl'), noLogging);
    const ran = await run(pushArgs(), noLogging);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('refusing to push template/template.tpl:\n  validate: ');
    expect(ran.stderr).toContain('logToConsole');
  });

  it('rejects a malformed --workspace or --template-id before reading credentials', async () => {
    await expect(run(['--workspace', 'accounts/6001/containers/GTM-ABC1234/workspaces/3'])).rejects.toThrow(
      new UsageError(
        '--workspace "accounts/6001/containers/GTM-ABC1234/workspaces/3" is not a workspace path: expected accounts/<number>/containers/<number>/workspaces/<number>, e.g. accounts/6012345678/containers/198765432/workspaces/12 (a public container id like GTM-XXXX is not the container number: open the container in tagmanager.google.com and copy the numbers from the URL)',
      ),
    );
    await expect(run([])).rejects.toThrow(/--workspace is required/);
    await expect(run(['--workspace', WS, '--template-id', 'abc'])).rejects.toThrow('--template-id "abc" must be the template\'s number');
    expect(unexpected).toEqual([]);
  });

  it('accepts the workspace URL from the GTM address bar', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', DEMO_DATA, 'fp')] });
    const ran = await run(['--workspace', `${URL}/templates/42`, '--key-file', p.keyFile]);
    expect([ran.code, unexpected]).toEqual([0, []]);
  });
});

describe('sgtm push: errors the API answers', () => {
  it('a fingerprint conflict (409) is refused with exit 1 and says to pull', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', EDITED_IN_GTM, 'fp-old')] });
    api()
      .put(`${WS_API}/templates/42`)
      .query({ fingerprint: 'fp-old' })
      .reply(409, googleError(409, 'ABORTED', 'Fingerprint does not match the current fingerprint.'));

    const ran = await run(pushArgs());

    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe(
      `sgtm push: the template changed in the workspace since you pulled it (update template ${WS}/templates/42); nothing was overwritten. Run "sgtm pull" to see the change, bring it into src/ if you want to keep it, then push again.\n`,
    );
  });

  it('a 412 precondition failure is the same conflict', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates/42`).reply(200, customTemplate('42', EDITED_IN_GTM, 'fp-old'));
    api().put(`${WS_API}/templates/42`).query({ fingerprint: 'fp-old' }).reply(412, googleError(412, 'FAILED_PRECONDITION', 'Precondition check failed.'));
    const ran = await run(pushArgs('--template-id', '42'));
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('the template changed in the workspace since you pulled it');
  });

  it('403 SERVICE_DISABLED names the project and the link to enable the API', async () => {
    nockToken(SCOPES.edit);
    api()
      .get(`${WS_API}/templates`)
      .reply(
        403,
        googleError(403, 'PERMISSION_DENIED', 'Tag Manager API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/tagmanager.googleapis.com/overview?project=123456789012 then retry.', [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'SERVICE_DISABLED',
            domain: 'googleapis.com',
            metadata: { consumer: 'projects/123456789012', service: 'tagmanager.googleapis.com' },
          },
        ]),
      );

    const ran = await run(pushArgs());

    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      'sgtm push: the Tag Manager API is not enabled for project 123456789012: enable it at https://console.developers.google.com/apis/api/tagmanager.googleapis.com/overview?project=123456789012, wait a minute, and try again.\n',
    );
  });

  it('403 permission denied says which permission the service account needs, and where', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', EDITED_IN_GTM, 'fp')] });
    api().put(`${WS_API}/templates/42`).query({ fingerprint: 'fp' }).reply(403, googleError(403, 'PERMISSION_DENIED', 'The caller does not have permission'));

    const ran = await run(pushArgs());

    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      `sgtm push: permission denied to update template ${WS}/templates/42 (${SA_EMAIL}). Google said: "The caller does not have permission" In Tag Manager → Admin → User Management, give this account Edit permission on container accounts/6001/containers/7002 (and User on its account).\n`,
    );
  });

  it('404 on the workspace points at the path and at User Management', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).reply(404, googleError(404, 'NOT_FOUND', 'Not found or permission denied.'));
    const ran = await run(pushArgs());
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`sgtm push: not found: list the templates of ${WS} (404). Google said: "Not found or permission denied." Check the account, container and workspace numbers in --workspace`);
  });

  it('404 on --template-id names the template id and the way out', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates/99`).reply(404, googleError(404, 'NOT_FOUND', 'Not found or permission denied.'));
    const ran = await run(pushArgs('--template-id', '99'));
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      `sgtm push: workspace ${WS} has no template 99 (or this account cannot see it): check --template-id (the number in the template's URL in GTM), or omit it to find the template by its name "Debug logger"\n`,
    );
  });

  it('429 is retried with exponential backoff (honouring Retry-After), then succeeds', async () => {
    nockToken(SCOPES.edit);
    const quota = googleError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'.");
    api().get(`${WS_API}/templates`).reply(429, quota);
    api().get(`${WS_API}/templates`).reply(429, quota, { 'Retry-After': '7' });
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', DEMO_DATA, 'fp')] });

    const ran = await run(pushArgs());

    expect([ran.code, unexpected]).toEqual([0, []]);
    expect(ran.sleeps).toEqual([1000, 7000]);
    expect(ran.stderr).toBe(
      `Tag Manager API quota exceeded (429) on list the templates of ${WS}; retrying in 1 s (attempt 2 of 4)\n` +
        `Tag Manager API quota exceeded (429) on list the templates of ${WS}; retrying in 7 s (attempt 3 of 4)\n`,
    );
  });

  it('429 on every attempt gives up after 4 attempts with a clear message', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).times(4).reply(429, googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.'));

    const ran = await run(pushArgs());

    expect(ran.code).toBe(2);
    expect(ran.sleeps).toEqual([1000, 2000, 4000]);
    expect(ran.stderr.split('\n').slice(-2)[0]).toBe(
      `sgtm push: the Tag Manager API quota is used up (429) and retries did not help: list the templates of ${WS} failed. Google said: "Quota exceeded." Wait a minute and run the command again; the quota is per Google Cloud project (APIs & Services → Tag Manager API → Quotas).`,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('two templates with our display name: asks for --template-id, listing both', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', DEMO_DATA, 'a'), customTemplate('43', DEMO_DATA, 'b')] });
    const ran = await run(pushArgs());
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(`sgtm push: workspace ${WS} has 2 templates named "Debug logger": 42 (${WS}/templates/42), 43 (${WS}/templates/43). Pass --template-id with the one to use.\n`);
  });

  it('a refused key (invalid_grant at the token endpoint) says to create a new key', async () => {
    nock('https://oauth2.googleapis.com').post('/token').reply(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    const ran = await run(pushArgs());
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      `sgtm push: Google refused the credentials (${SA_EMAIL}) (invalid_grant: Invalid JWT Signature.). If the service account key was deleted or rotated, create a new key (IAM & Admin → Service accounts → Keys) and point GOOGLE_APPLICATION_CREDENTIALS or --key-file at it.\n`,
    );
  });
});

describe('sgtm push: transport failures', () => {
  it('a 503 with an HTML body (a proxy page) is retried, then explained without the HTML', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).times(4).reply(503, '<html><body>Service Unavailable</body></html>', { 'Content-Type': 'text/html' });
    const ran = await run(pushArgs());
    expect(ran.code).toBe(2);
    expect(ran.sleeps).toEqual([1000, 2000, 4000]);
    expect(ran.stderr.split('\n').slice(-2)[0]).toBe(`sgtm push: the Tag Manager API is unavailable (503) and retries did not help: list the templates of ${WS} failed. Try again in a few minutes.`);
  });

  it('a create is not repeated after a 503 (it may have happened; a second push finds it by name)', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).reply(200, {});
    api().post(`${WS_API}/templates`).reply(503, googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'));
    const ran = await run(pushArgs());
    expect([ran.code, ran.sleeps, unexpected]).toEqual([2, [], []]);
    expect(ran.stderr).toContain(`create the template in ${WS} failed. Google said: "The service is currently unavailable."`);
  });

  it('no route to Google (here: the token endpoint is unreachable) is a network message, not a stack trace', async () => {
    const ran = await run(pushArgs());
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^sgtm push: could not reach Google to list the templates of accounts\/6001\/containers\/7002\/workspaces\/3: .+\. Check the network connection or proxy \(HTTPS_PROXY\) and try again\.\n$/);
  });

  it('any other status names the status and the operation', async () => {
    nockToken(SCOPES.edit);
    api().get(`${WS_API}/templates`).reply(500, googleError(500, 'INTERNAL', 'Internal error encountered.'));
    const ran = await run(pushArgs());
    expect([ran.code, ran.sleeps]).toEqual([2, []]);
    expect(ran.stderr).toBe(`sgtm push: the Tag Manager API failed to list the templates of ${WS} (HTTP 500). Google said: "Internal error encountered." Try again later.\n`);
  });
});

describe('sgtm push: hostile input', () => {
  it('a workspace copy carrying terminal escape sequences is shown with the escapes visible, never sent to the terminal', async () => {
    nockToken(SCOPES.edit);
    const hostile = DEMO_DATA.replace('data.gtmOnSuccess();', "data.gtmOnSuccess(); // \u001b]0;pwned\u0007\u001b[2J\u009b31m").replace('"name": "tagName"', '"name": "tag\\u001b[8mName"');
    api().get(`${WS_API}/templates`).reply(200, { template: [customTemplate('42', hostile, 'fp')] });

    const ran = await run(pushArgs('--dry-run'));

    expect(ran.code).toBe(0);
    expect(ran.stdout).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(ran.stdout).toContain('-data.gtmOnSuccess(); // \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m');
    expect(ran.stdout).toContain('removed: tag\\x1b[8mName');
  });

  it('--token is not an option: a token on the command line is refused without echoing it', async () => {
    await expect(run(['--workspace', WS, '--token', 'ya29.secret-token-value'])).rejects.toThrow(/^unknown option --token \(known: --dry-run, --workspace, --template-id, --key-file\)$/);
    expect(unexpected).toEqual([]);
  });
});

