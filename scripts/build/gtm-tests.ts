/**
 * The GTM-native tests kept as sandboxed-JS files: src/gtm-tests/setup.js runs before every
 * scenario; every other *.js file is one scenario, named by its first line ("// <name>").
 */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import type { Scenario } from './tests-yaml';

export interface GtmTests {
  scenarios: Scenario[];
  setup: string;
}

export function readGtmTests(dir: string): GtmTests {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  const scenarios: Scenario[] = [];
  let setup = '';
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8').replace(/\r\n/g, '\n').trim();
    if (file === 'setup.js') {
      setup = text;
      continue;
    }
    const firstLine = text.split('\n', 1)[0];
    const match = /^\/\/\s*(.+?)\s*$/.exec(firstLine);
    if (!match) throw new Error(`${path.join(dir, file)}: the first line must be "// <scenario name>"`);
    scenarios.push({ name: match[1], code: text.slice(firstLine.length).trim() });
  }
  return { scenarios, setup };
}
