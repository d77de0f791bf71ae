/**
 * The shim's CLI: its own verbs (validate, test, run) and the dispatcher any product CLI uses to
 * compose its verbs with them (see scripts/sgtm.ts). Each verb lives in its own module exporting
 * `run(args: string[]): Promise<number>` and is loaded only when used, so `sgtm validate` does
 * not pay for the server or the bundler. (`require`, not `import()`: under a CommonJS TypeScript
 * hook a dynamic import cannot resolve extensionless .ts paths.)
 *
 * Exit codes: 0 all good, 1 a test/validation/tag failure, 2 bad usage or unreadable input.
 */
import { UsageError } from './cli/args';

/**
 * A verb's module: `run` does the work; `help` is what `sgtm VERB --help` prints (synopsis, what
 * it does, every flag explained, exit codes). The dispatcher answers `--help`/`-h` before `run`.
 */
export interface VerbModule {
  run(args: string[]): Promise<number>;
  help?: string;
}

export interface Command {
  /** One line: the verb's synopsis and what it does. */
  summary: string;
  load: () => Promise<VerbModule>;
}

export type Commands = Record<string, Command>;

export const shimCommands: Commands = {
  validate: { summary: 'validate FILE.tpl [--json]            is this a server template GTM would accept?', load: async () => require('./cli/validate') },
  test: { summary: 'test FILE.tpl [--json] [--filter TEXT]   run the template\'s own ___TESTS___', load: async () => require('./cli/test') },
  run: { summary: 'run FILE.tpl --data F --event F [...]    fire the tag once, print the preview record', load: async () => require('./cli/run') },
};

export function usage(commands: Commands, name = 'sgtm'): string {
  return [`usage: ${name} <command> [options]`, '', ...Object.values(commands).map((c) => `  ${name} ${c.summary}`), '', `  ${name} <command> --help   the command's options`].join('\n');
}

/** Runs one verb of `commands`; usage errors print one line and exit 2. */
export async function dispatch(commands: Commands, argv: string[], name = 'sgtm'): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(usage(commands, name) + '\n');
    return verb ? 0 : 2;
  }
  const command = Object.prototype.hasOwnProperty.call(commands, verb) ? commands[verb] : undefined;
  if (!command) {
    process.stderr.write(`${name}: unknown command "${verb}"\n${usage(commands, name)}\n`);
    return 2;
  }
  try {
    const verbModule = await command.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${(verbModule.help ?? `usage: ${name} ${command.summary}`).trimEnd()}\n`);
      return 0;
    }
    return await verbModule.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${name} ${verb}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/** The shim alone: `ts-node sandbox-shim/cli.ts validate FILE.tpl`. */
export function main(argv: string[]): Promise<number> {
  return dispatch(shimCommands, argv);
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
