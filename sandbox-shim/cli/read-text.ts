import { readFileSync } from 'node:fs';
import { UsageError } from './args';

/**
 * Why a file could not be read, in words, the same in every verb ("no such file", not ENOENT).
 * The product's verbs (serve, health, …) use it too, so one problem always reads the same.
 */
export function describeReadError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    default: return e?.message ?? String(err);
  }
}

/** "cannot read FILE: REASON": the one wording of an unreadable file. */
export function cannotRead(file: string, err: unknown): string {
  return `cannot read ${file}: ${describeReadError(err)}`;
}

/**
 * A file's text; an unreadable one is a usage error naming the file and the reason. Its own
 * module so that `sgtm validate` can use it without loading the runtime behind `cli/run`.
 */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(cannotRead(file, err));
  }
}
