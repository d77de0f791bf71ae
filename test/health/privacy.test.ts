/**
 * Raw personal values never reach any report field (issue 8 item 4, issue 11 item 8): the tag
 * should never log them, but a log line is input we do not control. Canary emails and phone
 * numbers, raw and encoded, are put in every string field the report reads; none of them may
 * appear in the text (full, brief, narrow), JSON or HTML report, with or without --by-tag.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { Writable } from 'stream';
import { redactPersonal, reportText } from '../../scripts/health/redact';
import { run } from '../../scripts/health/command';
import { MIN, T, line, result } from './fixtures';

/** Each canary and the fragments of it that must never appear. */
const CANARIES: [string, string[]][] = [
  ['canary.jane@example.com', ['canary.jane', 'jane@']],
  ['Canary.Jane%2Brel%40Example.com', ['Canary.Jane', 'Jane%2B']],
  ['canary.john%2540example.org', ['canary.john']],
  ['canary.ann&#64;example.net', ['canary.ann']],
  ['+33612345678', ['612345678']],
  ['%2B33698765432', ['698765432']],
  ['+1 (415) 555-0132', ['555-0132', '415) 555']],
  ['0611223344', ['611223344']],
  ['06 55 44 33 22', ['55 44 33 22']],
];
const FRAGMENTS = CANARIES.flatMap(([, f]) => f);

/** One line per canary, the canary in every string field the report reads. */
function canaryLines(): string[] {
  return CANARIES.flatMap(([canary], i) => {
    const at = T + i * MIN;
    const everywhere = {
      ga4_event: canary,
      tiktok_event: `Custom ${canary}`,
      tag: `Tag for ${canary}`,
      pixel_code: canary,
      warnings: [{ code: canary, field: canary, message: `value ${canary} is not valid` }],
    };
    return [
      line(result('failure', { time_ms: at, ...everywhere, error_kind: canary, tiktok_code: 40002, tiktok_message: `Invalid email ${canary}`, error_message: `TikTok said: ${canary}` })),
      line(result('skipped', { time_ms: at, ...everywhere, skip_reason: canary })),
      line(result('success', { time_ms: at, ...everywhere })),
    ];
  });
}

describe('personal values in log lines never reach the report', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'health-privacy-'));
    file = path.join(dir, 'canaries.jsonl');
    writeFileSync(file, canaryLines().join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function health(args: string[]): Promise<string> {
    let out = '';
    const stdout = new Writable({ write: (c, _e, done) => ((out += c.toString()), done()) });
    const stderr = new Writable({ write: (_c, _e, done) => done() });
    expect(await run(args, { stdout, stderr, now: T })).toBe(0);
    return out;
  }

  const leaks = (text: string) => FRAGMENTS.filter((f) => text.includes(f));

  it.each([
    ['text', ['--width', '200']],
    ['text --by-tag', ['--by-tag', '--width', '200']],
    ['text --brief', ['--brief']],
    ['text, narrow', ['--width', '60', '--by-tag']],
    ['JSON', ['--json']],
    ['JSON --by-tag', ['--json', '--by-tag']],
  ])('%s', async (_name, args) => {
    const out = await health([file, ...args]);
    expect(out).toContain('[REDACTED]');
    expect(leaks(out)).toEqual([]);
  });

  it('HTML --by-tag', async () => {
    const html = path.join(dir, 'report.html');
    await health([file, '--by-tag', '--html', html]);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('[REDACTED]');
    expect(leaks(page)).toEqual([]);
    // Decoded as a reader's browser would show it: entities and percent-escapes resolved.
    const shown = page.replace(/&amp;/g, '&').replace(/&#0*64;/g, '@').replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    expect(leaks(shown)).toEqual([]);
  });

  it('counts the events whose names were redacted under one "[REDACTED]" row, so counts stay right', async () => {
    const report = JSON.parse(await health([file, '--json']));
    expect(report.tagHealth.events.ga4).toEqual([{ event: '[REDACTED]', requests: 18, success: 9, failure: 9, skipped: 9, successRate: 0.5 }]);
    expect(report.dataQuality.codes.map((c: { code: string; events: number }) => [c.code, c.events])).toEqual([['[REDACTED]', 27]]);
  });
});

describe('redactPersonal', () => {
  it.each(CANARIES)('%s', (canary) => expect(redactPersonal(`before ${canary} after`)).toBe('before [REDACTED] after'));

  it.each(['purchase', 'CompletePayment', 'TikTok answered HTTP 503', 'code 40001 at 2026-11-25 12:00:00', 'CABC123DEF456', 'timed out after 60000 ms'])('leaves %s alone', (text) =>
    expect(redactPersonal(text)).toBe(text),
  );

  it('cuts long values after redacting, and drops a half address where a huge value was cut', () => {
    expect(reportText(`${'a'.repeat(10)} jane@example.com`, 12)).toBe('aaaaaaaaaa …');
    const huge = 'x '.repeat(2000) + 'canary.jane@example.com';
    const cutInside = huge.slice(0, 8 * 200 + 6); // scanning stops inside the address
    expect(reportText(cutInside + 'y'.repeat(5000), 200)).not.toContain('canary');
  });
});
