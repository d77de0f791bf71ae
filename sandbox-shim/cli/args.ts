/** Tiny argv parser shared by every sgtm verb: `--flag`, `--key value`, `--key=value`, repeatable keys, positionals. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string[]>;
}

/**
 * @param booleanFlags flags that take no value (e.g. ["json"])
 * @param valueFlags flags that take a value (e.g. ["data", "route"])
 * Unknown flags are a UsageError naming the flag and the accepted ones.
 */
export function parseArgs(argv: string[], booleanFlags: string[], valueFlags: string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      if (arg !== '--') out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (booleanFlags.includes(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      out.flags.add(name);
    } else if (valueFlags.includes(name)) {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      out.values.set(name, [...(out.values.get(name) ?? []), value]);
    } else {
      const known = [...booleanFlags, ...valueFlags].map((f) => `--${f}`).join(', ');
      throw new UsageError(`unknown option --${name} (known: ${known || 'none'})`);
    }
  }
  return out;
}

/** The last value of a flag, or undefined. */
export function lastValue(args: ParsedArgs, name: string): string | undefined {
  const values = args.values.get(name);
  return values ? values[values.length - 1] : undefined;
}
