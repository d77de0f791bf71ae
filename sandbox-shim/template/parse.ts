/**
 * Parses a GTM custom template export (.tpl) into a ParsedTemplate.
 *
 * The format (spec §4): `___NAME___` marker lines split the file into sections, in any order;
 * INFO, TEMPLATE_PARAMETERS and the permissions are JSON, TESTS is YAML, the code and NOTES are
 * text. Errors name the section and, for JSON/YAML, the line and column in the .tpl file.
 */
import yaml from 'js-yaml';
import { TemplateParseError, type ParsedTemplate, type Problem, type TemplateInfo, type TemplateParameter, type TemplateTests } from '../types';
import { decodePermissions } from './decode-permissions';
import { locateJsonError } from './json-error';
import { isObject } from './is-object';

export const SERVER_CODE = '___SANDBOXED_JS_FOR_SERVER___';
export const WEB_CODE = '___SANDBOXED_JS_FOR_WEB_TEMPLATE___';
const MARKER = /^___[A-Z_]+___$/;

interface RawSection {
  name: string;
  text: string;
  /** 1-based file line of the first line of `text`. */
  startLine: number;
  /** 1-based file line of the `___NAME___` marker. */
  markerLine: number;
}

/**
 * Splits the file into sections, trimming blank lines around each section's content. A section
 * that appears more than once is listed each time, in file order (see `latestSections`).
 */
