/**
 * `sgtm build` / `npm run build`: compile src/ into template/template.tpl and
 * template/metadata.yaml. Fails (exit 1) on any sandbox-language problem, on permissions that are
 * not least privilege, or when the assembled template does not validate. `--check` writes nothing
 * and fails when the committed files differ from what the sources produce.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import path from 'path';
import { parseTemplate, validateTemplate } from '../../sandbox-shim/template';
import { parseArgs, UsageError } from '../../sandbox-shim/cli/args';
import { ENDPOINT_URL } from '../../src/template/endpoint';
import type { Field } from '../../src/template/field-types';
import { FIELDS } from '../../src/template/fields';
import { INFO, NOTES } from '../../src/template/info';
import { PERMISSIONS, PermissionDeclaration } from '../../src/template/permissions';
import { CodeProblem, compileTag, formatProblem } from './compile';
import { readGtmTests } from './gtm-tests';
import { encodePermissions, leastPrivilegeProblems } from './permissions';
import { testsYaml } from './tests-yaml';
import { assembleTpl } from './tpl';
import { galleryMetadataFor, MetadataError } from './metadata';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface BuildInputs {
  root: string;
  entry: string;
  fields: Field[];
  permissions: PermissionDeclaration[];
  testsDir: string;
  info: unknown;
  notes: string;
}

export interface BuildOutput {
  tpl: string;
  metadata: string;
  code: string;
  apis: string[];
}

export class BuildError extends Error {
  constructor(public readonly problems: string[]) {
    super(`build failed:\n${problems.map((p) => '  ' + p).join('\n')}`);
    this.name = 'BuildError';
  }
}

export function defaultInputs(): BuildInputs {
  return {
    root: ROOT,
    entry: path.join(ROOT, 'src', 'main.ts'),
    fields: FIELDS,
    permissions: PERMISSIONS,
    testsDir: path.join(ROOT, 'src', 'gtm-tests'),
    info: INFO,
    notes: NOTES,
  };
}

/** Builds the template in memory; throws BuildError listing every problem found. */
export async function buildTemplate(overrides: Partial<BuildInputs> = {}): Promise<BuildOutput> {
  const inputs = { ...defaultInputs(), ...overrides };
  const compiled = await compileTag(inputs.entry, inputs.root);
  if (compiled.problems.length > 0) {
    throw new BuildError(compiled.problems.map((p: CodeProblem) => formatProblem(p)));
  }
  const privilege = leastPrivilegeProblems(compiled.apis, inputs.permissions, ENDPOINT_URL);
  if (privilege.length > 0) throw new BuildError(privilege.map((p) => 'permissions: ' + p));

  const tests = readGtmTests(inputs.testsDir);
  const tpl = assembleTpl({
    info: inputs.info,
    parameters: inputs.fields,
    code: compiled.code,
    permissions: encodePermissions(inputs.permissions),
    tests: testsYaml(tests.scenarios, tests.setup),
    notes: inputs.notes,
  });
  const validation = validateTemplate(parseTemplate(tpl, 'template.tpl'));
  const errors = validation.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new BuildError(errors.map((p) => `template.tpl ${p.where}${p.line !== undefined ? ':' + p.line : ''}: ${p.message}`));
  }
  let metadata: string;
  try {
    metadata = galleryMetadataFor(inputs.root);
  } catch (err) {
    if (err instanceof MetadataError) throw new BuildError([`metadata.yaml: ${err.message}`]);
    throw err;
  }
  return { tpl, metadata, code: compiled.code, apis: compiled.apis };
}

export const help = `usage: sgtm build [--check]      (also: npm run build)

Compiles the tag's TypeScript sources (src/) with esbuild into sandboxed JavaScript, checks it
with the shim's language validator (errors point at the TypeScript source), checks that the
declared permissions are least privilege for the APIs the code uses, validates the assembled
template, and writes template/template.tpl and template/metadata.yaml (byte-stable: the same
sources give the same bytes).

Options:
  --check      Write nothing; fail when the committed template/ files differ from what the
               sources produce (CI runs this).
  -h, --help   This help.

Exit codes: 0 built (or up to date with --check), 1 a build problem or a stale template/ file,
2 bad usage.`;

export const OUTPUT_FILES = { tpl: path.join('template', 'template.tpl'), metadata: path.join('template', 'metadata.yaml') };

export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['check'], []);
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}" (usage: sgtm build [--check])`);
  let output: BuildOutput;
  try {
    output = await buildTemplate();
  } catch (err) {
    if (err instanceof BuildError) {
      process.stderr.write(err.message + '\n');
      return 1;
    }
    throw err;
  }
  const files: [string, string][] = [[OUTPUT_FILES.tpl, output.tpl], [OUTPUT_FILES.metadata, output.metadata]];
  if (parsed.flags.has('check')) {
    const stale = files.filter(([file, text]) => !existsSync(path.join(ROOT, file)) || readFileSync(path.join(ROOT, file), 'utf8') !== text);
    for (const [file] of stale) process.stderr.write(`${file} is not up to date with src/: run "npm run build" and commit it\n`);
    return stale.length > 0 ? 1 : 0;
  }
  mkdirSync(path.join(ROOT, 'template'), { recursive: true });
  for (const [file, text] of files) writeFileSync(path.join(ROOT, file), text);
  process.stdout.write(`built ${OUTPUT_FILES.tpl} (${Buffer.byteLength(output.tpl)} bytes; code requires ${output.apis.join(', ')})\n`);
  return 0;
}
