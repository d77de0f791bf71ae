/**
 * Our tag against the published TikTok tags (lookalikes in test/conformance/templates/) and a tag
 * that only calls gtmOnSuccess, in the shim, one process, interleaved batches, the same GA4
 * purchase (lib/purchase.ts). Every measured run is checked (success, one request to a loopback
 * stub in a child process, hashed email and phone). Per event: CPU of this process
 * (process.cpuUsage: the tag, the shim, the HTTP client), wall time, sandbox API calls (counted
 * in a separate run, lib/api-calls.ts) and request body bytes. Then body bytes per GA4 event type.
 * `TAG_BENCH_RUNS=400 npm run bench -- tag` for more runs.
 */
import { runTemplate } from '../../sandbox-shim';
import type { RunOptions } from '../../sandbox-shim';
import { countApiCalls, topApis, type ApiCalls } from './lib/api-calls';
import { benchTags, PURCHASE, runProblem, type BenchTag } from './lib/purchase';
import { fail, goal, ms, out, ratio, table } from './lib/report';
import { startStub } from './lib/stub';

const RUNS = Number(process.env.TAG_BENCH_RUNS ?? 200);
const BATCH = 10;
const WARM_UP = 30;

interface Case {
  tag: BenchTag;
  options: RunOptions;
  cpuMs: number;
  wallMs: number;
  runs: number;
  calls?: ApiCalls;
  bodyBytes?: number;
}

async function batch(c: Case, runs: number, count: boolean): Promise<void> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const record = await runTemplate(c.tag.template, c.options);
    const problem = runProblem(c.tag, record);
    if (problem) throw new Error(`${c.tag.label}: a run ${problem}`);
    if (c.tag.sends) c.bodyBytes = Buffer.byteLength(record.outgoingRequests[0].body ?? '');
  }
  if (!count) return;
  c.wallMs += performance.now() - started;
  const used = process.cpuUsage(cpu);
  c.cpuMs += (used.user + used.system) / 1000;
  c.runs += runs;
}

async function main(): Promise<void> {
  const stub = await startStub();
  try {
    const routes = { 'business-api.tiktok.com': stub.origin };
    const containerVersion = { previewMode: false, debugMode: false };
    const cases: Case[] = benchTags().map((tag) => ({
      tag,
      options: { data: tag.data, eventData: PURCHASE, routes, containerVersion, secrets: [String(tag.data.accessToken ?? '')].filter(Boolean) },
      cpuMs: 0,
      wallMs: 0,
      runs: 0,
    }));
    for (const c of cases) c.calls = await countApiCalls(c.tag.template, c.options);
    for (const c of cases) await batch(c, WARM_UP, false);
    // Interleaved: a machine busy with other work slows every case alike, so the ratios hold.
    for (let done = 0; done < RUNS; done += BATCH) {
      for (const c of cases) await batch(c, BATCH, true);
    }
    // + 1: the counting run of each sending template.
    const sent = cases.filter((c) => c.tag.sends).reduce((s, c) => s + c.runs + WARM_UP + 1, 0);
    const received = await stub.posts();

    const [ours, stape, tiktok, floor] = cases;
    const cpu = (c: Case) => c.cpuMs / c.runs;
    const wall = (c: Case) => c.wallMs / c.runs;
    out(`the same GA4 purchase (2 items, email, phone, ip, user agent, page URL), ${RUNS} runs per template in interleaved batches of ${BATCH} after ${WARM_UP} warm-up runs;`);
    out(`each run checked: success, one request to the loopback stub, SHA-256 email and phone (the stub received ${received} of ${sent} requests)`);
    for (const c of cases) out(`  ${c.tag.label.padEnd(6)} = ${c.tag.what}`);
    table(
      ['template', 'CPU/event', 'wall/event', 'API calls/event', 'body bytes', 'CPU vs ours'],
      cases.map((c) => [c.tag.label, ms(cpu(c)), ms(wall(c)), String(c.calls!.total), c.bodyBytes === undefined ? '–' : String(c.bodyBytes), c === ours ? '1.00×' : `ours is ${ratio(cpu(ours), cpu(c))}`]),
    );
    for (const c of cases) out(`  API calls, ${c.tag.label}: ${topApis(c.calls!)}`);
    out(`  CPU above the gtmOnSuccess-only floor: ours ${ms(cpu(ours) - cpu(floor))}, Stape ${ms(cpu(stape) - cpu(floor))}, TikTok ${ms(cpu(tiktok) - cpu(floor))} (ours is ${ratio(cpu(ours) - cpu(floor), cpu(stape) - cpu(floor))} and ${ratio(cpu(ours) - cpu(floor), cpu(tiktok) - cpu(floor))})`);
    if (received !== sent) throw new Error(`the stub received ${received} requests, the runs sent ${sent}`);

    const worst = Math.max(cpu(ours) / cpu(stape), cpu(ours) / cpu(tiktok));
    goal('tag', 'our CPU per event ≤ 0.7× each lookalike peer', `${ratio(cpu(ours), cpu(stape))} Stape, ${ratio(cpu(ours), cpu(tiktok))} TikTok`, worst <= 0.7);
    goal('tag', 'our sandbox API calls for the purchase ≤ 60', `${ours.calls!.total} (Stape ${stape.calls!.total}, TikTok ${tiktok.calls!.total})`, ours.calls!.total <= 60);

    await bodyBytesPerEvent(ours);
  } finally {
    stub.close();
  }
}

/** Our request body per GA4 event type of a shop funnel, same user data as the purchase. */
async function bodyBytesPerEvent(ours: Case): Promise<void> {
  const { items, value, currency, transaction_id, event_name, ...user } = PURCHASE;
  const item = (items as unknown[])[0];
  const funnel: Record<string, Record<string, unknown>> = {
    page_view: {},
    view_item: { items: [item], value: 49.5, currency },
    add_to_cart: { items: [item], value: 49.5, currency },
    begin_checkout: { items, value, currency },
    purchase: { items, value, currency, transaction_id },
    generate_lead: { value: 10, currency },
  };
  const sizes: string[][] = [];
  for (const [name, params] of Object.entries(funnel)) {
    const record = await runTemplate(ours.tag.template, { ...ours.options, eventData: { ...user, event_name: name, ...params } });
    const problem = runProblem({ ...ours.tag }, record);
    if (problem) throw new Error(`ours, ${name}: a run ${problem}`);
    sizes.push([name, String(Buffer.byteLength(record.outgoingRequests[0].body ?? ''))]);
  }
  void event_name;
  out('our request body bytes per GA4 event type (same user data)');
  table(['event', 'bytes'], sizes);
}

main().catch(fail);