export function splitSections(text: string): RawSection[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const sections: RawSection[] = [];
  let current: { name: string; markerLine: number; lines: string[] } | undefined;
  const close = () => {
    if (!current) return;
    const body = current.lines;
    let first = 0;
    let last = body.length;
    while (first < last && body[first].trim() === '') first++;
    while (last > first && body[last - 1].trim() === '') last--;
    sections.push({ name: current.name, text: body.slice(first, last).join('\n'), startLine: current.markerLine + 1 + first, markerLine: current.markerLine });
  };
  lines.forEach((line, index) => {
    const trimmed = line.trimEnd();
    if (MARKER.test(trimmed)) {
      close();
      current = { name: trimmed, markerLine: index + 1, lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim() !== '') {
      throw new TemplateParseError('(file)', `line ${index + 1} has text before the first ___SECTION___ marker; a .tpl starts with a marker such as ___INFO___`);
    }
  });
  close();
  return sections;
}

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function parseJson(section: RawSection): unknown {
  try {
    return JSON.parse(section.text);
  } catch (err) {
    const located = locateJsonError(section.text);
    if (!located) throw new TemplateParseError(section.name, `invalid JSON: ${(err as Error).message}`);
    const { line, column } = lineColumnAt(section.text, located.offset);
    throw new TemplateParseError(section.name, `invalid JSON at line ${section.startLine + line - 1} column ${column} of the file: ${located.reason}`);
  }
}

function parseTests(section: RawSection | undefined): TemplateTests {
  if (!section || section.text.trim() === '') return { scenarios: [], setup: '' };
  let doc: unknown;
  try {
    doc = yaml.load(section.text);
  } catch (err) {
    const e = err as { reason?: string; mark?: { line: number; column: number }; message: string };
    if (e.mark) {
      // js-yaml reports end-of-input one line past the text; point at the section's last line instead.
      const lines = section.text.split('\n');
      const atEnd = e.mark.line >= lines.length;
      const line = atEnd ? lines.length - 1 : e.mark.line;
      const column = atEnd ? lines[line].length : e.mark.column;
      throw new TemplateParseError(section.name, `invalid YAML at line ${section.startLine + line} column ${column + 1} of the file: ${e.reason}`);
    }
    throw new TemplateParseError(section.name, `invalid YAML: ${e.message}`);
  }
  if (doc === null || doc === undefined) return { scenarios: [], setup: '' };
  if (!isObject(doc)) throw new TemplateParseError(section.name, 'expected a YAML mapping with "scenarios" and "setup"');
  const rawScenarios = doc.scenarios ?? [];
  if (!Array.isArray(rawScenarios)) throw new TemplateParseError(section.name, '"scenarios" must be a list of {name, code}');
  const scenarios = rawScenarios.map((s, i) => {
    if (!isObject(s)) throw new TemplateParseError(section.name, `scenario #${i + 1} must be a mapping with "name" and "code"`);
    // A hand-edited suite may leave a name unquoted (`- name: 2024`): YAML reads a number, GTM shows the text.
    const rawName = s.name ?? '';
    const name = typeof rawName === 'number' || typeof rawName === 'boolean' ? String(rawName) : rawName;
    const code = s.code ?? '';
    if (typeof name !== 'string') throw new TemplateParseError(section.name, `scenario #${i + 1}: "name" must be a string`);
    if (typeof code !== 'string') throw new TemplateParseError(section.name, `scenario "${name}": "code" must be a string`);
    return { name, code };
  });
  const setup = doc.setup ?? '';
  if (typeof setup !== 'string') throw new TemplateParseError(section.name, '"setup" must be a string of code');
  return { scenarios, setup };
}

/**
 * One copy per section name: the last one in the file. GTM imports a file with a repeated
 * section (a published template has ___TERMS_OF_SERVICE___ twice); a later section overwrites
 * an earlier one, as in a parser that fills a map while reading (docs/shim.md, "Test runner
 * choices"). Each repeat is reported as a warning.
 */
function latestSections(list: RawSection[]): { sections: RawSection[]; warnings: Problem[] } {
  const byName = new Map<string, RawSection[]>();
  for (const s of list) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  const warnings: Problem[] = [];
  for (const [name, copies] of byName) {
    if (copies.length < 2) continue;
    const lines = copies.map((c) => c.markerLine);
    const same = copies.every((c) => c.text === copies[0].text);
    warnings.push({
      severity: 'warning',
      where: name,
      message:
        `the section appears ${copies.length} times (markers at lines ${lines.join(', ')}; the copies are ${same ? 'identical' : 'different'}); ` +
        `GTM imports such a file and the later copy wins, so the one at line ${lines[lines.length - 1]} is used; delete the others`,
    });
  }
  return { sections: list.filter((s) => byName.get(s.name)!.at(-1) === s), warnings };
}

export function parseTemplate(text: string, name: string): ParsedTemplate {
  const { sections: list, warnings } = latestSections(splitSections(text));
  const byName = new Map(list.map((s) => [s.name, s]));

  const infoSection = byName.get('___INFO___');
  if (!infoSection) throw new TemplateParseError('___INFO___', 'section is missing; every template starts with ___INFO___ (type, displayName, containerContexts)');
  const info = parseJson(infoSection);
  if (!isObject(info)) throw new TemplateParseError('___INFO___', 'must be a JSON object');

  const paramsSection = byName.get('___TEMPLATE_PARAMETERS___');
  const parameters = paramsSection && paramsSection.text !== '' ? parseJson(paramsSection) : [];
  if (!Array.isArray(parameters)) throw new TemplateParseError('___TEMPLATE_PARAMETERS___', 'must be a JSON array of fields');

  const codeSectionRaw = byName.get(SERVER_CODE) ?? byName.get(WEB_CODE);
  if (!codeSectionRaw) throw new TemplateParseError(SERVER_CODE, `section is missing; a server template keeps its code under ${SERVER_CODE}`);

  const permissionsSection = byName.get('___SERVER_PERMISSIONS___') ?? byName.get('___WEB_PERMISSIONS___');
  const rawPermissions = permissionsSection && permissionsSection.text !== '' ? parseJson(permissionsSection) : [];
  if (!Array.isArray(rawPermissions)) throw new TemplateParseError(permissionsSection!.name, 'must be a JSON array of permission entries');

  const sections: Record<string, string> = {};
  for (const s of list) sections[s.name] = s.text;

  const parsed: ParsedTemplate = {
    name,
    info: info as TemplateInfo,
    parameters: parameters as TemplateParameter[],
    code: codeSectionRaw.text,
    codeSection: codeSectionRaw.name as ParsedTemplate['codeSection'],
    permissions: decodePermissions(rawPermissions),
    tests: parseTests(byName.get('___TESTS___')),
    sections,
    codeStartLine: codeSectionRaw.startLine,
  };
  if (warnings.length > 0) parsed.warnings = warnings;
  const notes = byName.get('___NOTES___');
  if (notes) parsed.notes = notes.text;
  const tos = byName.get('___TERMS_OF_SERVICE___');
  if (tos) parsed.termsOfService = tos.text;
  return parsed;
}
