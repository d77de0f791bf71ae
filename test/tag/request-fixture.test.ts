/**
 * Byte-for-byte: the built template sends exactly the requests recorded in
 * test/tag/fixtures/stream-requests.json (URL, method, headers, body, and the cookies it sets)
 * for the seeded GA4 event streams plus a set of events with non-default settings. The fixture
 * was captured from the tag before its API-call diet (issue 9), so a pass proves the rebuilt tag
 * changed no request. Each entry also holds a digest of its input, so a changed generator is
 * reported as such rather than as a tag regression.
 *
 * Regenerate (only when a request change is intended, and say why in the commit):
 *   UPDATE_REQUEST_FIXTURE=1 npx jest test/tag/request-fixture.test.ts
 */
import { createHash } from 'crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'fs';
import path from 'path';
import { GA4_SOURCES, streamEvents } from './support/event-streams';
import { fireTag } from './support/run-tag';
import { TikTokStub } from './support/tiktok-stub';
import { FIXED_CASES } from './support/fixed-cases';

const FIXTURE = path.join(__dirname, 'fixtures', 'stream-requests.json');
const UPDATE = process.env.UPDATE_REQUEST_FIXTURE === '1';

interface Captured {
  id: string;
  input: string;
  /** headers: as the shim records them (the token redacted); accessToken: the header TikTok received. */
  requests: { url: string; method: string; headers: Record<string, string>; accessToken: unknown; body: string | undefined }[];
  cookies: { name: string; value: string; options: Record<string, unknown> }[];
}

function digest(settings: unknown, data: unknown): string {
  const json = JSON.stringify({ settings, data }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

function allInputs(): { id: string; settings: Record<string, unknown>; data: Record<string, unknown> }[] {
  const out: { id: string; settings: Record<string, unknown>; data: Record<string, unknown> }[] = [];
  for (const source of GA4_SOURCES) {
    for (const e of streamEvents(source)) out.push({ id: `${source[0]} #${e.index}`, settings: e.settings, data: e.data });
  }
  for (const c of FIXED_CASES) out.push({ id: c.name, settings: c.settings, data: c.data });
  return out;
}

describe('requests are byte-for-byte those of the recorded fixture', () => {
  let stub: TikTokStub;
  let origin: string;
  beforeAll(async () => {
    stub = new TikTokStub();
    origin = await stub.start();
  });
  afterAll(() => stub.stop());

  it('every seeded stream event and fixed case sends the recorded URL, headers, body and cookies', async () => {
    const captured: Captured[] = [];
    for (const input of allInputs()) {
      stub.answer();
      const run = await fireTag(origin, input.settings, structuredClone(input.data));
      captured.push({
        id: input.id,
        input: digest(input.settings, input.data),
        requests: run.record.outgoingRequests.map((r, i) => ({
          url: r.url, method: r.method, headers: r.headers, accessToken: stub.received[i]?.headers['access-token'], body: r.body,
        })),
        cookies: run.record.cookiesSet.map((c) => ({ name: c.name, value: c.value, options: c.options })),
      });
    }
    if (UPDATE || !existsSync(FIXTURE)) {
      mkdirSync(path.dirname(FIXTURE), { recursive: true });
      writeFileSync(FIXTURE, JSON.stringify(captured, null, 1) + '\n');
    }
    const recorded: Captured[] = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    expect(captured.map((c) => c.id)).toEqual(recorded.map((c) => c.id));
    const inputDrift = captured.filter((c, i) => c.input !== recorded[i].input).map((c) => c.id);
    expect(inputDrift).toEqual([]);
    const changed: string[] = [];
    captured.forEach((c, i) => {
      const before = JSON.stringify({ requests: recorded[i].requests, cookies: recorded[i].cookies });
      const now = JSON.stringify({ requests: c.requests, cookies: c.cookies });
      if (before !== now) changed.push(`${c.id}\n  before ${before.slice(0, 600)}\n  now    ${now.slice(0, 600)}`);
    });
    expect(changed).toEqual([]);
    // The streams must exercise sending, or equality proves little.
    expect(captured.filter((c) => c.requests.length > 0).length).toBeGreaterThan(200);
  });
});
