/** The few git questions a release asks, through the git CLI the user already has. */
import { spawnSync } from 'child_process';
import { DeployError } from './errors';

export function git(root: string, args: string[]): string {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (result.error) throw new DeployError(`cannot run git (${(result.error as NodeJS.ErrnoException).code ?? result.error.message}): install git, or run this in a git checkout`);
  if (result.status !== 0) throw new DeployError(`git ${args.join(' ')} failed in ${root}: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout;
}

export function headSha(root: string): string {
  try {
    return git(root, ['rev-parse', '--verify', 'HEAD']).trim();
  } catch (err) {
    throw new DeployError(`${root} has no commit to release (is it a git repository with at least one commit?): ${(err as Error).message}`);
  }
}

/** `git status --porcelain` lines: changed, staged and untracked files. */
export function uncommitted(root: string): string[] {
  return git(root, ['status', '--porcelain', '--untracked-files=normal']).split('\n').filter((l) => l.trim() !== '');
}

/** A file's content at a commit, or undefined when it did not exist there. */
export function fileAt(root: string, sha: string, file: string): string | undefined {
  const result = spawnSync('git', ['show', `${sha}:${file.split('\\').join('/')}`], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return result.status === 0 ? result.stdout : undefined;
}
