/**
 * template/metadata.yaml for the Community Template Gallery: the homepage and documentation
 * URLs, from package.json's `repository` (the gallery lists templates by their GitHub repository), and every release (commit sha and change
 * notes, newest first) from src/template/releases.json, which `sgtm release` appends to.
 */
import { existsSync, readFileSync } from 'fs';
import path from 'path';

export interface Release {
  /** Semantic version, X.Y.Z. Not part of the gallery's format; it keeps releases ordered and unique. */
  version: string;
  /** The commit whose template/template.tpl the gallery serves. */
  sha: string;
  changeNotes: string;
}

export const RELEASES_FILE = path.join('src', 'template', 'releases.json');
export const METADATA_FILE = path.join('template', 'metadata.yaml');

export class MetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetadataError';
  }
}

export function readReleases(root: string): Release[] {
  const file = path.join(root, RELEASES_FILE);
  if (!existsSync(file)) return [];
  let list: unknown;
  try {
    list = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new MetadataError(`${RELEASES_FILE} is not valid JSON (${(err as Error).message}): fix it or restore it from git`);
  }
  const valid = (r: unknown): r is Release => {
    const o = r as Record<string, unknown>;
    return !!o && typeof o.version === 'string' && typeof o.sha === 'string' && /^[0-9a-f]{40}$/.test(o.sha) && typeof o.changeNotes === 'string';
  };
  if (!Array.isArray(list) || !list.every(valid)) {
    throw new MetadataError(`${RELEASES_FILE} must be a JSON list of {"version", "sha" (40 hex digits), "changeNotes"}, newest first`);
  }
  return list;
}

export function releasesJson(releases: Release[]): string {
  return JSON.stringify(releases, null, 2) + '\n';
}

/** `git+https://github.com/o/r.git`, `git@github.com:o/r.git`, `github:o/r` or `o/r` → https://github.com/o/r */
export function repositoryWebUrl(repository: unknown): string | undefined {
  const raw = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  let url = raw.trim();
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(url);
  if (shorthand) url = `https://github.com/${shorthand[1]}/${shorthand[2]}`;
  url = url.replace(/^git\+/, '').replace(/^git@([^:]+):/, 'https://$1/').replace(/^(?:git|ssh):\/\/(?:git@)?/, 'https://');
  url = url.replace(/\.git$/, '').replace(/\/+$/, '');
  return /^https:\/\/[^/]+\/[^/]+\/[^/]+$/.test(url) ? url : undefined;
}

export interface GalleryUrls {
  homepage: string;
  documentation: string;
  repository: string;
}

export function galleryUrls(root: string): GalleryUrls {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { repository?: unknown };
  const repository = repositoryWebUrl(pkg.repository);
  if (!repository) {
    throw new MetadataError('package.json needs a "repository" with the public Git URL of this project (e.g. {"type": "git", "url": "git+https://github.com/OWNER/REPO.git"}): the gallery\'s homepage and documentation links come from it');
  }
  return { homepage: repository, documentation: `${repository}/blob/main/docs/tag.md`, repository };
}

/** The YAML, written by hand so the bytes are stable (JSON strings are valid YAML double-quoted scalars). */
export function galleryMetadataYaml(urls: { homepage: string; documentation: string }, releases: Release[]): string {
  const lines = [`homepage: ${JSON.stringify(urls.homepage)}`, `documentation: ${JSON.stringify(urls.documentation)}`, releases.length ? 'versions:' : 'versions: []'];
  for (const r of releases) lines.push(`  - sha: ${r.sha}`, `    changeNotes: ${JSON.stringify(r.changeNotes)}`);
  return lines.join('\n') + '\n';
}

export function galleryMetadataFor(root: string): string {
  return galleryMetadataYaml(galleryUrls(root), readReleases(root));
}
