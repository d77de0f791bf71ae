/**
 * TypeScript → sandboxed JS: esbuild bundles the tag into one function body, lower.ts rewrites
 * what esbuild prints but GTM cannot run, then the shim's language validator and our sandbox lint
 * check the result. Every problem is reported at its TypeScript source (via esbuild's source map).
 */
import * as esbuild from 'esbuild';
import path from 'path';
import { checkLanguage, requiredApis } from '../../sandbox-shim/template';
import type { Problem } from '../../sandbox-shim/types';
import { applyEdits, lineColumnToOffset, loweringEdits, offsetBeforeEdits, offsetToLineColumn, SANDBOX_REQUIRE } from './lower';
import { lintSandboxCode } from './sandbox-lint';
import { decodeMappings, originalPosition, RawSourceMap } from './source-map';

export interface CodeProblem extends Problem {
  /** "src/file.ts:line:column" when the source map knows it. */
  source?: string;
}

export interface CompiledCode {
  code: string;
  /** API names the code requires, in first-use order. */
  apis: string[];
  problems: CodeProblem[];
}

export const CODE_SECTION = '___SANDBOXED_JS_FOR_SERVER___';

export async function compileTag(entry: string, root: string): Promise<CompiledCode> {
  let result: esbuild.BuildResult & { outputFiles: esbuild.OutputFile[] };
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: root,
      outfile: path.join(root, 'tag.js'),
      bundle: true,
      write: false,
      format: 'esm',
      target: 'es2020',
      platform: 'neutral',
      pure: [SANDBOX_REQUIRE],
      sourcemap: 'external',
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
    });
  } catch (err) {
    const errors = (err as esbuild.BuildFailure).errors ?? [];
    const problems: CodeProblem[] = errors.length
      ? errors.map((e) => ({
        severity: 'error', where: CODE_SECTION, construct: 'esbuild', message: e.text,
        source: e.location ? `${e.location.file}:${e.location.line}:${e.location.column}` : undefined,
      }))
      : [{ severity: 'error', where: CODE_SECTION, construct: 'esbuild', message: String((err as Error).message) }];
    return { code: '', apis: [], problems };
  }
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map'))!.text) as RawSourceMap;
  const edits = loweringEdits(js);
  const lowered = applyEdits(js, edits);
  const code = lowered.trim();
  const leading = lowered.length - lowered.trimStart().length;

  const decoded = decodeMappings(map.mappings);
  const locate = (p: Problem): CodeProblem => {
    if (p.line === undefined) return p;
    const offset = offsetBeforeEdits(edits, lineColumnToOffset(code, p.line, p.column ?? 0) + leading);
    const at = offsetToLineColumn(js, offset);
    const original = originalPosition(map, decoded, at.line, at.column);
    return original ? { ...p, source: `${original.source}:${original.line}:${original.column + 1}` } : p;
  };
  const problems = [...checkLanguage(code, CODE_SECTION), ...lintSandboxCode(code, CODE_SECTION)]
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    .map(locate);
  return { code, apis: requiredApis(code), problems };
}

export function formatProblem(p: CodeProblem): string {
  const at = p.source ?? `${p.where}${p.line !== undefined ? `:${p.line}:${p.column ?? 0}` : ''}`;
  return `${at}: ${p.severity}: ${p.construct ? p.construct + ': ' : ''}${p.message}`;
}
