/** What the deploy verbs touch outside themselves, injectable so tests run them in-process. */
import path from 'path';

export interface DeployIO {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  /** The project root: template/, src/template/releases.json, package.json, README.md, LICENSE. */
  root?: string;
  /** The template src/ builds today (for the `build --check` refusal); defaults to a real build. */
  built?: () => Promise<string>;
  /** Waits between quota retries. */
  sleep?: (ms: number) => Promise<void>;
  /** The HTTP client for Google's APIs (see CredentialOptions.fetchImplementation). */
  fetchImplementation?: typeof fetch;
}

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const TEMPLATE_FILE = path.join('template', 'template.tpl');

export async function buildFromSources(): Promise<string> {
  // Loaded on use: the bundler is only needed when a verb checks the template is current.
  const { buildTemplate } = require('../build/command') as typeof import('../build/command');
  return (await buildTemplate()).tpl;
}

export function resolveIO(io: DeployIO) {
  return {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    root: io.root ?? PROJECT_ROOT,
    built: io.built ?? buildFromSources,
    sleep: io.sleep,
    fetchImplementation: io.fetchImplementation,
  };
}
