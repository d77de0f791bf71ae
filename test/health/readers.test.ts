import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { Readable } from 'stream';
import { gzipSync } from 'zlib';
import { HealthInputError, readHealthFiles } from '../../scripts/health';
import { MIN, T, line, mixedLog, result } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'health-readers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** A Cloud Logging export entry the way `gcloud logging read --format=json` prints it. */
function entry(payload: Record<string, unknown>, minutes: number) {
  return { insertId: `id${minutes}`, jsonPayload: payload, resource: { type: 'cloud_run_revision', labels: { service_name: 'sgtm' } }, timestamp: new Date(T + minutes * MIN).toISOString(), severity: 'INFO', logName: 'projects/p/logs/run.googleapis.com%2Fstdout' };
}

describe('readHealthFiles', () => {
  it('reads JSONL with CRLF line ends and a BOM the same as the accumulator', async () => {
    const p = file('mixed.jsonl', '\ufeff' + mixedLog().join('\r\n') + '\r\n');
    const report = await readHealthFiles([p]);
    expect(report.input.records).toBe(16);
    expect([report.tagHealth.success, report.tagHealth.failure, report.tagHealth.skipped]).toEqual([5, 3, 2]);
    expect(report.input.skipped).toEqual({ malformed: 1, notHealth: 1, unknownSchema: 1, invalid: 1 });
  });

  it('streams a Cloud Logging JSON-array export, taking the time from time_ms or the entry timestamp', async () => {
    const { time_ms: _drop, ...untimed } = result('failure', { error_kind: 'timeout', http_status: null, tiktok_code: null, tiktok_message: null });
    const entries = [
      entry(result('success', { time_ms: T + 5 * MIN }), 99),
      entry(untimed, 42),
      { insertId: 'x', textPayload: 'Container started', timestamp: new Date(T).toISOString() },
      { insertId: 'y', textPayload: line(result('skipped', { time_ms: T + 7 * MIN, skip_reason: 'consent_denied' })) },
    ];
    const p = file('export.json', JSON.stringify(entries, null, 2));
    const report = await readHealthFiles([p]);
    expect(report.input.records).toBe(4);
    expect(report.input.skipped.notHealth).toBe(1);
    expect([report.tagHealth.success, report.tagHealth.failure, report.tagHealth.skipped]).toEqual([1, 1, 1]);
    expect(report.tagHealth.failures[0].firstSeen).toBe(new Date(T + 42 * MIN).toISOString());
    expect(report.period.last).toBe(new Date(T + 42 * MIN).toISOString());
  });

  it('combines files of different formats (JSONL, JSON array, gzip) into one report', async () => {
    const a = file('a.jsonl', [line(result('success')), 'garbage'].join('\n'));
    const b = file('b.json', JSON.stringify([entry(result('failure', { error_kind: 'network' }), 1)]));
    const c = file('c.jsonl.gz', gzipSync(line(result('success')) + '\n'));
    const report = await readHealthFiles([a, b, c]);
    expect([report.tagHealth.success, report.tagHealth.failure, report.input.skipped.malformed]).toEqual([2, 1, 1]);
  });

  it('reads stdin for "-"', async () => {
    const failure = line(result('failure', { error_kind: 'network' }));
    const stdin = Readable.from([Buffer.from(line(result('success')) + '\n' + failure.slice(0, 40)), Buffer.from(failure.slice(40) + '\n{oops\n')]);
    const report = await readHealthFiles('-', { stdin });
    expect([report.tagHealth.success, report.tagHealth.failure, report.input.skipped.malformed]).toEqual([1, 1, 1]);
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const text = line(result('failure', { error_kind: 'tiktok_error', tiktok_message: 'Événement refusé 😀' })) + '\n';
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('😀')) + 2;
    const report = await readHealthFiles('-', { stdin: Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]) });
    expect(report.tagHealth.failures[0].tiktokMessage).toBe('Événement refusé 😀');
  });

  it('gives an empty report for an empty or blank file', async () => {
    const report = await readHealthFiles([file('empty.jsonl', ''), file('blank.jsonl', '\n  \n')]);
    expect(report.empty).toBe(true);
    expect(report.input.records).toBe(0);
  });

  it('names the file and the problem when a file cannot be read', async () => {
    await expect(readHealthFiles([path.join(dir, 'missing.jsonl')])).rejects.toThrow(new HealthInputError(`cannot read ${path.join(dir, 'missing.jsonl')}: no such file`));
    await expect(readHealthFiles([dir])).rejects.toThrow(/is a directory/);
    await expect(readHealthFiles([path.join(dir, 'missing.jsonl.gz')])).rejects.toThrow(/no such file/);
    await expect(readHealthFiles([file('bad.gz', 'not gzip')])).rejects.toThrow(/not valid gzip/);
  });
});
