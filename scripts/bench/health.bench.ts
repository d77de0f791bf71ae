/**
 * Health report throughput and memory. Generates a 400,000-line log (success, failure, skipped,
 * several events, ~1% garbage) in a temp dir, then measures in the same run:
 *   - baseline: readline + JSON.parse of every line (the least any reader must do),
 *   - sgtm health's readHealthFiles on the same file,
 *   - the same entries as a Cloud Logging JSON-array export (streamed through the splitter),
 * each reader in its own process, and reports lines/s, the ratio to the baseline, and peak RSS
 * sampled every 10 ms (plus the peak on a 10× smaller file, to show memory does not grow).
 * `HEALTH_BENCH_LINES=200000 npm run bench -- health` for a quicker run.
 */
import { spawnSync } from 'child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'fs';
import { TS_NODE_ENV, TS_NODE_FLAGS } from '../ts-node-flags';
import { once } from 'events';
import { tmpdir } from 'os';
import path from 'path';
import { createInterface } from 'readline';
import { readHealthFiles } from '../health';

const LINES = Number(process.env.HEALTH_BENCH_LINES ?? 400_000);
const T0 = Date.UTC(2026, 10, 18);
const EVENTS = [
  ['purchase', 'CompletePayment'],
  ['add_to_cart', 'AddToCart'],
  ['page_view', 'ViewContent'],
  ['begin_checkout', 'InitiateCheckout'],
  ['generate_lead', 'SubmitForm'],
  ['sign_up', 'CompleteRegistration'],
];
const FAILURES = [
  ['tiktok_error', 400, 40001, 'Access token is invalid or has expired'],
  ['http_5xx', 503, null, null],
  ['timeout', null, null, null],
  ['tiktok_error', 200, 40100, 'Too many requests'],
] as const;

/** Deterministic pseudo-random numbers so every run measures the same file. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 0x100000000;
  };
}

/**
 * Lines come from a pool of distinct variants (drawn with the same distribution) with the time and
 * ids filled in per line: generating 1M lines stays cheap next to reading them.
 */
const POOL_SIZE = 4099;
let pool: { head: string; tail: string }[] | undefined;
function poolLine(i: number): string {
  if (!pool) {
    const r = rng(42);
    pool = [];
    for (let k = 0; k < POOL_SIZE; k++) {
      const text = makeLine(k, r);
      const cut = text.indexOf('"time_ms":');
      pool.push(cut === -1 ? { head: text, tail: '' } : { head: text.slice(0, cut), tail: text.slice(text.indexOf(',', cut)) });
    }
  }
  const { head, tail } = pool[i % POOL_SIZE];
  return tail ? `${head}"time_ms":${T0 + Math.floor((i / LINES) * 7 * 86_400_000)}${tail}` : head;
}

function makeLine(i: number, r: () => number): string {
  if (i % 100 === 99) return i % 200 === 199 ? `Container started on port 8080 (${i})` : `{"message":"other app log","n":${i}}`;
  const [ga4, tiktok] = EVENTS[Math.floor(r() * EVENTS.length)];
  const x = r();
  const outcome = x < 0.9 ? 'success' : x < 0.96 ? 'failure' : 'skipped';
  const f = outcome === 'failure' ? FAILURES[Math.floor(r() * FAILURES.length)] : null;
  const sent = outcome !== 'skipped';
  const flag = (p: number) => sent && r() < p;
  const q = (v: string | number | null) => (v === null ? 'null' : typeof v === 'number' ? String(v) : `"${v}"`);
  // Built as text rather than JSON.stringify so generating the file stays a small part of the run.
  return (
    `{"severity":"${outcome === 'failure' ? 'ERROR' : 'INFO'}","message":"TikTok ${tiktok}: ${outcome}","schema":"tiktok-events-api/1",` +
    `"type":"result","tag":"TikTok Events API","trace_id":"trace-${i}","time_ms":${T0 + Math.floor((i / LINES) * 7 * 86_400_000)},` +
    `"ga4_event":"${ga4}","tiktok_event":"${tiktok}","event_id":"E-${i}","pixel_code":"CABC123","outcome":"${outcome}",` +
    `"error_kind":${q(f ? f[0] : null)},"skip_reason":${outcome === 'skipped' ? '"consent_denied"' : 'null'},` +
    `"http_status":${q(f ? f[1] : sent ? 200 : null)},"tiktok_code":${q(f ? f[2] : sent ? 0 : null)},` +
    `"tiktok_message":${q(f ? f[3] : sent ? 'OK' : null)},"tiktok_request_id":${sent ? `"2026111800${i}"` : 'null'},` +
    `"error_message":${f ? `"TikTok request failed: ${f[0]}"` : 'null'},"attempts":${sent ? (r() < 0.05 ? 2 : 1) : 0},` +
    `"latency_ms":${sent ? Math.floor(30 + r() * r() * 1500) : 'null'},"test_event":false,"event_source":"web",` +
    `"user_data":{"email":${flag(0.7)},"phone":${flag(0.4)},"external_id":${flag(0.6)},"ttclid":${flag(0.2)},"ttp":${flag(0.8)},` +
    `"ip":${flag(1)},"user_agent":${flag(1)},"name":${flag(0.3)},"address":${flag(0.2)}}}`
  );
}

