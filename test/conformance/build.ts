/**
 * Regenerates templates/*.tpl from sources/*.ts: `npx ts-node test/conformance/build.ts`.
 * corpus.test.ts fails when a .tpl no longer matches its source.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTpl } from './lib/tpl-writer';
import { SOURCES } from './sources/index';

for (const source of SOURCES) {
  const path = join(__dirname, 'templates', `${source.file}.tpl`);
  writeFileSync(path, renderTpl(source));
  console.log(`wrote ${path} (${source.scenarios.length} scenarios)`);
}
