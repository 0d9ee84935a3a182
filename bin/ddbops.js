#!/usr/bin/env node
'use strict';
// Runs the precompiled CLI (npm run build): lib/bundle/ddbops.js is lib/src/cli/main.js and everything
// it loads in one file, so a cold start resolves one module instead of ~370. No ts-node on the hot path.
require('./compile-cache');
let main;
try {
  ({ main } = require('../lib/bundle/ddbops.js'));
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /lib[\\/]bundle[\\/]ddbops\.js/.test(String(e.message))) {
    process.stderr.write('error: ddbops is not built\n  fix: run `npm run build` (or `npm ci`, which builds)\n');
    process.exit(2);
  }
  throw e;
}
main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
}).then((code) => { process.exitCode = code; });