/** Writes generated text in ~4 MB blocks, waiting for the disk when the stream asks to. */
async function write(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  let block: string[] = [];
  let size = 0;
  for (const text of lines) {
    block.push(text);
    size += text.length;
    if (size >= 1 << 22) {
      if (!out.write(block.join(''))) await once(out, 'drain');
      block = [];
      size = 0;
    }
  }
  out.write(block.join(''));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

function* jsonlLines(count: number): Generator<string> {
  for (let i = 0; i < count; i++) yield poolLine(i) + '\n';
}

/** The same lines as Cloud Logging entries, in the JSON array `gcloud logging read --format=json` prints. */
function* exportEntries(count: number): Generator<string> {
  yield '[\n';
  for (let i = 0; i < count; i++) {
    const payload = poolLine(i);
    const timestamp = new Date(T0 + i).toISOString();
    const entry = payload.startsWith('{"severity"')
      ? `{"insertId":"i${i}","jsonPayload":${payload},"resource":{"type":"cloud_run_revision"},"timestamp":"${timestamp}","severity":"INFO"}`
      : `{"insertId":"i${i}","textPayload":${JSON.stringify(payload)},"timestamp":"${timestamp}"}`;
    yield (i ? ',\n  ' : '  ') + entry;
  }
  yield '\n]\n';
}

async function baseline(file: string): Promise<number> {
  let parsed = 0;
  const rl = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const line of rl) {
    try {
      JSON.parse(line);
      parsed++;
    } catch {
      /* garbage line */
    }
  }
  return parsed;
}

/** Reads the file once so every reader finds it in the page cache. */
async function warm(file: string): Promise<void> {
  for await (const _chunk of createReadStream(file, { highWaterMark: 1 << 22 })) {
    /* discard */
  }
}

interface Measured {
  ms: number;
  /** User + system CPU time of the reader: steadier than wall time on a shared machine. */
  cpuMs: number;
  peakRss: number;
  /** Heap still in use after a full GC at the end, with the report alive. */
  retainedHeap: number;
  records: number;
  summary?: string;
}

/** Runs inside a fresh process, so its peak RSS is this reader's alone. */
async function worker(kind: string, file: string): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let records: number;
  let summary: string | undefined;
  let report: unknown;
  if (kind === 'baseline') records = await baseline(file);
  else {
    const r = await readHealthFiles([file]);
    report = r;
    const th = r.tagHealth;
    records = r.input.records;
    summary =
      `${th.requests.toLocaleString('en-US')} requests, success rate ${((th.successRate ?? 0) * 100).toFixed(2)}%, ` +
      `p95 ${th.latency.p95} ms, ${(r.input.skipped.malformed + r.input.skipped.notHealth).toLocaleString('en-US')} other lines skipped`;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(timer);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  (globalThis as { gc?: () => void }).gc?.();
  const retainedHeap = process.memoryUsage().heapUsed;
  void report;
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRss, retainedHeap, records, summary } satisfies Measured));
}

