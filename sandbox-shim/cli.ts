/**
 * `sgtm`: one CLI, a few verbs. Each verb lives in its own module exporting
 * `run(args: string[]): Promise<number>` and is loaded only when used, so `sgtm validate`
 * does not pay for the server or the bundler. (`require`, not `import()`: under tsx's CommonJS
 * hook a dynamic import cannot resolve extensionless .ts paths.)
 *
 * Exit codes: 0 all good, 1 a test/validation/tag failure, 2 bad usage or unreadable input.
 */
import { UsageError } from './cli/args';

type Command = { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> };

const commands: Record<string, Command> = {
  validate: { summary: 'validate FILE.tpl [--json]            is this a server template GTM would accept?', load: async () => require('./cli/validate') },
  test: { summary: 'test FILE.tpl [--json] [--filter TEXT]   run the template\'s own ___TESTS___', load: async () => require('./cli/test') },
  run: { summary: 'run FILE.tpl --data F --event F [...]    fire the tag once, print the preview record', load: async () => require('./cli/run') },
  build: { summary: 'build                                     compile src/ into template/template.tpl', load: async () => require('../scripts/build/command') },
  serve: { summary: 'serve [--config sgtm.config.json]         local server container with preview page', load: async () => require('../scripts/server/command') },
  'mock-tiktok': { summary: 'mock-tiktok [--port N] [faults]          the mock TikTok Events API alone', load: async () => require('../scripts/mock-tiktok/command') },
  health: { summary: 'health [FILE…|-] [--json] [--html OUT]    Tag Health and Data Monitoring from logs', load: async () => require('../scripts/health/command') },
};

export function usage(): string {
  return ['usage: sgtm <command> [options]', '', ...Object.values(commands).map((c) => `  sgtm ${c.summary}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(usage() + '\n');
    return verb ? 0 : 2;
  }
  const command = commands[verb];
  if (!command) {
    process.stderr.write(`sgtm: unknown command "${verb}"\n${usage()}\n`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`sgtm ${verb}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
