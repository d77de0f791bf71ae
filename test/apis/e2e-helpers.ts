/** Builds small in-memory templates and fires them through the real runtime (runTemplate). */
import { runTemplate } from '../../sandbox-shim/index';
import type { ParsedTemplate, Permission, PreviewRecord, RunOptions } from '../../sandbox-shim/types';

export function template(code: string, permissions: Permission[] = [], type = 'MACRO'): ParsedTemplate {
  return {
    name: 'apis-e2e.tpl',
    info: { type, displayName: 'apis e2e', containerContexts: ['SERVER'] },
    parameters: [],
    code,
    codeSection: '___SANDBOXED_JS_FOR_SERVER___',
    permissions,
    tests: { scenarios: [], setup: '' },
    sections: {},
    codeStartLine: 1,
  };
}

/** Runs code as a variable template and returns the preview record. */
export function run(code: string, permissions: Permission[] = [], options: RunOptions & Record<string, unknown> = {}, type = 'MACRO'): Promise<PreviewRecord> {
  return runTemplate(template(code, permissions, type), { tagTimeoutMs: 2000, ...options });
}
