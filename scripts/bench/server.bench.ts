/**
 * `sgtm serve` (the real CLI, in a child process, its defaults: preview mode, worker pool 'auto',
 * embedded mock TikTok API; health log to a temp file) against the tag's own single-worker
 * runs/s, measured in this process first with the same template, fields and mock.
 * Load comes from this process over loopback with keep-alive, bounded in count and time:
 *   - closed loop, CONCURRENCY hits in flight: the most hits/s it sustains, p50/p99 latency;
 *   - open loop at the goal rate, 0.6 × workers × single-worker runs/s: hits sent on a fixed
 *     schedule, latency counted from the scheduled time (so queueing shows), achieved rate, p99.
 * Every hit is the GA4 purchase of lib/purchase.ts as a /g/collect hit; every hit must answer
 * 2xx and end with one `success` result line in the health log.
 * `SERVER_BENCH_SECONDS=3 npm run bench -- server` to change the length of each load phase.
 */
import { spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import http from 'http';
import { tmpdir } from 'os';
import path from 'path';
import { runTemplate } from '../../sandbox-shim';
import { cpuBetween, cpuSnapshot, processTreeMs } from './lib/cpu';
import { TAG_WARM_UP } from './lib/interleave';
import { defaultConfig } from '../server/config';
import { poolSize } from '../server/tag-pool';
import { parseGa4Collect } from '../server/ga4';
import { EMAIL_HASH, loadTemplate, PHONE_HASH, PURCHASE, ROOT } from './lib/purchase';
import { fail, goal, ms, out, percentile, rate, ratio } from './lib/report';

const SECONDS = Number(process.env.SERVER_BENCH_SECONDS ?? 3);
const MAX_HITS = 3000;
const CONCURRENCY = 8;
const SINGLE_RUNS = 1000;

interface Serve {
  url: string;
  pid: number;
  mockUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

async function startServe(): Promise<Serve> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sgtm-bench-'));
  const logFile = path.join(dir, 'health.jsonl');
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'bin', 'sgtm.js'), 'serve', '--port', '0', '--quiet'], {
    cwd: ROOT,
    env: { ...process.env, SGTM_LOG_FILE: logFile, PORT: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const { url, mockUrl } = await new Promise<{ url: string; mockUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sgtm serve did not start within 30 s: ${stderr}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk;
      const server = /local server container on (http:\/\/\S+)/.exec(stderr);
      const mock = /mock Events API at (http:\/\/\S+)/.exec(stderr);
      if (server && mock) {
        clearTimeout(timer);
        resolve({ url: server[1], mockUrl: mock[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`sgtm serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    pid: child.pid!,
    mockUrl,
    logFile,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The purchase as a gtag /g/collect hit. gtag sends user-provided data hashed (`em=tv.1~em.…~pn.…`),
 * so the hit carries the SHA-256 of the normalised email and phone, as the tag would send them.
 */
function hitQuery(i: number): string {
  const items = PURCHASE.items as { item_id: string; item_name: string; price: number; quantity: number }[];
  const params = new URLSearchParams({
    v: '2', tid: 'G-BENCH', cid: `${i}.1700000000`, en: 'purchase', cu: String(PURCHASE.currency), 'epn.value': String(PURCHASE.value),
    'ep.transaction_id': `T-${i}`, dl: String(PURCHASE.page_location), _uip: String(PURCHASE.ip_override),
    em: `tv.1~em.${EMAIL_HASH}~pn.${PHONE_HASH}`,
  });
  items.forEach((it, n) => params.set(`pr${n + 1}`, `id${it.item_id}~nm${it.item_name}~pr${it.price}~qt${it.quantity}`));
  return params.toString();
}

function post(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'user-agent': String(PURCHASE.user_agent) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Load {
  hits: number;
  /** Open loop: hits the schedule planned (more than `hits` when the server fell too far behind). */
  planned?: number;
  failed: number;
  seconds: number;
  latencies: number[];
}

async function closedLoop(base: string, first: number, seconds: number, maxHits = MAX_HITS): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = first;
  let failed = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < until && next - first < maxHits) {
      const t = performance.now();
      if ((await post(`${base}/g/collect?${hitQuery(next++)}`, agent)) >= 300) failed++;
      latencies.push(performance.now() - t);
    }
  }));
  const took = (performance.now() - started) / 1000;
  agent.destroy();
  return { hits: latencies.length, failed, seconds: took, latencies: latencies.sort((a, b) => a - b) };
}

async function openLoop(base: string, first: number, perSecond: number): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const count = Math.min(MAX_HITS, Math.round(perSecond * SECONDS));
  const interval = 1000 / perSecond;
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  let scheduled = 0;
  for (let i = 0; i < count; i++) {
    // Bounded in time too: a server far behind the schedule ends the phase (the rest is never sent).
    if (performance.now() - started > 2 * SECONDS * 1000) break;
    scheduled++;
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sends.push(post(`${base}/g/collect?${hitQuery(first + i)}`, agent).then((status) => {
      if (status >= 300) failed++;
      latencies.push(performance.now() - due);
    }));
  }
  await Promise.all(sends);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { hits: scheduled, failed, seconds, latencies: latencies.sort((a, b) => a - b), planned: count };
}

/**
 * Sequential runTemplate of the server's template, fields and mode against its mock, with the
 * event data the server's GA4 client makes of the same hit: one worker's rate.
 */
async function singleWorker(mockUrl: string, serverPid: number): Promise<{ rate: number; cpuMs: number }> {
  const config = defaultConfig();
  const template = loadTemplate(config.template);
  const options = (i: number) => ({
    data: config.tag.fields,
    eventData: parseGa4Collect(hitQuery(300_000 + i), undefined, { remoteAddress: '127.0.0.1', userAgent: String(PURCHASE.user_agent) })[0],
    routes: { 'business-api.tiktok.com': mockUrl },
    containerVersion: { containerId: config.containerId, previewMode: config.mode === 'preview', debugMode: config.mode === 'preview' },
    secrets: [String(config.tag.fields.accessToken)],
  });
  for (let i = 0; i < TAG_WARM_UP; i++) await runTemplate(template, options(i));
  const cpu = cpuSnapshot(new Set([serverPid]));
  const started = performance.now();
  for (let i = 0; i < SINGLE_RUNS; i++) {
    const record = await runTemplate(template, options(i));
    if (record.status !== 'success' || record.outgoingRequests.length !== 1) throw new Error(`single-worker run ended ${record.status}: ${record.error ?? ''}`);
  }
  const rate = (SINGLE_RUNS / (performance.now() - started)) * 1000;
  return { rate, cpuMs: cpuBetween(cpu, cpuSnapshot(new Set([serverPid]), 'end')) / SINGLE_RUNS };
}

/** Result lines of the health log for events sent with success and with hashed email and phone. */
function successLines(logFile: string): number {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return 0;
  }
  let n = 0;
  for (const line of text.split('\n')) {
    if (!line.includes('"result"')) continue;
    try {
      const entry = JSON.parse(line) as { type?: string; outcome?: string; user_data?: { email?: boolean; phone?: boolean } };
      if (entry.type === 'result' && entry.outcome === 'success' && entry.user_data?.email && entry.user_data.phone) n++;
    } catch {
      // not a log line of the tag
    }
  }
  return n;
}

async function main(): Promise<void> {
  const serve = await startServe();
  try {
    const workers = poolSize(defaultConfig().workers);
    const comparator = await singleWorker(serve.mockUrl, serve.pid);
    const single = comparator.rate;
    const capacity = workers * single;
    out(`sgtm serve (defaults: ${defaultConfig().mode} mode, ${workers} worker${workers === 1 ? '' : 's'}, embedded mock, health log to a temp file), GA4 purchase hits from this process over loopback`);
    out(`  comparator: the tag's own single-worker rate, runTemplate in sequence with the same template, fields, mode and mock, after ${TAG_WARM_UP} unmeasured runs: ${rate(single, 'runs/s')} (× ${workers} workers = ${rate(capacity, 'runs/s')})`);

    // Warm as the comparator is: each worker serves TAG_WARM_UP hits before anything is measured.
    const warm = await closedLoop(serve.url, 0, 120, TAG_WARM_UP * workers);
    const serverCpu = processTreeMs(serve.pid);
    const closed = await closedLoop(serve.url, 100_000, SECONDS);
    const closedRate = closed.hits / closed.seconds;
    const serverCpuAfter = processTreeMs(serve.pid);
    out(`  closed loop, ${CONCURRENCY} in flight, ${closed.seconds.toFixed(1)} s: ${rate(closedRate, 'hits/s')}, p50 ${ms(percentile(closed.latencies, 50))}, p99 ${ms(percentile(closed.latencies, 99))}; ${ratio(closedRate, capacity)} workers × single-worker runs/s`);

    const perHit = (key: 'self' | 'descendants') => (serverCpuAfter[key] - serverCpu[key]) / closed.hits;
    out(`  CPU per hit in the closed loop: ${ms(perHit('self'))} in the server process, ${ms(perHit('descendants'))} in its execution units; one tag run in the comparator: ${ms(comparator.cpuMs)} (bench process and its units)`);
    const target = 0.6 * capacity;
    const open = await openLoop(serve.url, 200_000, target);
    const openRate = open.hits / open.seconds;
    const p99 = percentile(open.latencies, 99);
    out(`  open loop at the goal rate ${rate(target, 'hits/s')} (0.6 × ${workers} × ${Math.round(single)}), ${open.hits} of ${open.planned} planned hits sent: achieved ${rate(openRate, 'hits/s')}, p50 ${ms(percentile(open.latencies, 50))}, p99 ${ms(p99)}`);

    const failed = warm.failed + closed.failed + open.failed;
    const hits = warm.hits + closed.hits + open.hits;
    // The log sink writes asynchronously: give it up to 3 s to catch up.
    let logged = successLines(serve.logFile);
    for (let waited = 0; logged < hits && waited < 3000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      logged = successLines(serve.logFile);
    }
    out(`  checked: ${hits - failed} of ${hits} hits answered 2xx, ${logged} result lines in the health log with outcome success and hashed email and phone`);
    goal('server', 'sgtm serve sustains ≥ 0.6 × workers × single-worker runs/s with p99 < 50 ms', `${ratio(openRate, capacity)} at p99 ${ms(p99)} (most it did: ${ratio(closedRate, capacity)})`, openRate >= 0.97 * target && p99 < 50 && open.failed === 0 && open.hits === open.planned);
    if (failed > 0 || logged !== hits) throw new Error(`${failed} hits failed, ${logged} of ${hits} ended with a success result line (email and phone hashed)`);
  } finally {
    await serve.stop();
  }
}

main().catch(fail);
