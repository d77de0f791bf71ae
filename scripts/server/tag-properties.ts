/**
 * The tag's configuration as GTM's preview shows a tag's properties: every field of the template
 * (in template order, groups flattened) with its display name and the value it fires with: the
 * configured one, else the field's default. Secret values are never shown.
 */
import type { ParsedTemplate, TemplateParameter } from '../../sandbox-shim/types';

export interface TagProperty {
  name: string;
  displayName: string;
  /** Undefined when the field is neither configured nor has a default. */
  value?: unknown;
  source: 'configured' | 'default' | 'unset';
}

export const REDACTED = '[REDACTED]';

function flatten(parameters: TemplateParameter[], out: TemplateParameter[] = []): TemplateParameter[] {
  for (const p of parameters) {
    if (p.type === 'GROUP' && Array.isArray(p.subParams)) flatten(p.subParams as TemplateParameter[], out);
    else if (typeof p.name === 'string') out.push(p);
  }
  return out;
}

export function tagProperties(template: ParsedTemplate, fields: Record<string, unknown>, secretNames: Set<string>, secretValues: string[]): TagProperty[] {
  const hide = (name: string, value: unknown): unknown => {
    if (value === undefined || value === '') return value;
    if (secretNames.has(name)) return REDACTED;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return secretValues.some((s) => text.includes(s)) ? REDACTED : value;
  };
  const seen = new Set<string>();
  const out: TagProperty[] = [];
  for (const p of flatten(template.parameters)) {
    const name = p.name as string;
    seen.add(name);
    const displayName = typeof p.displayName === 'string' && p.displayName !== '' ? p.displayName : name;
    if (Object.prototype.hasOwnProperty.call(fields, name)) out.push({ name, displayName, value: hide(name, fields[name]), source: 'configured' });
    else if (p.defaultValue !== undefined) out.push({ name, displayName, value: hide(name, p.defaultValue), source: 'default' });
    else out.push({ name, displayName, source: 'unset' });
  }
  // Configured fields the template does not declare still reach the tag as data: show them too.
  for (const [name, value] of Object.entries(fields)) {
    if (!seen.has(name)) out.push({ name, displayName: name, value: hide(name, value), source: 'configured' });
  }
  return out;
}
