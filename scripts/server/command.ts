/**
 * `sgtm serve`: the local server container with its preview page, until Ctrl-C (see `help`).
 * `npm start` (scripts/start.ts) runs the same server with the same flags, plus a sample funnel.
 */
import { lastValue, parseArgs, UsageError } from '../../sandbox-shim/cli/args';
import { banner, hitLine } from './console-lines';
import { ConfigError, loadConfigFile, resolveConfig, resolvePath, type ServerConfig, type ServerConfigInput } from './config';
import { startServer, type RunningServer } from './index';
import { startFresh } from './log-sink';

export const FLAGS = { boolean: ['real', 'quiet', 'verbose', 'append'], value: ['config', 'port', 'template'] };

const OPTIONS = `Options:
  --config FILE     The configuration (default ./sgtm.config.json when present; see
                    sgtm.config.example.json and docs/server.md).
  --port N          Port to listen on (default 8080, or PORT).
  --template FILE   The tag template to fire (default template/template.tpl, or SGTM_TEMPLATE).
  --real            Send to the real TikTok Events API instead of the embedded mock (needs a real
                    token and pixel: TIKTOK_ACCESS_TOKEN, TIKTOK_PIXEL_CODE); same as TIKTOK_API=real.
  --verbose         Also print every JSON log line of the tag to stdout (as Cloud Logging reads it).
                    Without it, one short line per hit.
  --quiet           Print neither the JSON lines nor the per-hit lines.
  --append          Add to the existing health log instead of starting it fresh. By default each
                    run starts logs/health.jsonl empty and keeps the previous run's as
                    logs/health.previous.jsonl, so \`sgtm health\` reports on this run only.
  -h, --help        This help.

Environment: PORT, HOST (listen address; beyond loopback the preview needs a token, printed at
start, or SGTM_PREVIEW_TOKEN), TIKTOK_API, TIKTOK_ACCESS_TOKEN, TIKTOK_PIXEL_CODE, SGTM_CONFIG
(npm start), SGTM_LOG_FILE, MOCK_TIKTOK_URL (an already running mock).

Inject faults into the embedded mock while it runs:
  curl -X PUT MOCK_URL/__mock/faults -d '{"http5xx":0.3,"timeout":0.1,"seed":7}'
or start with "tiktok": {"mock": {"faults": {...}}} in the config (names in docs/server.md).`;

export const help = `usage: sgtm serve [--config FILE] [--port N] [--template FILE] [--real] [--verbose|--quiet] [--append]

The local server container, until Ctrl-C: GA4 hits on /g/collect, Measurement Protocol on
/mp/collect and event data on POST /events fire the tag through the sandbox shim; the preview
page is on /preview; the embedded mock TikTok Events API is the target. Prints where everything
is (including the mock's URL) and one line per hit.

${OPTIONS}

Exit codes: 0 stopped with Ctrl-C, 1 the server could not start (e.g. the port is in use),
2 bad usage or configuration.`;

export const startHelp = `usage: npm start [-- [--verbose|--quiet] [--append] [--config FILE] [--port N] [--template FILE] [--real]]

Builds template/template.tpl, starts the local server container (as sgtm serve) with the
embedded mock TikTok Events API, sends a small GA4 funnel, prints one line per hit and a
one-screen health summary, and keeps serving until Ctrl-C.

${OPTIONS}`;

export interface ServeArgs {
  input: ServerConfigInput;
  env: NodeJS.ProcessEnv;
  verbose: boolean;
  quiet: boolean;
  append: boolean;
}

export function serveConfig(argv: string[], configFile?: string): ServeArgs {
  const args = parseArgs(argv, FLAGS.boolean, FLAGS.value);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  if (args.flags.has('verbose') && args.flags.has('quiet')) throw new UsageError('--verbose and --quiet contradict each other: pick one');
  let input: ServerConfigInput;
  try {
    input = loadConfigFile(lastValue(args, 'config') ?? configFile);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const env = { ...process.env };
  const port = lastValue(args, 'port');
  if (port !== undefined) env.PORT = port;
  const template = lastValue(args, 'template');
  if (template !== undefined) env.SGTM_TEMPLATE = template;
  if (args.flags.has('real')) env.TIKTOK_API = 'real';
  const verbose = args.flags.has('verbose');
  const quiet = args.flags.has('quiet');
  // JSON lines on stdout only when asked: --verbose, or logs.stdout set in the config file.
  const stdout = verbose || (!quiet && input.logs?.stdout === true);
  input = { ...input, logs: { ...(input.logs ?? {}), stdout } };
  return { input, env, verbose, quiet, append: args.flags.has('append') };
}

export interface StartedContainer {
  server: RunningServer;
  /** Where the previous run's health log was moved, when there was one. */
  previousLog?: string;
}

/**
 * Resolves the configuration, starts this run's health log fresh (unless --append), starts the
 * server, prints the banner to stderr and one line per hit to stdout (unless --quiet).
 */
export async function startContainer(serve: ServeArgs, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<StartedContainer> {
  let config: ServerConfig;
  try {
    config = resolveConfig(serve.input, serve.env);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  const previousLog = config.logs.file !== null && !serve.append ? startFresh(resolvePath(config.logs.file)) : undefined;
  let server: RunningServer;
  try {
    server = await startServer(config, { env: serve.env });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  err.write(banner(server, { previousLog, verbose: serve.verbose }) + '\n');
  if (!serve.quiet) server.container.onHit((request, runs) => out.write(hitLine(request, runs) + '\n'));
  return { server, previousLog };
}

export async function run(argv: string[]): Promise<number> {
  const serve = serveConfig(argv);
  let started: StartedContainer;
  try {
    started = await startContainer(serve);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    process.stderr.write(`sgtm serve: ${(err as Error).message}\n`);
    return 1;
  }
  process.stderr.write('Ctrl-C to stop.\n');
  await waitForSignal();
  await started.server.close();
  return 0;
}

export function waitForSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
