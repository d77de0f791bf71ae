/**
 * sgtm release and sgtm gallery on a throwaway git repository: the project's layout (package.json
 * with a repository, template/, src/template/releases.json, README, LICENSE) with the demo template.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import path from 'path';
import { galleryMetadataFor } from '../../scripts/build/metadata';
import * as gallery from '../../scripts/deploy/gallery';
import * as release from '../../scripts/deploy/release';
import { DEMO_TPL, runVerb, tempDir } from './support';

const REPO_URL = 'https://github.com/acme/sgtm-tiktok';
let root: string;

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null' } }).trimEnd();
}

function initRepo(dir: string): void {
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
  git(dir, 'config', 'commit.gpgsign', 'false');
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

const releaseRun = (args: string[], built = DEMO_TPL) => runVerb(release, args, { root, built });
const galleryRun = (args: string[]) => runVerb(gallery, args, { root });

beforeEach(() => {
  root = tempDir('sgtm-release-');
  initRepo(root);
  write('package.json', JSON.stringify({ name: 'demo', license: 'Apache-2.0', repository: { type: 'git', url: `git+${REPO_URL}.git` } }, null, 2) + '\n');
  write('template/template.tpl', DEMO_TPL);
  write('src/template/releases.json', '[]\n');
  write('template/metadata.yaml', galleryMetadataFor(root));
  write('README.md', '# Demo\n\nSee [the tag](docs/tag.md) and [the site](https://example.com).\n');
  write('LICENSE', 'Apache License\nVersion 2.0, January 2004\n');
  commitAll(root, 'initial');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('sgtm release', () => {
  it('appends HEAD and its notes to metadata.yaml and releases.json, and commits both', async () => {
    const sha = git(root, 'rev-parse', 'HEAD');

    const ran = await releaseRun(['1.0.0', '--notes', 'Initial release: "Purchase" and Lead events.']);

    expect([ran.code, ran.stderr]).toEqual([0, '']);
    expect(readFileSync(path.join(root, 'template', 'metadata.yaml'), 'utf8')).toBe(
      [
        `homepage: "${REPO_URL}"`,
        `documentation: "${REPO_URL}/blob/main/docs/tag.md"`,
        'versions:',
        `  - sha: ${sha}`,
        '    changeNotes: "Initial release: \\"Purchase\\" and Lead events."',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(readFileSync(path.join(root, 'src', 'template', 'releases.json'), 'utf8'))).toEqual([
      { version: '1.0.0', sha, changeNotes: 'Initial release: "Purchase" and Lead events.' },
    ]);
    expect(git(root, 'log', '-1', '--format=%s%n%b')).toBe('Release 1.0.0\nInitial release: "Purchase" and Lead events.');
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect(git(root, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual(['src/template/releases.json', 'template/metadata.yaml']);
    expect(ran.stdout).toContain(`released 1.0.0: template/metadata.yaml lists commit ${sha}`);
  });

  it('refuses a dirty tree (changed or untracked files) and writes nothing', async () => {
    write('template/template.tpl', DEMO_TPL.replace('Name in logs', 'Log name'));
    write('notes.txt', 'scratch');

    const ran = await releaseRun(['1.0.0', '--notes', 'x']);

    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe(`refusing to release 1.0.0:\n  ${root} has uncommitted changes (M template/template.tpl, ?? notes.txt): commit or stash them first; a release names a commit\n`);
    expect(readFileSync(path.join(root, 'src', 'template', 'releases.json'), 'utf8')).toBe('[]\n');
    expect(git(root, 'log', '--format=%s')).toBe('initial');
  });

  it('refuses a duplicate version, an older version, and a commit whose template is already released', async () => {
    expect((await releaseRun(['1.1.0', '--notes', 'first'])).code).toBe(0);
    const releasedSha = JSON.parse(readFileSync(path.join(root, 'src', 'template', 'releases.json'), 'utf8'))[0].sha;

    let ran = await releaseRun(['1.1.0', '--notes', 'again']);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(`  version 1.1.0 is already released (commit ${releasedSha.slice(0, 12)}): choose a new version\n`);
    expect(ran.stderr).toContain(`  template/template.tpl is the same as in release 1.1.0 (${releasedSha.slice(0, 12)}): there is nothing new for the gallery; commit the template change first\n`);

    const changed = DEMO_TPL.replace('Name in logs', 'Log name');
    write('template/template.tpl', changed);
    commitAll(root, 'rename the field');
    ran = await releaseRun(['1.0.9', '--notes', 'older'], changed);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe('refusing to release 1.0.9:\n  version 1.0.9 is not newer than the latest release 1.1.0: choose a higher version\n');

    ran = await releaseRun(['1.2.0-rc.1', '--notes', 'Renames the field.'], changed);
    expect([ran.code, ran.stderr]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(path.join(root, 'src', 'template', 'releases.json'), 'utf8')).map((r: { version: string }) => r.version)).toEqual(['1.2.0-rc.1', '1.1.0']);
  });

  it('refuses a template that is not what src/ builds, or that fails its own tests', async () => {
    let ran = await releaseRun(['1.0.0', '--notes', 'x'], DEMO_TPL.replace('Name in logs', 'Other'));
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('build --check: template/template.tpl is not up to date with src/');

    const failing = DEMO_TPL.replace("assertApi('logToConsole').wasNotCalled();", "assertApi('logToConsole').wasCalled();");
    write('template/template.tpl', failing);
    commitAll(root, 'break a test');
    ran = await releaseRun(['1.0.0', '--notes', 'x'], failing);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('test: scenario "Stays quiet in production" fails');
  });

  it('refuses what is not a semantic version, and a release without notes, as usage errors', async () => {
    await expect(releaseRun(['v1.0.0', '--notes', 'x'])).rejects.toThrow('"v1.0.0" is not a semantic version MAJOR.MINOR.PATCH such as 1.2.0 (without the "v": 1.0.0)');
    await expect(releaseRun(['1.0', '--notes', 'x'])).rejects.toThrow('"1.0" is not a semantic version');
    await expect(releaseRun(['1.0.0'])).rejects.toThrow('--notes is required');
    await expect(releaseRun(['1.0.0', '--notes', '   '])).rejects.toThrow('--notes is required');
  });

  it('--no-commit writes the files and leaves committing to the user', async () => {
    const ran = await releaseRun(['1.0.0', '--notes', 'x', '--no-commit']);
    expect(ran.code).toBe(0);
    expect(git(root, 'status', '--porcelain').split('\n').sort()).toEqual([' M src/template/releases.json', ' M template/metadata.yaml']);
    expect(git(root, 'log', '--format=%s')).toBe('initial');
  });
});

describe('sgtm gallery', () => {
  it('refuses before the first release: the gallery serves only listed commits', async () => {
    const out = path.join(root, 'out');
    const ran = await galleryRun([out]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe('refusing to write the gallery layout:\n  template/metadata.yaml lists no release: run "sgtm release X.Y.Z --notes …" first (the gallery serves only the commits it lists)\n');
    expect(existsSync(out)).toBe(false);
  });

  it('writes template.tpl, metadata.yaml, LICENSE and README.md (links made absolute) at the root of OUT_DIR', async () => {
    expect((await releaseRun(['1.0.0', '--notes', 'Initial release.'])).code).toBe(0);
    const out = tempDir('sgtm-gallery-');

    const ran = await galleryRun([out]);

    expect([ran.code, ran.stderr]).toEqual([0, '']);
    expect(readFileSync(path.join(out, 'template.tpl'), 'utf8')).toBe(DEMO_TPL);
    expect(readFileSync(path.join(out, 'metadata.yaml'), 'utf8')).toBe(readFileSync(path.join(root, 'template', 'metadata.yaml'), 'utf8'));
    expect(readFileSync(path.join(out, 'LICENSE'), 'utf8')).toBe('Apache License\nVersion 2.0, January 2004\n');
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toBe(`# Demo\n\nSee [the tag](${REPO_URL}/blob/main/docs/tag.md) and [the site](https://example.com).\n`);
    rmSync(out, { recursive: true, force: true });
  });

  it('refuses a stale metadata.yaml and warns when the template changed since the latest release', async () => {
    expect((await releaseRun(['1.0.0', '--notes', 'Initial release.'])).code).toBe(0);
    const out = path.join(tempDir('sgtm-gallery-'), 'g');
    write('template/template.tpl', DEMO_TPL.replace('Name in logs', 'Log name'));
    let ran = await galleryRun([out]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toMatch(/^warning: template\/template.tpl changed since release 1\.0\.0 \([0-9a-f]{12}\); the gallery serves the released copy until you run "sgtm release"\n$/);

    write('package.json', JSON.stringify({ name: 'demo', repository: 'github:acme/renamed' }));
    ran = await galleryRun([out]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('template/metadata.yaml is not up to date with package.json and the releases: run "npm run build" and commit it');
  });

  it('with a separate gallery repository: gallery fills it, release --repo records its commit', async () => {
    const galleryRepo = tempDir('sgtm-gallery-repo-');
    initRepo(galleryRepo);
    // The first publication: the template must be committed in the gallery repository before it can be listed.
    writeFileSync(path.join(galleryRepo, 'template.tpl'), DEMO_TPL);
    const gallerySha = commitAll(galleryRepo, 'template 1.0.0');

    const ran = await releaseRun(['1.0.0', '--notes', 'Initial release.', '--repo', galleryRepo]);
    expect([ran.code, ran.stderr]).toEqual([0, '']);
    expect(readFileSync(path.join(root, 'template', 'metadata.yaml'), 'utf8')).toContain(`  - sha: ${gallerySha}\n`);

    expect((await galleryRun([galleryRepo])).code).toBe(0);
    expect(readFileSync(path.join(galleryRepo, 'metadata.yaml'), 'utf8')).toBe(readFileSync(path.join(root, 'template', 'metadata.yaml'), 'utf8'));
    expect(git(galleryRepo, 'status', '--porcelain').split('\n').sort()).toEqual(['?? LICENSE', '?? README.md', '?? metadata.yaml']);
    rmSync(galleryRepo, { recursive: true, force: true });
  });
});
