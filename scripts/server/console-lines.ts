/**
 * What the terminal shows of a running container: a banner (where things are, how to inject
 * faults into the mock) and one short human line per answered hit. The JSON log lines go to
 * stdout only when asked (--verbose); they are in logs/health.jsonl either way.
 */
import type { RunningServer } from './index';
import type { PreviewRequest } from './preview-store';
import type { TagRun } from './tag-runner';

/** "#3 POST /g/collect GA4 → 204 in 85 ms · purchase: TikTok Purchase: success (HTTP 200, code 0)". Path only: a query may carry personal data. */
export function hitLine(request: PreviewRequest, runs: TagRun[]): string {
  const head = `#${request.seq} ${request.method} ${request.path}${request.client ? ` ${request.client}` : ''} → ${request.response?.status ?? '?'}` +
    (request.durationMs !== undefined ? ` in ${Math.round(request.durationMs)} ms` : '');
  if (request.state === 'rejected') return `${head} · refused: ${withoutQuotedInput(request.error ?? 'rejected')} (details in the preview)`;
  if (!runs.length) return `${head} · no events`;
  const events = runs.map((run, i) => {
    const name = typeof run.result.ga4_event === 'string' ? run.result.ga4_event : request.events[i]?.name ?? 'event';
    const message = typeof run.result.message === 'string' ? run.result.message : run.tag.status;
    const warnings = Array.isArray(run.result.warnings) ? run.result.warnings.length : 0;
    return `${name}: ${message}${warnings ? ` [${warnings} warning${warnings === 1 ? '' : 's'}]` : ''}`;
  });
  return `${head} · ${events.join(' · ')}`;
}

/**
 * A refusal message without the pieces of input it quotes ("…" instead): the terminal is a log,
 * and a quoted query or JSON snippet may hold an email or a phone number. The preview shows them.
 */
export function withoutQuotedInput(message: string): string {
  return message.replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => (OUR_QUOTED_NAMES.has(quoted.slice(1, -1)) ? quoted : '"…"'));
}

/** The field names the clients' own refusals quote (scripts/server/ga4.ts): never input. */
const OUR_QUOTED_NAMES = new Set(['v', 'tid', 'en', 'client_id', 'app_instance_id', 'events', 'name', 'params', 'event_name', 'events": [...]']);

export interface BannerOptions {
  /** Where the previous run's log went, when it was kept. */
  previousLog?: string;
  verbose?: boolean;
}

/** Where everything is: the container, the preview (with its token), the mock and how to inject faults, the logs. */
export function banner(server: RunningServer, options: BannerOptions = {}): string {
  const c = server.container;
  const token = c.config.preview.token;
  const lines = [`local server container on ${server.url}`, `  template: ${c.config.template}`];
  if (c.config.tiktok.target === 'real') {
    lines.push('  TikTok:   the REAL TikTok Events API (https://business-api.tiktok.com)');
  } else {
    lines.push(`  TikTok:   mock Events API at ${c.target}${c.mock ? '' : ' (tiktok.mockUrl)'}`);
    const faults = Object.entries(c.mock?.faults() ?? c.config.tiktok.mock.faults ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
    lines.push(`            faults: ${faults || 'none'}; inject some while it runs:`);
    lines.push(`            curl -X PUT ${c.target}/__mock/faults -d '{"http5xx":0.3,"seed":7}'   (back to none: -d '{}')`);
    lines.push(`            stats: curl ${c.target}/__mock/stats   (or tiktok.mock.faults in sgtm.config.json)`);
  }
  lines.push(`  preview:  ${server.url}/preview${token ? `?token=${token}` : ''}`);
  if (token) lines.push('            (the preview needs this token: the server listens beyond loopback)');
  lines.push(`  logs:     ${c.config.logs.file ?? '(no file)'}${options.previousLog ? ` (the previous run's: ${options.previousLog})` : ''}`);
  if (!options.verbose && c.config.logs.file) lines.push('            one line per hit below; --verbose prints every JSON log line too');
  return lines.join('\n');
}
