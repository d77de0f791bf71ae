/**
 * What differs between two copies of a template, section by section, in the terms a template
 * author thinks in: fields added/removed/changed by name, permissions by their id, the code as a
 * unified diff, and the other sections as changed or not. A copy that does not parse is compared
 * as plain text, so a broken workspace copy still shows what is in it.
 */
import { parseTemplate, type ParsedTemplate } from '../../sandbox-shim';
import { countChanges, diffLines, unifiedDiff } from './text-diff';
import { normaliseTpl } from './template-text';

export interface SectionDiff {
  section: string;
  status: 'unchanged' | 'changed' | 'added' | 'removed';
  /** One line each, e.g. "added: eventSource", "changed: accessToken (help, valueValidators)". */
  details: string[];
  /** The unified diff, for the code section. */
  unified?: string;
}

export interface TemplateDiff {
  equal: boolean;
  sections: SectionDiff[];
  /** Set when a copy could not be parsed: the whole files compared as text. */
  textOnly?: string;
}

type Keyed = Map<string, unknown>;

const CODE_SECTIONS = ['___SANDBOXED_JS_FOR_SERVER___', '___SANDBOXED_JS_FOR_WEB_TEMPLATE___'];
const ORDER = ['___TERMS_OF_SERVICE___', '___INFO___', '___TEMPLATE_PARAMETERS___', ...CODE_SECTIONS, '___SERVER_PERMISSIONS___', '___WEB_PERMISSIONS___', '___TESTS___', '___NOTES___'];

function tryParse(text: string, name: string): ParsedTemplate | undefined {
  try {
    return parseTemplate(text, name);
  } catch {
    return undefined;
  }
}

/** Every field by name, groups' children included; a group is compared without its children. */
function fieldsByName(parameters: unknown[]): Keyed {
  const out: Keyed = new Map();
  const visit = (list: unknown[], prefix: string) => {
    list.forEach((p, index) => {
      const field = (p ?? {}) as Record<string, unknown>;
      const key = typeof field.name === 'string' && field.name !== '' ? field.name : `${prefix}${String(field.type ?? 'field')} #${index + 1}`;
      const { subParams, ...own } = field;
      out.set(key, own);
      if (Array.isArray(subParams)) visit(subParams, `${key} › `);
    });
  };
  visit(parameters, '');
  return out;
}

function permissionsById(sectionText: string | undefined): Keyed {
  const out: Keyed = new Map();
  if (!sectionText) return out;
  let list: unknown;
  try {
    list = JSON.parse(sectionText);
  } catch {
    return out;
  }
  if (!Array.isArray(list)) return out;
  list.forEach((entry, index) => {
    const id = (entry as { instance?: { key?: { publicId?: unknown } } })?.instance?.key?.publicId;
    out.set(typeof id === 'string' ? id : `permission #${index + 1}`, entry);
  });
  return out;
}

const json = (value: unknown) => JSON.stringify(value);

function changedKeys(a: unknown, b: unknown): string[] {
  const ra = (a ?? {}) as Record<string, unknown>;
  const rb = (b ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => json(ra[k]) !== json(rb[k]));
}

function compareKeyed(before: Keyed, after: Keyed, describeChange: (key: string, a: unknown, b: unknown) => string): string[] {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && json(before.get(k)) !== json(after.get(k)));
  const details: string[] = [];
  if (added.length) details.push(`added: ${added.join(', ')}`);
  if (removed.length) details.push(`removed: ${removed.join(', ')}`);
  if (changed.length) details.push(`changed: ${changed.map((k) => describeChange(k, before.get(k), after.get(k))).join('; ')}`);
  return details;
}

function permissionChange(id: string, a: unknown, b: unknown): string {
  const params = (entry: unknown) => {
    const list = (entry as { instance?: { param?: Array<{ key?: string; value?: unknown }> } })?.instance?.param ?? [];
    return new Map(list.map((p) => [String(p.key), p.value]));
  };
  const pa = params(a);
  const pb = params(b);
  const keys = [...new Set([...pa.keys(), ...pb.keys()])].filter((k) => json(pa.get(k)) !== json(pb.get(k)));
  return keys.length ? `${id} (${keys.join(', ')})` : id;
}

