/**
 * `sgtm serve [--config FILE] [--port N] [--template FILE] [--real]`: the local server container
 * with its preview page, until Ctrl-C. `npm start` runs the same server plus a sample funnel.
 */
import { lastValue, parseArgs, UsageError } from '../../sandbox-shim/cli/args';
import { ConfigError, loadConfigFile, type ServerConfigInput } from './config';
import { startServer } from './index';

export function serveConfig(argv: string[]): { input: ServerConfigInput; env: NodeJS.ProcessEnv } {
  const args = parseArgs(argv, ['real', 'quiet'], ['config', 'port', 'template']);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  let input: ServerConfigInput;
  try {
    input = loadConfigFile(lastValue(args, 'config'));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const env = { ...process.env };
  const port = lastValue(args, 'port');
  if (port !== undefined) env.PORT = port;
  const template = lastValue(args, 'template');
  if (template !== undefined) env.SGTM_TEMPLATE = template;
  if (args.flags.has('real')) env.TIKTOK_API = 'real';
  if (args.flags.has('quiet')) input = { ...input, logs: { ...(input.logs ?? {}), stdout: false } };
  return { input, env };
}

export async function run(argv: string[]): Promise<number> {
  const { input, env } = serveConfig(argv);
  let server;
  try {
    server = await startServer(input, { env });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    process.stderr.write(`sgtm serve: ${(err as Error).message}\n`);
    return 1;
  }
  const c = server.container;
  process.stderr.write(
    `local server container on ${server.url}\n` +
      `  template: ${c.config.template}\n` +
      `  TikTok:   ${c.config.tiktok.target === 'mock' ? `mock Events API at ${c.target}` : 'the real TikTok Events API'}\n` +
      `  preview:  ${server.url}/preview\n` +
      `  logs:     ${c.config.logs.file ?? '(stdout only)'}\n` +
      `Ctrl-C to stop.\n`,
  );
  await waitForSignal();
  await server.close();
  return 0;
}

export function waitForSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
