/**
 * A .tpl as text moving between the repo and a workspace. GTM may hand back the template with
 * other line endings or trailing spaces than our build writes; those differences are not drift.
 */
import { parseTemplate, TemplateParseError } from '../../sandbox-shim';
import { DeployError } from './errors';

/** Without BOM, with LF line endings, no trailing whitespace on any line, one final newline. */
export function normaliseTpl(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, '')
      .split(/\r\n|\r|\n/)
      .map((line) => line.replace(/\s+$/, ''))
      .join('\n')
      .replace(/\n+$/, '') + '\n'
  );
}

export function sameTemplate(a: string, b: string): boolean {
  return normaliseTpl(a) === normaliseTpl(b);
}

/** What we send as `templateData`: the file's text without the BOM a downloaded .tpl starts with. */
export function templateData(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

/** The display name in ___INFO___, which is how a template is found in a workspace without an id. */
export function displayNameOf(text: string, file: string): string {
  let info: { displayName?: unknown };
  try {
    info = parseTemplate(text, file).info as { displayName?: unknown };
  } catch (err) {
    if (err instanceof TemplateParseError) throw new DeployError(`${file} is not a valid template: ${err.message}`, 1);
    throw err;
  }
  if (typeof info.displayName !== 'string' || info.displayName.trim() === '') {
    throw new DeployError(`${file} has no displayName in ___INFO___, so it cannot be found in a workspace by name: add one, or pass --template-id`, 1);
  }
  return info.displayName;
}
