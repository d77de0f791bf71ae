/**
 * `sgtm gallery OUT_DIR`: the layout the Community Template Gallery reads from a GitHub
 * repository — template.tpl, metadata.yaml, LICENSE and README.md at its root — from this
 * project's built files. README links that are relative to this repository become absolute, since
 * the gallery repository does not have docs/ or scripts/.
 */
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import path from 'path';
import { parseArgs, UsageError } from '../../sandbox-shim/cli/args';
import { readText } from '../../sandbox-shim/cli/read-text';
import { galleryMetadataFor, galleryUrls, METADATA_FILE, MetadataError, readReleases } from '../build/metadata';
import { DeployError, reportingErrors } from './errors';
import { fileAt } from './git';
import { resolveIO, TEMPLATE_FILE, type DeployIO } from './io';
import { sameTemplate } from './template-text';

export const help = `usage: sgtm gallery OUT_DIR

Writes the Community Template Gallery layout into OUT_DIR (created if needed; other files there
are left alone): template.tpl (template/template.tpl), metadata.yaml (template/metadata.yaml),
LICENSE and README.md, with the README's relative links made absolute on the repository from
package.json. OUT_DIR is typically a clone of the GitHub repository you register with the gallery.

Refused (exit 1) when template/metadata.yaml is not current (run "npm run build"), when it lists
no release yet (run "sgtm release X.Y.Z --notes …" first: the gallery serves only listed
commits), or when LICENSE or README.md is missing. A warning (exit 0) when template.tpl changed
since the latest release: the gallery keeps serving the released copy until the next release.

Exit codes: 0 written; 1 refused; 2 bad usage or an unwritable OUT_DIR. See docs/deploy.md.`;

/** `](docs/tag.md)` → `](https://github.com/o/r/blob/main/docs/tag.md)`; absolute links and anchors stay. */
export function absoluteLinks(markdown: string, repository: string): string {
  return markdown.replace(/\]\((?![a-z][a-z0-9+.-]*:|#|\/)([^)\s]+)\)/gi, (_all, target: string) => `](${repository}/blob/main/${target.replace(/^\.\//, '')})`);
}

export async function run(argv: string[], io: DeployIO = {}): Promise<number> {
  const { stdout, stderr, root } = resolveIO(io);
  const args = parseArgs(argv, [], []);
  if (args.positionals.length !== 1) throw new UsageError(`expected one OUT_DIR, got ${args.positionals.length} (usage: sgtm gallery OUT_DIR)`);
  const outDir = path.resolve(args.positionals[0]);
  return reportingErrors('gallery', stderr, async () => {
    const refusals: string[] = [];
    let urls;
    let metadataNow: string | undefined;
    let releases: ReturnType<typeof readReleases> = [];
    try {
      urls = galleryUrls(root);
      releases = readReleases(root);
      metadataNow = galleryMetadataFor(root);
    } catch (err) {
      if (!(err instanceof MetadataError)) throw err;
      refusals.push(err.message);
    }
    const template = readText(path.join(root, TEMPLATE_FILE));
    const metadata = readText(path.join(root, METADATA_FILE));
    if (metadataNow !== undefined && metadata !== metadataNow) refusals.push(`${METADATA_FILE} is not up to date with package.json and the releases: run "npm run build" and commit it`);
    if (metadataNow !== undefined && releases.length === 0) refusals.push(`${METADATA_FILE} lists no release: run "sgtm release X.Y.Z --notes …" first (the gallery serves only the commits it lists)`);
    for (const file of ['LICENSE', 'README.md']) if (!existsSync(path.join(root, file))) refusals.push(`${file} is missing at the project root: the gallery requires one`);
    if (refusals.length > 0 || !urls) {
      stderr.write(`refusing to write the gallery layout:\n${refusals.map((r) => `  ${r}\n`).join('')}`);
      return 1;
    }

    const latest = releases[0];
    const releasedCopy = fileAt(root, latest.sha, TEMPLATE_FILE) ?? fileAt(outDir, latest.sha, 'template.tpl');
    if (releasedCopy !== undefined && !sameTemplate(releasedCopy, template)) {
      stderr.write(`warning: ${TEMPLATE_FILE} changed since release ${latest.version} (${latest.sha.slice(0, 12)}); the gallery serves the released copy until you run "sgtm release"\n`);
    }

    const files: Array<[string, string]> = [
      ['template.tpl', template],
      ['metadata.yaml', metadata],
      ['LICENSE', readText(path.join(root, 'LICENSE'))],
      ['README.md', absoluteLinks(readText(path.join(root, 'README.md')), urls.repository)],
    ];
    try {
      mkdirSync(outDir, { recursive: true });
      for (const [name, text] of files) writeFileSync(path.join(outDir, name), text);
    } catch (err) {
      throw new DeployError(`cannot write into ${outDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    stdout.write(`wrote ${files.map(([name]) => name).join(', ')} to ${outDir} (latest release ${latest.version}, ${latest.sha.slice(0, 12)})\n`);
    return 0;
  });
}
