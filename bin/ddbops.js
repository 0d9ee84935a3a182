#!/usr/bin/env node
'use strict';
// Runs the precompiled CLI from lib/ (npm run build); no ts-node on the hot path.
require('./compile-cache');
let main;
try {
  ({ main } = require('../lib/src/cli/main.js'));
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
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
