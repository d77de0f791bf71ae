/** Fires the BUILT template (template/template.tpl) once through the shim against a TikTokStub. */
import { readFileSync } from 'fs';
import path from 'path';
import { parseTemplate, runTemplate } from '../../../sandbox-shim';
import type { ParsedTemplate, PreviewRecord, RunOptions } from '../../../sandbox-shim';

export const TEMPLATE_PATH = path.resolve(__dirname, '..', '..', '..', 'template', 'template.tpl');
export const TOKEN = 'tt-secret-token-8f3a9c1d2e';
export const PIXEL = 'CTEST1234PIXEL';
export const NOW_MS = 1764070000000;

let cached: ParsedTemplate | undefined;
export function builtTemplate(): ParsedTemplate {
  if (!cached) cached = parseTemplate(readFileSync(TEMPLATE_PATH, 'utf8'), 'template.tpl');
  return cached;
}

export const BASE_DATA = { accessToken: TOKEN, pixelCode: PIXEL };

export interface TagRun {
  record: PreviewRecord;
  /** Parsed health-log lines, in order. */
  logs: Record<string, any>[];
  result: Record<string, any> | undefined;
}

export async function fireTag(origin: string, data: Record<string, unknown>, eventData: Record<string, unknown>, extra: Partial<RunOptions> = {}): Promise<TagRun> {
  const record = await runTemplate(builtTemplate(), {
    data: { ...BASE_DATA, ...data },
    eventData,
    routes: { 'business-api.tiktok.com': origin },
    now: () => NOW_MS,
    containerVersion: { previewMode: false, debugMode: false },
    tagTimeoutMs: 10000,
    permissions: 'strict',
    ...extra,
  });
  // The shim adds its own debug lines (e.g. a failed request); health-log lines are the JSON ones.
  const logs = record.console.filter((entry) => entry.message.startsWith('{')).map((entry) => JSON.parse(entry.message));
  return { record, logs, result: logs.find((l) => l.type === 'result') };
}
