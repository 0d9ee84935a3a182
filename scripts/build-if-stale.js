#!/usr/bin/env node
'use strict';
// Rebuilds lib/ (npm run build: tsc, then the esbuild bundle) only when a source file is newer than the
// bundle, so `npm run synth` and `cdk8s synth` take a fraction of a second when nothing changed instead of
// recompiling every time. Sources: every .ts file tsc compiles, plus the build's own configuration.
const { spawnSync } = require('child_process');
const { readdirSync, statSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const BUNDLE = join(ROOT, 'lib', 'bundle', 'ddbops.js');
const SOURCE_DIRS = ['src', 'charts', 'compositions', 'imports'];
const CONFIG_FILES = ['tsconfig.json', 'package.json', 'package-lock.json'];

function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function mtime(p) {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

const built = mtime(BUNDLE);
const sources = Math.max(...SOURCE_DIRS.map((d) => newestMtime(join(ROOT, d))), ...CONFIG_FILES.map((f) => mtime(join(ROOT, f))));
if (built === 0 || sources > built) {
  process.stderr.write(built === 0 ? 'ddbops is not built yet: npm run build\n' : 'sources changed since the last build: npm run build\n');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
