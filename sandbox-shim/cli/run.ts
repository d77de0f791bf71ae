/**
 * `sgtm run FILE.tpl`: fires the template once and prints the preview record (see `help`).
 *
 * Code that uses constructs GTM's sandbox does not run (new, this, try…) ends as `exception`
 * without running, as GTM would never save it; --no-language-check runs it anyway. A run never
 * reaches a real host by accident: when the template's send_http permission allows a host that
 * no --route sends to a local server, the run is refused unless --live says so (a user testing
 * with a real token must not send real events by mistake).
 */
import { PRODUCTION_CONTAINER_VERSION } from '../runtime/environment';
import { runTemplate } from '../runtime/run-template';
import { parseTemplate } from '../template/parse';
import { TemplateParseError, type OutgoingRequest, type ParsedTemplate, type PreviewRecord, type RequestFixture } from '../types';
import { isLoopbackHost } from './loopback';
import { lastValue, parseArgs, UsageError, type ParsedArgs } from './args';
import { readText } from './read-text';

const USAGE =
  'usage: sgtm run FILE.tpl [--data fields.json] [--event event.json] [--request request.json] [--route HOST=http://127.0.0.1:PORT]... [--live] [--timeout MS] [--production] [--no-language-check] [--json]';

export const help = `${USAGE}

Fires the tag (or variable/client) in FILE.tpl once, as GTM's server container would, and
prints what GTM's preview shows: the status (success / failure / exception / timeout), every
outgoing HTTP request with its response, the console, the cookies set and the response headers.
Values of data fields named like a token, secret, password or API key are shown as [REDACTED].

Options:
  --data FILE        JSON object of the template's field values (\`data\`), e.g.
                     {"accessToken": "…", "pixelCode": "C123"}. Default {}.
  --event FILE       JSON object of the event data (what getAllEventData returns), e.g.
                     {"event_name": "purchase", "value": 10, "currency": "EUR"}. Default {}.
  --request FILE     JSON object of the incoming HTTP request the container is handling (read by
                     getRequestHeader, getCookieValues, getRequestPath, getRemoteAddress, …):
                       {
                         "method": "POST",                     default "GET"
                         "path": "/g/collect",                 without the query string
                         "query": "v=2&en=purchase",           or {"v": "2", "en": ["a", "b"]}
                         "headers": {"User-Agent": "…", "Cookie": "_ttp=abc"},
                                                               any case; repeated ones as arrays
                         "body": "…",                          a string
                         "remoteAddress": "203.0.113.7"
                       }
                     Every key is optional.
  --route HOST=ORIGIN
                     Send requests for HOST to ORIGIN instead (repeatable), e.g.
                     --route business-api.tiktok.com=http://127.0.0.1:9401. The send_http
                     permission is still checked against the original URL.
  --live             Allow requests to real hosts. Without it, a run whose template may send to
                     a host that no --route covers (and that is not a loopback address) is
                     refused before it starts, so a real token never sends real events by mistake.
  --timeout MS       Tag timeout: a tag that calls neither gtmOnSuccess nor gtmOnFailure within
                     MS milliseconds ends as \`timeout\`. Default 5000.
  --production       getContainerVersion() reports previewMode and debugMode false (default: a
                     preview run, both true).
  --no-language-check
                     Run code that uses constructs GTM's sandbox refuses (new, this, try…);
                     without it such code ends as \`exception\` without running.
  --json             Print the exact preview record as JSON instead of the readable view.
  -h, --help         This help.

Exit codes: 0 the tag succeeded, 1 failure / exception / timeout, 2 bad usage, an unreadable or
malformed file, or a run refused because it would reach a real host.`;

/** A run that would reach a real host without --live. */
export class LiveNetworkRefused extends UsageError {
  constructor(public readonly hosts: string[]) {
    super(
      `refusing to send to a real host: the template may send to ${hosts.join(', ')} (its send_http permission allows it). ` +
        `Send it to a local server with --route ${hosts[0].startsWith('*.') ? 'HOST' : hosts[0]}=http://127.0.0.1:PORT, or pass --live to really send`,
    );
    this.name = 'LiveNetworkRefused';
  }
}