function measure(kind: 'baseline' | 'health', file: string): Measured {
  const child = spawnSync(process.execPath, [...TS_NODE_FLAGS, '--expose-gc', __filename, '--worker', kind, file], { encoding: 'utf8', maxBuffer: 1 << 20, env: TS_NODE_ENV });
  if (child.status !== 0) throw new Error(`${kind} worker failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measured;
}

const cpuSeconds = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1e6).toFixed(1);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const rate = (lines: number, ms: number) => `${Math.round(lines / (ms / 1000)).toLocaleString('en-US')} lines/s`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'health-bench-'));
  try {
    const jsonl = path.join(dir, 'health.jsonl');
    const small = path.join(dir, 'small.jsonl');
    const array = path.join(dir, 'export.json');
    const genStart = Date.now();
    const genCpu = process.cpuUsage();
    const smallLines = Math.floor(LINES / 10);
    const arrayEntries = Math.floor(LINES / 10);
    await write(jsonl, jsonlLines(LINES));
    await write(small, jsonlLines(smallLines));
    await write(array, exportEntries(arrayEntries));
    const n = (x: number) => x.toLocaleString('en-US');
    process.stdout.write(
      `generated ${n(LINES)} lines (${mb(statSync(jsonl).size)}), a ${n(smallLines)}-line file and a ${n(arrayEntries)}-entry ` +
        `JSON-array export (${mb(statSync(array).size)}) in ${((Date.now() - genStart) / 1000).toFixed(1)} s (${cpuSeconds(process.cpuUsage(genCpu))} s CPU); each reader runs in its own process\n`,
    );

    await warm(jsonl);
    // Alternate the two readers and keep each one's best run, so load from other work on the
    // machine slows runs down without biasing the ratio.
    const runs: Measured[][] = [[], []];
    for (let round = 0; round < 2; round++) {
      runs[0].push(measure('baseline', jsonl));
      runs[1].push(measure('health', jsonl));
    }
    const best = (list: Measured[]): Measured => ({
      ...list.reduce((a, b) => (a.ms <= b.ms ? a : b)),
      cpuMs: Math.min(...list.map((m) => m.cpuMs)),
      peakRss: Math.max(...list.map((m) => m.peakRss)),
      retainedHeap: Math.max(...list.map((m) => m.retainedHeap)),
    });
    const base = best(runs[0]);
    const ours = best(runs[1]);
    const oursSmall = measure('health', small);
    await warm(array);
    const exported = measure('health', array);
    if (ours.records !== LINES) throw new Error(`read ${ours.records} records, expected ${LINES}`);

    const row = (label: string, text: string) => `${label.padEnd(32)}: ${text}`;
    process.stdout.write(
      [
        row('baseline readline + JSON.parse', `${rate(LINES, base.ms)} (${(base.ms / 1000).toFixed(2)} s), peak RSS ${mb(base.peakRss)}`),
        row('sgtm health, JSONL', `${rate(LINES, ours.ms)} (${(ours.ms / 1000).toFixed(2)} s), peak RSS ${mb(ours.peakRss)}, heap retained after GC ${mb(ours.retainedHeap)}`),
        row('  speed ratio to the baseline', `${(base.ms / ours.ms).toFixed(2)} by wall time, ${(base.cpuMs / ours.cpuMs).toFixed(2)} by CPU time (best of 2 runs each)`),
        row(`  peak RSS, ${n(smallLines)}-line file`, `${mb(oursSmall.peakRss)} (the 10× larger file needs ${(ours.peakRss / oursSmall.peakRss).toFixed(2)}× that), heap retained after GC ${mb(oursSmall.retainedHeap)}`),
        row('sgtm health, JSON-array export', `${rate(arrayEntries, exported.ms)} (${(exported.ms / 1000).toFixed(2)} s), peak RSS ${mb(exported.peakRss)}`),
        `report: ${ours.summary}`,
      ].join('\n') + '\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--worker') {
  worker(process.argv[3], process.argv[4]).catch((err) => {
    process.stderr.write(String(err instanceof Error ? err.stack : err));
    process.exitCode = 1;
  });
} else
main().catch((err) => {
  process.stderr.write(`health bench failed: ${err instanceof Error ? err.stack : err}\n`);
  process.exitCode = 1;
});
