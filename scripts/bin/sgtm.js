#!/usr/bin/env node
// The CLI is written in TypeScript; ts-node (with SWC, see tsconfig.json) compiles it on the fly,
// so `npx sgtm` needs no build step.
require('ts-node').register({ project: require('path').join(__dirname, '..', '..', 'tsconfig.json') });
require('../sgtm.ts').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err && err.stack ? err.stack : String(err)); process.exitCode = 2; },
);
