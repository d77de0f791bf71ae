/**
 * Writes a conformance source (info, fields, code, permissions, tests) as a .tpl byte-for-byte
 * the way GTM's template editor exports it: BOM, terms of service, 2-space JSON, permissions in
 * the typed encoding, tests as double-quoted folded YAML (or stape's hand-edited `|-` style),
 * two blank lines between sections.
 */
import yaml from 'js-yaml';
import { encodePermissions } from '../../../scripts/build/permissions';
import type { PermissionDeclaration } from '../../../src/template/permissions';
import type { ConformanceSource } from './source';

const TERMS = [
  "By creating or modifying this file you agree to Google Tag Manager's Community",
  'Template Gallery Developer Terms of Service available at',
  'https://developers.google.com/tag-manager/gallery-tos (or such other URL as',
  'Google may provide), as modified from time to time.',
].join('\n');

function permissionsJson(perms: Record<string, Record<string, unknown>>): string {
  // encodeValue throws on values GTM has no typed form for (numbers, null), so a source cannot
  // write a permission the editor would reject.
  const declared = Object.entries(perms).map(([publicId, params]) => ({ publicId, params: params as PermissionDeclaration['params'] }));
  return JSON.stringify(encodePermissions(declared), null, 2);
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/**
 * A double-quoted scalar folded the way GTM's exporter (SnakeYAML, width 80) does it: a line
 * is broken at a space or right after an escape once it passes column 80; the break is a
 * trailing `\`, and a continuation that starts with a space escapes it as `\ `.
 */
export function gtmQuoted(value: string, indent: number, firstColumn: number): string {
  const pad = ' '.repeat(indent);
  let out = '"';
  let column = firstColumn + 1;
  const write = (text: string) => {
    out += text;
    column += text.length;
  };
  let start = 0;
  for (let end = 0; end <= value.length; end++) {
    const ch = end < value.length ? value[end] : undefined;
    if (ch === undefined || ESCAPES[ch] !== undefined) {
      if (start < end) {
        write(value.slice(start, end));
        start = end;
      }
      if (ch !== undefined) {
        write(ESCAPES[ch]);
        start = end + 1;
      }
    }
    if (end > 0 && end < value.length - 1 && (ch === ' ' || start >= end) && column + (end - start) > 80) {
      write(value.slice(start, end) + '\\');
      if (start < end) start = end;
      out += '\n' + pad;
      column = indent;
      if (value[start] === ' ') write('\\');
    }
  }
  return out + '"';
}

function blockScalar(value: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return '|-\n' + value.split('\n').map((l) => (l === '' ? '' : pad + l)).join('\n');
}

export function testsYaml(src: ConformanceSource): string {
  const block = src.testStyle === 'block';
  const out: string[] = [];
  if (src.scenarios.length === 0) out.push('scenarios: []');
  else out.push('scenarios:');
  for (const s of src.scenarios) {
    out.push(`- name: ${yamlPlainOrQuoted(s.name)}`);
    out.push(`  code: ${block ? blockScalar(s.code, 4) : gtmQuoted(s.code, 4, 8)}`);
  }
  const setup = src.setup ?? '';
  out.push(`setup: ${setup === '' ? "''" : block ? blockScalar(setup, 2) : gtmQuoted(setup, 2, 7)}`);
  const text = out.join('\n');
  const back = yaml.load(text) as { scenarios: { name: string; code: string }[]; setup: string };
  const same =
    back.setup === setup &&
    back.scenarios.length === src.scenarios.length &&
    back.scenarios.every((s, i) => s.name === src.scenarios[i].name && s.code === src.scenarios[i].code);
  if (!same) throw new Error(`${src.file}: the ___TESTS___ YAML does not read back to the same scenarios`);
  return text;
}

function yamlPlainOrQuoted(name: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 ,()/'.+=-]*$/.test(name) && !/: /.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function renderTpl(src: ConformanceSource): string {
  const sections: [string, string][] = [];
  if (src.bom !== false) sections.push(['___TERMS_OF_SERVICE___', TERMS]);
  const info = {
    type: src.type,
    id: 'cvt_temp_public_id',
    version: 1,
    securityGroups: [],
    displayName: src.displayName,
    ...(src.categories ? { categories: src.categories } : {}),
    brand: src.brand ?? { id: 'brand_dummy', displayName: '' },
    description: src.description,
    containerContexts: ['SERVER'],
  };
  sections.push(['___INFO___', JSON.stringify(info, null, 2)]);
  sections.push(['___TEMPLATE_PARAMETERS___', JSON.stringify(src.parameters, null, 2)]);
  sections.push(['___SANDBOXED_JS_FOR_SERVER___', src.code.replace(/^\n+|\s+$/g, '')]);
  sections.push(['___SERVER_PERMISSIONS___', permissionsJson(src.permissions)]);
  sections.push(['___TESTS___', testsYaml(src)]);
  sections.push(['___NOTES___', src.notes ?? 'Created on 11/25/2026, 12:00:00']);
  const repeated = sections.flatMap((section) => (src.repeatSections?.includes(section[0]) ? [section, section] : [section]));
  const body = repeated.map(([name, text]) => `${name}\n\n${text}\n`).join('\n\n');
  return (src.bom === false ? '' : '\uFEFF') + body + '\n\n';
}
