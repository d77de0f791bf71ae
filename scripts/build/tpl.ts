/**
 * The .tpl file exactly as GTM exports it (spec §4.1): UTF-8 with a BOM, LF line endings, each
 * section a `___NAME___` marker, a blank line, the content, and two blank lines before the next.
 * JSON sections use 2-space indentation.
 */

export const TERMS_OF_SERVICE = [
  "By creating or modifying this file you agree to Google Tag Manager's Community",
  'Template Gallery Developer Terms of Service available at',
  'https://developers.google.com/tag-manager/gallery-tos (or such other URL as',
  'Google may provide), as modified from time to time.',
].join('\n');

export interface TplSections {
  info: unknown;
  parameters: unknown[];
  code: string;
  permissions: unknown[];
  tests: string;
  notes: string;
}

export function assembleTpl(s: TplSections): string {
  const sections: [string, string][] = [
    ['___TERMS_OF_SERVICE___', TERMS_OF_SERVICE],
    ['___INFO___', JSON.stringify(s.info, null, 2)],
    ['___TEMPLATE_PARAMETERS___', JSON.stringify(s.parameters, null, 2)],
    ['___SANDBOXED_JS_FOR_SERVER___', s.code],
    ['___SERVER_PERMISSIONS___', JSON.stringify(s.permissions, null, 2)],
    ['___TESTS___', s.tests],
    ['___NOTES___', s.notes],
  ];
  return '\uFEFF' + sections.map(([marker, content]) => `${marker}\n\n${content.replace(/\r\n/g, '\n').trim()}\n`).join('\n\n') + '\n\n';
}
