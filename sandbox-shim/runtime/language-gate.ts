/**
 * GTM refuses to save a template whose code uses constructs its sandbox does not run (new, this,
 * try, …), so such code never fires in a container. runTemplate asks this gate first; the
 * check is cached per code string because a server fires the same template on every event.
 */
import { checkLanguage } from '../template/language-rules';
import type { Problem } from '../types';

const cache = new Map<string, Problem[]>();
const CACHE_LIMIT = 200;

/** Error-severity language problems of template code (warnings do not stop a run). */
export function languageErrors(code: string): Problem[] {
  let problems = cache.get(code);
  if (!problems) {
    // A syntax error is left to V8, whose message carries the template line like any other error.
    problems = checkLanguage(code).filter((p) => p.severity === 'error' && p.construct !== 'syntax error');
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(code, problems);
  }
  return problems;
}

/** `4:2 this: …; 7:16 new: …` — line 1-based, column 0-based as `sgtm validate` prints them. */
export function describeLanguageErrors(problems: Problem[]): string {
  const list = problems.map((p) => `${p.line ?? 1}:${p.column ?? 0} ${p.construct ?? 'code'}: ${p.message}`).join('; ');
  return `the template code uses constructs GTM's sandbox does not run (GTM would not save it): ${list}`;
}