/**
 * Hosts the template may send to (from its send_http permission; "any host" for allowedUrls:
 * any) that are neither routed nor loopback: a run must not reach them without --live.
 */
export function unroutedRealHosts(template: ParsedTemplate, routes: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const permission of template.permissions ?? []) {
    if (permission.publicId !== 'send_http') continue;
    if (permission.params.allowedUrls === 'any') {
      out.add('any host');
      continue;
    }
    for (const pattern of Array.isArray(permission.params.urls) ? permission.params.urls.map(String) : []) {
      const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(pattern.trim());
      if (!m) continue;
      const hostPort = m[1].toLowerCase();
      const hostname = hostPort.replace(/:\d+$/, '');
      const routed = Object.prototype.hasOwnProperty.call(routes, hostPort) || Object.prototype.hasOwnProperty.call(routes, hostname);
      if (!routed && !isLoopbackHost(hostname)) out.add(hostname);
    }
  }
  return [...out];
}

export const SECRET_FIELD = /token|secret|password|api.?key/i;

/** Reads a .tpl; a malformed one is a usage error naming the section. */
export function loadTemplate(file: string): ParsedTemplate {
  const text = readText(file);
  try {
    const template = parseTemplate(text, file);
    // Accepted as GTM would (e.g. a repeated section), but worth fixing: say so once, on stderr.
    for (const w of template.warnings ?? []) process.stderr.write(`${file}: warning [${w.where}] ${w.message}\n`);
    return template;
  } catch (err) {
    if (err instanceof TemplateParseError) throw new UsageError(`${file} is not a valid template: ${err.message}`);
    throw err;
  }
}

export function readJsonObject(file: string, flag: string): Record<string, unknown> {
  const text = readText(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--${flag} ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--${flag} ${file} must hold a JSON object`);
  return value as Record<string, unknown>;
}

/** `--route business-api.tiktok.com=http://127.0.0.1:9999`, repeatable. */
export function parseRoutes(args: ParsedArgs): Record<string, string> {
  const routes: Record<string, string> = {};
  for (const spec of args.values.get('route') ?? []) {
    const eq = spec.indexOf('=');
    const host = eq === -1 ? '' : spec.slice(0, eq).trim();
    const origin = eq === -1 ? '' : spec.slice(eq + 1).trim();
    let valid = host !== '' && origin !== '';
    try {
      valid = valid && ['http:', 'https:'].includes(new URL(origin).protocol);
    } catch {
      valid = false;
    }
    if (!valid) throw new UsageError(`--route ${spec}: expected HOST=ORIGIN, e.g. --route business-api.tiktok.com=http://127.0.0.1:9999`);
    routes[host.toLowerCase()] = origin.replace(/\/+$/, '');
  }
  return routes;
}

export function parseTimeout(args: ParsedArgs): number | undefined {
  const raw = lastValue(args, 'timeout');
  if (raw === undefined) return undefined;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) throw new UsageError(`--timeout ${raw}: expected a positive number of milliseconds`);
  return ms;
}

/** String values of data fields whose names look secret, for redaction. */
export function secretValues(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    if (SECRET_FIELD.test(name) && (typeof value === 'string' || typeof value === 'number') && String(value) !== '') out.push(String(value));
  }
  return out;
}

// ------------------------------------------------------------------ human-readable record

const STATUS_MARK: Record<string, string> = { success: '✓', failure: '✗', exception: '✗', timeout: '✗' };

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function headerLines(headers: Record<string, string | string[]>, prefix: string): string[] {
  return Object.entries(headers).map(([name, value]) => `${prefix}${name}: ${Array.isArray(value) ? value.join(' | ') : value}`);
}

