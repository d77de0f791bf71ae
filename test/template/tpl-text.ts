/** Builds .tpl text for tests: sections in the given order, laid out the way GTM exports them. */
export const INFO = {
  type: 'TAG',
  id: 'cvt_temp_public_id',
  version: 1,
  securityGroups: [],
  displayName: 'Test tag',
  containerContexts: ['SERVER'],
};

export function perm(publicId: string, param: unknown[] = []): unknown {
  return { instance: { key: { publicId, versionId: '1' }, param }, isRequired: true };
}

export function tplText(sections: [string, string][], options: { bom?: boolean; eol?: string } = {}): string {
  const text = sections.map(([name, body]) => `${name}\n\n${body}\n\n\n`).join('');
  return (options.bom ? '\uFEFF' : '') + (options.eol ? text.replace(/\n/g, options.eol) : text);
}

/** A valid server tag with overridable pieces. */
export function serverTag(over: { info?: object; params?: unknown[]; code?: string; permissions?: unknown[]; tests?: string } = {}): string {
  const sections: [string, string][] = [
    ['___INFO___', JSON.stringify(over.info ?? INFO, null, 2)],
    ['___TEMPLATE_PARAMETERS___', JSON.stringify(over.params ?? [], null, 2)],
    ['___SANDBOXED_JS_FOR_SERVER___', over.code ?? 'data.gtmOnSuccess();'],
    ['___SERVER_PERMISSIONS___', JSON.stringify(over.permissions ?? [], null, 2)],
  ];
  if (over.tests !== undefined) sections.push(['___TESTS___', over.tests]);
  return tplText(sections);
}