function lineCounts(before: string, after: string): string {
  const { added, removed } = countChanges(diffLines(before, after));
  return `+${added} -${removed} lines`;
}

/**
 * @param labels how the two copies are named in the output, e.g. {old: 'workspace', new: 'template/template.tpl'}
 */
export function diffTemplates(oldText: string, newText: string, labels: { old: string; new: string }): TemplateDiff {
  const equal = normaliseTpl(oldText) === normaliseTpl(newText);
  const a = tryParse(oldText, labels.old);
  const b = tryParse(newText, labels.new);
  if (!a || !b) {
    return { equal, sections: [], textOnly: equal ? undefined : unifiedDiff(normaliseTpl(oldText), normaliseTpl(newText), labels) };
  }
  const names = [...new Set([...Object.keys(a.sections), ...Object.keys(b.sections)])].sort(
    (x, y) => (ORDER.indexOf(x) + 1 || ORDER.length + 1) - (ORDER.indexOf(y) + 1 || ORDER.length + 1),
  );
  const sections = names.map((section): SectionDiff => {
    const before = a.sections[section];
    const after = b.sections[section];
    if (before === undefined) return { section, status: 'added', details: [] };
    if (after === undefined) return { section, status: 'removed', details: [] };
    const beforeText = normaliseTpl(before);
    const afterText = normaliseTpl(after);
    if (beforeText === afterText) return { section, status: 'unchanged', details: [] };
    if (section === '___TEMPLATE_PARAMETERS___') {
      return { section, status: 'changed', details: compareKeyed(fieldsByName(a.parameters), fieldsByName(b.parameters), (k, x, y) => `${k} (${changedKeys(x, y).join(', ')})`) };
    }
    if (section.endsWith('_PERMISSIONS___')) {
      return { section, status: 'changed', details: compareKeyed(permissionsById(before), permissionsById(after), permissionChange) };
    }
    if (section === '___INFO___') {
      return { section, status: 'changed', details: [`changed: ${changedKeys(a.info, b.info).join(', ') || 'formatting'}`] };
    }
    if (CODE_SECTIONS.includes(section)) {
      return { section, status: 'changed', details: [lineCounts(beforeText, afterText)], unified: unifiedDiff(beforeText.trimEnd(), afterText.trimEnd(), { old: `${labels.old} (code)`, new: `${labels.new} (code)` }) };
    }
    return { section, status: 'changed', details: [lineCounts(beforeText, afterText)] };
  });
  return { equal, sections };
}

/**
 * Control characters as visible escapes: a workspace copy is someone else's text, and a terminal
 * escape sequence in it must not retitle, recolour or rewrite the terminal showing the diff.
 */
export function visibleControls(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The diff as the verbs print it: each changed section with its details, then the unchanged ones on one line. */
export function formatDiff(diff: TemplateDiff): string {
  return visibleControls(formatSections(diff));
}

function formatSections(diff: TemplateDiff): string {
  if (diff.textOnly !== undefined) return `one copy is not a parseable template; the whole files differ:\n${diff.textOnly}`;
  const lines: string[] = [];
  for (const s of diff.sections.filter((section) => section.status !== 'unchanged')) {
    lines.push(`  ${s.section}: ${s.status}${s.details.length ? ' — ' + s.details.join('; ') : ''}`);
    if (s.unified) lines.push(...s.unified.trimEnd().split('\n').map((l) => `    ${l}`));
  }
  const unchanged = diff.sections.filter((section) => section.status === 'unchanged').map((section) => section.section);
  if (unchanged.length) lines.push(`  unchanged: ${unchanged.join(', ')}`);
  return lines.join('\n') + '\n';
}
