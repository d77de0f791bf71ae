import { readFileSync } from 'node:fs';
import { UsageError } from './args';

/**
 * A file's text; an unreadable one is a usage error naming the file and the reason. Its own
 * module so that `sgtm validate` can use it without loading the runtime behind `cli/run`.
 */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
