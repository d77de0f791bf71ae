/**
 * `sgtm release X.Y.Z --notes "…"`: records a release for the Community Template Gallery — the
 * released commit's sha and its change notes — in src/template/releases.json and
 * template/metadata.yaml, and commits both. A release names a commit, so the tree must be clean:
 * what is released is exactly what was committed and tested.
 */
import { writeFileSync } from 'fs';
import path from 'path';
import { lastValue, parseArgs, UsageError } from '../../sandbox-shim/cli/args';
import { galleryMetadataFor, METADATA_FILE, MetadataError, readReleases, releasesJson, RELEASES_FILE, type Release } from '../build/metadata';
import { DeployError, reportingErrors } from './errors';
import { fileAt, git, headSha, uncommitted } from './git';
import { resolveIO, TEMPLATE_FILE, type DeployIO } from './io';
import { preflight } from './preflight';
import { compareVersions, parseVersion } from './semver';
import { sameTemplate } from './template-text';

export const help = `usage: sgtm release X.Y.Z --notes "what changed" [--repo DIR] [--no-commit]

Records a release of the template for the Community Template Gallery. The gallery serves the
template.tpl of each commit listed in metadata.yaml, with its change notes; this verb adds the
current commit (HEAD) with --notes to src/template/releases.json, regenerates
template/metadata.yaml from it (homepage and documentation come from package.json's
"repository"), and commits both as "Release X.Y.Z".

Refused (exit 1) when the working tree has uncommitted or untracked changes, when X.Y.Z is not a
semantic version, is already released, or is not newer than the latest release, when HEAD is
already released or holds the same template as the latest release, or when the template fails
validate, its own tests, or build --check.

  --notes TEXT   the change notes the gallery shows for this version (required)
  --repo DIR     release the HEAD of another checkout instead: the gallery repository that
                 "sgtm gallery DIR" fills (template.tpl at its root, which must equal
                 template/template.tpl); then run "sgtm gallery DIR" again to copy the new
                 metadata.yaml there
  --no-commit    write the two files but leave committing to you

The gallery reads template.tpl at the root of the repository registered with it. This project
keeps it in template/, so a published release normally goes through a separate gallery
repository and --repo (see docs/deploy.md, "sgtm gallery").

Exit codes: 0 released; 1 refused; 2 bad usage or a git error. See docs/deploy.md.`;

export async function run(argv: string[], io: DeployIO = {}): Promise<number> {
  const { stdout, stderr, root, built } = resolveIO(io);
  const args = parseArgs(argv, ['no-commit'], ['notes', 'repo']);
  if (args.positionals.length !== 1) throw new UsageError(`expected one version X.Y.Z, got ${args.positionals.length} (usage: sgtm release X.Y.Z --notes "…")`);
  const versionText = args.positionals[0];
  const version = parseVersion(versionText);
  if (!version) {
    const hint = parseVersion(versionText.replace(/^v/, '')) ? ` (without the "v": ${versionText.slice(1)})` : '';
    throw new UsageError(`"${versionText}" is not a semantic version MAJOR.MINOR.PATCH such as 1.2.0${hint}`);
  }
  const notes = (lastValue(args, 'notes') ?? '').trim();
  if (notes === '') throw new UsageError('--notes is required: the change notes the gallery shows for this version, e.g. --notes "Adds the Lead event"');
  const repoDir = path.resolve(lastValue(args, 'repo') ?? root);
  const separateRepo = repoDir !== path.resolve(root);

  return reportingErrors('release', stderr, async () => {
    const refusals: string[] = [];
    for (const dir of separateRepo ? [root, repoDir] : [root]) {
      const dirty = uncommitted(dir);
      if (dirty.length > 0) {
        refusals.push(`${dir} has uncommitted changes (${dirty.slice(0, 5).map((l) => l.trim()).join(', ')}${dirty.length > 5 ? `, … ${dirty.length - 5} more` : ''}): commit or stash them first; a release names a commit`);
      }
    }
    const sha = headSha(repoDir);
    let releases: Release[];
    try {
      releases = readReleases(root);
    } catch (err) {
      if (err instanceof MetadataError) throw new DeployError(err.message, 1);
      throw err;
    }
    const same = releases.find((r) => r.version === versionText);
    if (same) refusals.push(`version ${versionText} is already released (commit ${same.sha.slice(0, 12)}): choose a new version`);
    const newest = releases.map((r) => ({ r, v: parseVersion(r.version) })).filter((x) => x.v).sort((a, b) => compareVersions(b.v!, a.v!))[0];
    if (!same && newest && compareVersions(version, newest.v!) <= 0) refusals.push(`version ${versionText} is not newer than the latest release ${newest.r.version}: choose a higher version`);
    const shaReleased = releases.find((r) => r.sha === sha);
    if (shaReleased) refusals.push(`commit ${sha.slice(0, 12)} is already released as ${shaReleased.version}: commit the change you want to release first`);

    const releasedFile = separateRepo ? 'template.tpl' : TEMPLATE_FILE;
    const released = fileAt(repoDir, sha, releasedFile);
    if (released === undefined) {
      refusals.push(`commit ${sha.slice(0, 12)} of ${repoDir} has no ${releasedFile}${separateRepo ? ': fill it with "sgtm gallery DIR" and commit there first' : ''}`);
    } else {
      const latest = releases[0];
      const latestCopy = latest ? fileAt(repoDir, latest.sha, releasedFile) : undefined;
      if (latest && latestCopy !== undefined && sameTemplate(latestCopy, released)) {
        refusals.push(`${releasedFile} is the same as in release ${latest.version} (${latest.sha.slice(0, 12)}): there is nothing new for the gallery; commit the template change first`);
      }
      refusals.push(...(await preflight(released, releasedFile, { built })));
    }
    if (refusals.length > 0) {
      stderr.write(`refusing to release ${versionText}:\n${refusals.map((r) => `  ${r}\n`).join('')}`);
      return 1;
    }

    const entry: Release = { version: versionText, sha, changeNotes: notes };
    writeFileSync(path.join(root, RELEASES_FILE), releasesJson([entry, ...releases]));
    writeFileSync(path.join(root, METADATA_FILE), galleryMetadataFor(root));
    stdout.write(`released ${versionText}: ${METADATA_FILE} lists commit ${sha} ("${notes}")\n`);
    if (args.flags.has('no-commit')) {
      stdout.write(`not committed (--no-commit): commit ${RELEASES_FILE} and ${METADATA_FILE} yourself\n`);
    } else {
      git(root, ['add', '--', RELEASES_FILE, METADATA_FILE]);
      git(root, ['commit', '--quiet', '-m', `Release ${versionText}`, '-m', notes, '--', RELEASES_FILE, METADATA_FILE]);
      stdout.write(`committed as ${headSha(root).slice(0, 12)} "Release ${versionText}"\n`);
    }
    stdout.write(`next: push the commits, then publish the gallery layout with: sgtm gallery ${separateRepo ? repoDir : 'OUT_DIR'}\n`);
    return 0;
  });
}
