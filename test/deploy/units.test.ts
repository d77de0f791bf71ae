import yaml from 'js-yaml';
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { galleryMetadataFor, galleryMetadataYaml, repositoryWebUrl } from '../../scripts/build/metadata';
import { absoluteLinks } from '../../scripts/deploy/gallery';
import { backoffMs } from '../../scripts/deploy/gtm-api';
import { compareVersions, parseVersion } from '../../scripts/deploy/semver';
import { parseWorkspacePath, workspaceUrl } from '../../scripts/deploy/workspace-path';

describe('workspace paths', () => {
  it('parses the API path and the GTM UI URL to the same workspace', () => {
    const fromPath = parseWorkspacePath('accounts/6001/containers/7002/workspaces/3');
    expect(fromPath).toEqual({ accountId: '6001', containerId: '7002', workspaceId: '3', path: 'accounts/6001/containers/7002/workspaces/3' });
    expect(parseWorkspacePath('https://tagmanager.google.com/#/container/accounts/6001/containers/7002/workspaces/3/templates/42')).toEqual(fromPath);
    expect(parseWorkspacePath('/accounts/6001/containers/7002/workspaces/3/')).toEqual(fromPath);
    expect(workspaceUrl(fromPath)).toBe('https://tagmanager.google.com/#/container/accounts/6001/containers/7002/workspaces/3');
  });

  it.each(['accounts/6001/containers/7002', 'accounts/a/containers/7002/workspaces/3', 'accounts/6001/containers/7002/workspaces/3/templates/4', 'GTM-ABCD123', '../../etc/passwd'])(
    'refuses %s',
    (bad) => {
      expect(() => parseWorkspacePath(bad)).toThrow('is not a workspace path: expected accounts/<number>/containers/<number>/workspaces/<number>');
    },
  );
});

describe('semver', () => {
  it('parses X.Y.Z and pre-releases, refuses the rest', () => {
    expect(parseVersion('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [] });
    expect(parseVersion('1.0.0-rc.1')).toEqual({ major: 1, minor: 0, patch: 0, prerelease: ['rc', '1'] });
    for (const bad of ['v1.2.3', '1.2', '01.2.3', '1.2.3.4', '1.2.3-', '']) expect(parseVersion(bad)).toBeUndefined();
  });

  it('orders by precedence: 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-beta < 1.0.0-rc.1 < 1.0.0 < 1.0.1 < 1.10.0', () => {
    const order = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0'];
    const shuffled = [...order].reverse();
    expect(shuffled.sort((a, b) => compareVersions(parseVersion(a)!, parseVersion(b)!))).toEqual(order);
  });
});

describe('gallery metadata', () => {
  it('derives the web URL from every usual form of package.json repository', () => {
    const expected = 'https://github.com/owner/repo';
    for (const form of ['git+https://github.com/owner/repo.git', 'git@github.com:owner/repo.git', 'github:owner/repo', 'owner/repo', 'https://github.com/owner/repo/', { type: 'git', url: 'git+ssh://git@github.com/owner/repo.git' }]) {
      expect([form, repositoryWebUrl(form)]).toEqual([form, expected]);
    }
    expect(repositoryWebUrl(undefined)).toBeUndefined();
    expect(repositoryWebUrl('not a url')).toBeUndefined();
  });

  it('writes YAML that parses back to the same values, whatever the notes contain', () => {
    const notes = 'Adds "Lead": quotes, colons: yes\n- a dash line\n# not a comment\ttab ✓';
    const text = galleryMetadataYaml({ homepage: 'https://github.com/o/r', documentation: 'https://github.com/o/r/blob/main/docs/tag.md' }, [
      { version: '1.1.0', sha: 'b'.repeat(40), changeNotes: notes },
      { version: '1.0.0', sha: 'a'.repeat(40), changeNotes: 'Initial release.' },
    ]);
    expect(yaml.load(text)).toEqual({
      homepage: 'https://github.com/o/r',
      documentation: 'https://github.com/o/r/blob/main/docs/tag.md',
      versions: [
        { sha: 'b'.repeat(40), changeNotes: notes },
        { sha: 'a'.repeat(40), changeNotes: 'Initial release.' },
      ],
    });
    expect(yaml.load(galleryMetadataYaml({ homepage: 'h', documentation: 'd' }, []))).toEqual({ homepage: 'h', documentation: 'd', versions: [] });
  });

  it('refuses, naming the fix, a package.json without repository and a malformed releases.json', () => {
    const root = path.join(tmpdir(), `sgtm-meta-${process.pid}`);
    mkdirSync(path.join(root, 'src', 'template'), { recursive: true });
    writeFileSync(path.join(root, 'package.json'), '{"name": "x"}');
    expect(() => galleryMetadataFor(root)).toThrow('package.json needs a "repository" with the public Git URL of this project');
    writeFileSync(path.join(root, 'package.json'), '{"repository": "github:o/r"}');
    writeFileSync(path.join(root, 'src', 'template', 'releases.json'), '[{"version": "1.0.0", "sha": "HEAD", "changeNotes": "x"}]');
    expect(() => galleryMetadataFor(root)).toThrow('src/template/releases.json must be a JSON list of {"version", "sha" (40 hex digits), "changeNotes"}, newest first');
    writeFileSync(path.join(root, 'src', 'template', 'releases.json'), '[{');
    expect(() => galleryMetadataFor(root)).toThrow('src/template/releases.json is not valid JSON');
    rmSync(root, { recursive: true, force: true });
  });

  it('makes README links absolute on the repository, leaving URLs and anchors alone', () => {
    expect(absoluteLinks('[a](docs/tag.md) [b](./scripts/server/) [c](https://x.y/z) [d](#the-tag)', 'https://github.com/o/r')).toBe(
      '[a](https://github.com/o/r/blob/main/docs/tag.md) [b](https://github.com/o/r/blob/main/scripts/server/) [c](https://x.y/z) [d](#the-tag)',
    );
  });
});

describe('quota backoff', () => {
  it('doubles from 1 s, honours Retry-After, and never waits more than 32 s', () => {
    expect([1, 2, 3, 4, 7].map((attempt) => backoffMs(attempt))).toEqual([1000, 2000, 4000, 8000, 32000]);
    expect(backoffMs(1, 20)).toBe(20000);
    expect(backoffMs(1, 3600)).toBe(32000);
  });
});