function requestLines(r: OutgoingRequest): string[] {
  const lines = [`  ${r.method} ${r.url}${r.routedTo ? `  (routed to ${r.routedTo})` : ''}`];
  lines.push(...headerLines(r.headers, '    > '));
  if (r.body !== undefined) lines.push(indent(r.body, '    > '));
  if ('statusCode' in r.response) {
    lines.push(`    < ${r.response.statusCode} in ${r.durationMs} ms`);
    lines.push(...headerLines(r.response.headers, '    < '));
    if (r.response.body !== undefined) lines.push(indent(r.response.body, '    < '));
  } else {
    lines.push(`    < ${r.response.reason} after ${r.durationMs} ms`);
  }
  return lines;
}

/** "(template line 3)" → "(template line 3, FILE:44)", so an editor can jump to it. */
export function withFileLines(text: string, template: Pick<ParsedTemplate, 'name' | 'codeStartLine'>): string {
  return text.replace(/\(template line (\d+)\)/g, (_m, line: string) => `(template line ${line}, ${template.name}:${template.codeStartLine + Number(line) - 1})`);
}

export function formatRecord(record: PreviewRecord, template?: Pick<ParsedTemplate, 'name' | 'codeStartLine'>): string {
  const fileLines = (text: string) => (template ? withFileLines(text, template) : text);
  const lines = [`${STATUS_MARK[record.status] ?? '?'} ${record.status}  ${record.template}  (${record.executionTimeMs} ms)`];
  if (record.error) lines.push(`  error: ${fileLines(record.error)}`);
  if (record.returnValue !== undefined) lines.push(`  return value: ${JSON.stringify(record.returnValue)}`);
  lines.push('', `Outgoing HTTP requests (${record.outgoingRequests.length})`);
  for (const r of record.outgoingRequests) lines.push(...requestLines(r));
  lines.push('', `Console (${record.console.length})`);
  for (const entry of record.console) lines.push(`  [${entry.level}] ${entry.level === 'error' ? fileLines(entry.message) : entry.message}`);
  lines.push('', `Cookies set (${record.cookiesSet.length})`);
  for (const c of record.cookiesSet) lines.push(`  ${c.header}`);
  const headers = headerLines(record.responseHeaders, '  ');
  if (headers.length) lines.push('', 'Response headers', ...headers);
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'production', 'no-language-check', 'live'], ['data', 'event', 'request', 'route', 'timeout']);
  if (args.positionals.length !== 1) throw new UsageError(`expected one FILE.tpl, got ${args.positionals.length} (${USAGE})`);
  const template = loadTemplate(args.positionals[0]);
  const dataFile = lastValue(args, 'data');
  const eventFile = lastValue(args, 'event');
  const requestFile = lastValue(args, 'request');
  const data = dataFile ? readJsonObject(dataFile, 'data') : {};
  const eventData = eventFile ? readJsonObject(eventFile, 'event') : {};
  const request = requestFile ? (readJsonObject(requestFile, 'request') as RequestFixture) : undefined;
  const routes = parseRoutes(args);
  const realHosts = unroutedRealHosts(template, routes);
  if (realHosts.length && !args.flags.has('live')) throw new LiveNetworkRefused(realHosts);
  const record = await runTemplate(template, {
    data,
    eventData,
    request,
    routes,
    tagTimeoutMs: parseTimeout(args),
    containerVersion: args.flags.has('production') ? PRODUCTION_CONTAINER_VERSION : undefined,
    secrets: secretValues(data),
    languageCheck: args.flags.has('no-language-check') ? 'off' : 'on',
    // Streams every console line to this process as it is logged, so a run killed in an endless
    // loop still shows the last lines before the loop (where the user looks first); the record
    // printed below carries them.
    onConsole: () => {},
  });
  process.stdout.write((args.flags.has('json') ? JSON.stringify(record, null, 2) : formatRecord(record, template)) + '\n');
  return record.status === 'success' ? 0 : 1;
}
