import { diffTemplates, formatDiff } from '../../scripts/deploy/template-diff';
import { countChanges, diffLines, unifiedDiff } from '../../scripts/deploy/text-diff';
import { normaliseTpl } from '../../scripts/deploy/template-text';
import { DEMO_DATA } from './support';

describe('unifiedDiff', () => {
  it('prints diff -u hunks with 3 lines of context, removals before additions', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].join('\n');
    const b = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10', '11', '12', '13'].join('\n');
    expect(unifiedDiff(a, b, { old: 'a', new: 'b' })).toBe(
      ['--- a', '+++ b', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', '@@ -10,3 +10,4 @@', ' 10', ' 11', ' 12', '+13', ''].join('\n'),
    );
  });

  it('merges changes closer than twice the context into one hunk, and is empty for equal texts', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng';
    const b = 'A\nb\nc\nd\ne\nf\nG';
    expect(unifiedDiff(a, b, { old: 'x', new: 'y' })).toBe(['--- x', '+++ y', '@@ -1,7 +1,7 @@', '-a', '+A', ' b', ' c', ' d', ' e', ' f', '-g', '+G', ''].join('\n'));
    expect(unifiedDiff(a, a, { old: 'x', new: 'y' })).toBe('');
  });

  it('shows a change too large for an LCS table as replaced whole, at once', () => {
    const a = Array.from({ length: 2500 }, (_, i) => `old ${i}`).join('\n');
    const b = Array.from({ length: 2500 }, (_, i) => `new ${i}`).join('\n');
    const ops = diffLines(`same\n${a}\nsame`, `same\n${b}\nsame`);
    expect(countChanges(ops)).toEqual({ added: 2500, removed: 2500 });
    expect([ops[0], ops[ops.length - 1]]).toEqual([
      { kind: ' ', line: 'same', oldNo: 0, newNo: 0 },
      { kind: ' ', line: 'same', oldNo: 2501, newNo: 2501 },
    ]);
  });

  it('handles an empty side (a new section)', () => {
    expect(unifiedDiff('', 'x\ny', { old: 'a', new: 'b' })).toBe('--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n');
  });
});

describe('diffTemplates', () => {
  it('names fields added, removed and changed (with the keys that changed), nested fields included', () => {
    const withGroup = DEMO_DATA.replace(
      /\[\n {2}\{\n {4}"type": "TEXT",\n {4}"name": "tagName",[\s\S]*?\n {2}\}\n\]/,
      JSON.stringify(
        [
          { type: 'TEXT', name: 'tagName', displayName: 'Name in logs', simpleValueType: true, defaultValue: 'Debug', help: 'shown in logs' },
          { type: 'GROUP', name: 'advanced', displayName: 'Advanced', subParams: [{ type: 'CHECKBOX', name: 'verbose', checkboxText: 'Verbose', simpleValueType: true }] },
        ],
        null,
        2,
      ),
    );
    const diff = diffTemplates(DEMO_DATA, withGroup, { old: 'workspace', new: 'local' });
    expect(diff.equal).toBe(false);
    expect(diff.sections.find((s) => s.section === '___TEMPLATE_PARAMETERS___')).toEqual({
      section: '___TEMPLATE_PARAMETERS___',
      status: 'changed',
      details: ['added: advanced, verbose', 'changed: tagName (defaultValue, help)'],
    });
    const back = diffTemplates(withGroup, DEMO_DATA, { old: 'a', new: 'b' });
    expect(back.sections.find((s) => s.section === '___TEMPLATE_PARAMETERS___')!.details).toEqual(['removed: advanced, verbose', 'changed: tagName (defaultValue, help)']);
  });

  it('names permissions added, removed and changed by publicId, with the changed keys', () => {
    const local = DEMO_DATA.replace('"string": "debug"', '"string": "all"').replace('"publicId": "read_container_data"', '"publicId": "access_template_storage"');
    const diff = diffTemplates(DEMO_DATA, local, { old: 'a', new: 'b' });
    expect(diff.sections.find((s) => s.section === '___SERVER_PERMISSIONS___')!.details).toEqual([
      'added: access_template_storage',
      'removed: read_container_data',
      'changed: logging (environments)',
    ]);
  });

  it('lists changed ___INFO___ keys and counts lines for tests and notes; a section only one side has is added/removed', () => {
    const local = DEMO_DATA.replace('"version": 1,', '"version": 2,').replace('Created on 11/25/2026, 09:00:00', 'Created on 11/25/2026, 09:00:00\nSecond line');
    const withoutTests = local.replace(/___TESTS___[\s\S]*?(?=___NOTES___)/, '');
    const diff = diffTemplates(DEMO_DATA, withoutTests, { old: 'a', new: 'b' });
    expect(formatDiff(diff)).toBe(
      [
        '  ___INFO___: changed — changed: version',
        '  ___TESTS___: removed',
        '  ___NOTES___: changed — +1 -0 lines',
        '  unchanged: ___TERMS_OF_SERVICE___, ___TEMPLATE_PARAMETERS___, ___SANDBOXED_JS_FOR_SERVER___, ___SERVER_PERMISSIONS___',
        '',
      ].join('\n'),
    );
  });

  it('treats line endings, a BOM and trailing whitespace as equal', () => {
    expect(normaliseTpl('\uFEFFa  \r\nb\t\r\n\r\n\n')).toBe('a\nb\n');
    expect(diffTemplates('\uFEFF' + DEMO_DATA.replace(/\n/g, ' \r\n'), DEMO_DATA, { old: 'a', new: 'b' }).equal).toBe(true);
  });
});
