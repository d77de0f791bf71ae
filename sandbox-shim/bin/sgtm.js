#!/usr/bin/env node
// The CLI is written in TypeScript; tsx compiles it on the fly so `npx sgtm` needs no build step.
require('tsx/cjs');
require('../cli.ts').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err && err.stack ? err.stack : String(err)); process.exitCode = 2; },
);
