/**
 * Canaries: the proof that an attack did NOT reach the host. Each attack gets a unique file path
 * it tries to write and a unique environment variable it tries to read; the test checks that the
 * file does not exist and that the variable's value appears in nothing the run produced.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

export interface Canary {
  /** Where an escaped attack writes; must never exist. */
  file: string;
  /** Name and value of an environment variable only the host knows. */
  envName: string;
  envValue: string;
}

export function makeCanary(): Canary {
  const id = crypto.randomBytes(6).toString('hex');
  return {
    file: path.join(os.tmpdir(), `sgtm-canary-${process.pid}-${id}.txt`),
    envName: `SGTM_CANARY_${id.toUpperCase()}`,
    envValue: `canary-secret-${id}`,
  };
}

/** Puts the canary variable into this process's environment for the duration of an in-process attack. */
export function armCanary(canary: Canary): () => void {
  // Under jest, test code sees a copy of process; an escape may reach either it or Node's own.
  const envs = new Set([process.env, (vm.runInThisContext('process') as NodeJS.Process).env]);
  for (const env of envs) env[canary.envName] = canary.envValue;
  return () => {
    for (const env of envs) delete env[canary.envName];
    fs.rmSync(canary.file, { force: true });
  };
}

/** Why the canary says the attack got through, or undefined when it did not. */
export function canaryBreach(canary: Canary, outputs: unknown[]): string | undefined {
  if (fs.existsSync(canary.file)) return `the attack wrote ${canary.file}: ${fs.readFileSync(canary.file, 'utf8')}`;
  for (const out of outputs) {
    const text = typeof out === 'string' ? out : JSON.stringify(out) ?? '';
    if (text.includes(canary.envValue)) return `the host's ${canary.envName} reached the output: …${text.slice(Math.max(0, text.indexOf(canary.envValue) - 120), text.indexOf(canary.envValue) + 40)}…`;
  }
  return undefined;
}

/**
 * Sandbox code that defines `CANARY_FILE`, `CANARY_ENV`, `pwn(F)`, `pwnVia(value)` and `catchError(thunk, handler)`: given a host Function (or any value
 * whose constructor chain ends in one), it reaches `process`, reads the canary variable, writes
 * the canary file and logs the secret. `catchError(thunk, handler)` is the sandbox's try/catch. Against a sound sandbox `F('return process')` throws
 * EvalError (the sandbox's Function cannot compile strings). Written in the language GTM allows
 * (arrow functions, computed keys), so the language check passes it.
 */
export function payload(canary: Canary): string {
  return [
    `const CANARY_FILE = ${JSON.stringify(canary.file)};`,
    `const CANARY_ENV = ${JSON.stringify(canary.envName)};`,
    `const C = 'constr' + 'uctor';`,
    `const pwn = (F) => {`,
    `  const proc = F('return process')();`,
    `  const secret = proc.env[CANARY_ENV];`,
    `  proc.getBuiltinModule('fs').writeFileSync(CANARY_FILE, 'escaped: ' + secret);`,
    `  require('logToConsole')('escaped: ' + secret);`,
    `  return secret;`,
    `};`,
    `const pwnVia = (value) => pwn(value[C][C]);`,
    // try/catch is not allowed, but a thenable whose then() throws rejects the promise that adopts it.
    `const catchError = (thunk, handler) => require('Promise').create((resolve) => resolve({then: () => thunk()})).then(null, handler);`,
  ].join('\n');
}
