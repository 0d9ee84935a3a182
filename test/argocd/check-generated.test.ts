/**
 * scripts/check-generated.sh (CI's stale-dist/ check), run for real on a copy
 * of this working tree: a schema changed without re-running synth fails with
 * the diff and the fix; after synth it passes.
 *
 * The copy holds every file git would commit (`git ls-files -co
 * --exclude-standard`, so uncommitted work is included), node_modules
 * symlinked, and this checkout's compiled lib/ copied, so the script runs with
 * --skip-build instead of spending ~40 s on the build (without a lib/ it builds).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { REPO_ROOT } from '../harness/tools';
import { tempDir } from '../integration/synth-fixture';

function copyWorkingTree(to: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(REPO_ROOT, f)) && fs.statSync(path.join(REPO_ROOT, f)).isFile());
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, f), path.join(to, f));
    fs.chmodSync(path.join(to, f), fs.statSync(path.join(REPO_ROOT, f)).mode);
  }
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(to, 'node_modules'), 'dir');
  if (fs.existsSync(path.join(REPO_ROOT, 'lib', 'bundle', 'ddbops.js'))) {
    fs.cpSync(path.join(REPO_ROOT, 'lib'), path.join(to, 'lib'), { recursive: true });
  } else {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: to, stdio: 'pipe' });
  }
}

function run(cwd: string, cmd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CHECK_GENERATED_MAX_LINES: '200' } });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The fix commands a failed check prints, between "Fix: run" and "and commit". */
function fixCommands(stderr: string): string[] {
  const lines = stderr.split('\n');
  const from = lines.indexOf('Fix: run');
  const to = lines.findIndex((l, i) => i > from && l.startsWith('and commit'));
  return from < 0 || to < 0 ? [] : lines.slice(from + 1, to).map((l) => l.trim()).filter(Boolean);
}

/**
 * Runs the fixes the check prints. `npm run synth` is the build, then `node
 * bin/ddbops.js synth` and `docs`; the copy already has this checkout's
 * build, so only the last two run.
 */
function applyFixes(cwd: string, stderr: string): string[] {
  const fixes = fixCommands(stderr);
  for (const fix of fixes) {
    const cmd = fix === 'npm run synth' ? 'node bin/ddbops.js synth && node bin/ddbops.js docs' : fix;
    const r = run(cwd, 'bash', ['-c', cmd]);
    if (r.code !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  }
  return fixes;
}

describe('scripts/check-generated.sh', () => {
  const { dir: copy, cleanup } = tempDir('check-generated-');
  beforeAll(() => {
    copyWorkingTree(copy);
    // Start from generated files that match the copy's own sources.
    applyFixes(copy, run(copy, 'scripts/check-generated.sh', ['--skip-build']).stderr);
  }, 180_000);
  afterAll(cleanup);

  test('passes when dist/ is what synth renders', () => {
    const r = run(copy, 'scripts/check-generated.sh', ['--skip-build']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain('up to date');
  });

  test('a schema changed without re-running synth fails with the files, the diff and the fix; after synth it passes', () => {
    // GIVEN tenants moves to the infrequent-access table class, and nobody runs synth
    const schema = path.join(copy, 'schemas', 'tenants.schema.json');
    const json = JSON.parse(fs.readFileSync(schema, 'utf8')) as { tableClass?: string };
    json.tableClass = 'STANDARD_INFREQUENT_ACCESS';
    fs.writeFileSync(schema, `${JSON.stringify(json, null, 2)}\n`);

    // WHEN CI checks the generated files
    const stale = run(copy, 'scripts/check-generated.sh', ['--skip-build']);

    // THEN it fails, naming every changed file, showing the change, and saying how to fix it
    expect(stale.code).toBe(1);
    const changed = stale.stderr.split('\n').filter((l) => /^ {2}[+~-] dist\//.test(l)).sort();
    expect(changed).toEqual([
      '  ~ dist/dev/dynamodbtable-tenants.yaml',
      '  ~ dist/prod/dynamodbtable-tenants.yaml',
      '  ~ dist/sit/dynamodbtable-tenants.yaml',
    ]);
    expect(stale.stderr).toContain('-  tableClass: STANDARD\n');
    expect(stale.stderr).toContain('+  tableClass: STANDARD_INFREQUENT_ACCESS\n');
    expect(stale.stderr).toMatch(/check-generated: FAILED: generated files are out of date: dist\b/);
    expect(fixCommands(stale.stderr)[0]).toBe('npm run synth');
    expect(stale.stderr).not.toContain(copy);

    // WHEN the printed fixes run (npm run synth first)
    expect(applyFixes(copy, stale.stderr)[0]).toBe('npm run synth');
    // THEN the check passes
    const fresh = run(copy, 'scripts/check-generated.sh', ['--skip-build']);
    expect({ code: fresh.code, stderr: fresh.stderr }).toEqual({ code: 0, stderr: '' });
  });

  test('a hand edit under dist/ and a stray file are caught, only dist is blamed, and a long diff is cut', () => {
    // GIVEN someone edits a generated file and drops another one in
    const prodApp = path.join(copy, 'dist', 'argocd', 'apps', 'application-bbws-dynamodb-prod.yaml');
    fs.writeFileSync(prodApp, fs.readFileSync(prodApp, 'utf8').replace('prune: false', 'prune: true'));
    fs.writeFileSync(path.join(copy, 'dist', 'prod', 'extra.yaml'), 'kind: Stray\n');
    // WHEN the check runs with the diff limited to 12 lines
    const r = spawnSync('scripts/check-generated.sh', ['--skip-build'], { cwd: copy, encoding: 'utf8', env: { ...process.env, CHECK_GENERATED_MAX_LINES: '12' } });
    // THEN
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('  ~ dist/argocd/apps/application-bbws-dynamodb-prod.yaml\n');
    expect(r.stderr).toContain('  - dist/prod/extra.yaml\n');
    expect(r.stderr).toContain('-      prune: true\n+      prune: false\n');
    expect(r.stderr).toMatch(/\n\.\.\. \d+ more diff lines not shown\n/);
    expect(r.stderr).toContain('out of date: dist\n');
    expect(fixCommands(r.stderr)).toEqual(['npm run synth']);
  });

  test('a JSON Schema edited by hand is caught, with its own fix, and the fix makes the check pass', () => {
    // GIVEN generated files that match (the test above left dist/ edited), and a committed schema that no longer matches the zod model
    fs.rmSync(path.join(copy, 'dist', 'prod', 'extra.yaml'), { force: true });
    applyFixes(copy, run(copy, 'scripts/check-generated.sh', ['--skip-build']).stderr);
    const schema = path.join(copy, 'json-schema', 'project.schema.json');
    fs.writeFileSync(schema, fs.readFileSync(schema, 'utf8').replace('"title": "ddbops project"', '"title": "edited"'));
    // WHEN the check runs
    const stale = run(copy, 'scripts/check-generated.sh', ['--skip-build']);
    // THEN only json-schema is blamed, and its generator is the fix
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('  ~ json-schema/project.schema.json\n');
    expect(stale.stderr).toContain('out of date: json-schema\n');
    expect(fixCommands(stale.stderr)).toEqual(['npm run json-schema']);
    // WHEN the fix runs, THEN the check passes
    applyFixes(copy, stale.stderr);
    expect(run(copy, 'scripts/check-generated.sh', ['--skip-build']).code).toBe(0);
  });
});
