/**
 * `cdk8s synth`, as a cdk8s user types it, with the real cdk8s CLI from
 * node_modules: it runs `ddbops synth` (cdk8s.yaml's app), which writes
 * dist/ and the design document atomically and copies the manifests into the
 * CLI's scratch output folder; `--stdout` prints them and writes nothing else.
 */
import { execFile } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from '../../src/write/output-guard';
import { REPO_ROOT } from '../harness/tools';
import { synthRepo } from '../integration/synth-fixture';
import { snapshot } from '../write/temp-project';

const CDK8S = join(REPO_ROOT, 'node_modules', '.bin', 'cdk8s');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cdk8s(cwd: string, ...args: string[]): Promise<Run> {
  // The upgrade check asks registry.npmjs.org; offline it only adds noise to stderr.
  const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
  return new Promise((done) => {
    execFile(CDK8S, args, { cwd, env, timeout: 120_000, maxBuffer: 64 << 20 }, (e, stdout, stderr) => {
      done({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr });
    });
  });
}

/** dir/relative path → content, the marker included. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of Object.keys(snapshot(dir)).filter((k) => !k.endsWith('/'))) out[rel] = readFileSync(join(dir, rel), 'utf8');
  return out;
}

let project: string;
beforeEach(() => {
  // A user's checkout: the inputs and cdk8s.yaml as committed; the engine's bin/ and scripts/ linked, not copied.
  project = mkdtempSync(join(tmpdir(), 'ddbops-cdk8s-'));
  for (const p of ['project.yaml', 'schemas', 'environments', 'cdk8s.yaml']) cpSync(join(REPO_ROOT, p), join(project, p), { recursive: true });
  for (const p of ['bin', 'scripts']) symlinkSync(join(REPO_ROOT, p), join(project, p));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

test('cdk8s synth writes exactly what ddbops synth renders, into dist/, and lists a copy in .cdk8s.out/', async () => {
  // WHEN
  const r = await cdk8s(project, 'synth');

  // THEN
  expect(r.code).toBe(0);
  const expected = { ...Object.fromEntries(synthRepo().files), [OUTPUT_MARKER]: OUTPUT_MARKER_TEXT };
  expect(files(join(project, 'dist'))).toEqual(expected);
  expect(files(join(project, '.cdk8s.out'))).toEqual(expected);
  expect(readFileSync(join(project, 'docs', 'dynamodb-design.md'), 'utf8')).toEqual(readFileSync(join(REPO_ROOT, 'docs', 'dynamodb-design.md'), 'utf8'));
  expect(r.stdout).toContain('  - .cdk8s.out/prod/dynamodbtable-tenants.yaml\n');
  // (build-if-stale may first say it rebuilds, when a source file changed after the last build)
  expect(r.stderr.split('\n').filter((l) => !l.includes('npm run build')).join('\n'))
    .toBe('wrote 32 files (argocd-cm-patch 1, argocd 7, dev 6, platform 6, prod 6, sit 6) to dist/ and .cdk8s.out/, and docs/dynamodb-design.md\n');
});

test('invalid input: cdk8s synth fails with ddbops\' findings and exit code, and the previous dist/ is left as it was', async () => {
  // GIVEN a previous run, then a BOOL key
  expect((await cdk8s(project, 'synth')).code).toBe(0);
  const before = snapshot(join(project, 'dist'));
  const file = join(project, 'schemas', 'products.schema.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"name": "PK",\n      "type": "S"', '"name": "PK",\n      "type": "BOOL"'));

  // WHEN
  const r = await cdk8s(project, 'synth');

  // THEN
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('schemas/products.schema.json');
  expect(r.stderr).toContain('synth refused: fix the errors above; the previous output was left untouched\n');
  expect(snapshot(join(project, 'dist'))).toEqual(before);
});

test('cdk8s synth --stdout prints every manifest and writes nothing', async () => {
  // WHEN
  const r = await cdk8s(project, 'synth', '--stdout');

  // THEN
  expect(r.code).toBe(0);
  const printed = parseAllDocuments(r.stdout).map((d) => JSON.stringify(d.toJS()));
  const rendered = [...synthRepo().files.values()].map((text) => JSON.stringify(parseAllDocuments(text)[0].toJS()));
  expect(printed.sort()).toEqual(rendered.sort());
  // Nothing from ddbops (the CLI's own MaxListeners warnings, from piping 30 files at once, are its business).
  expect(r.stderr).not.toMatch(/^(wrote |error: |internal error|synth refused)/m);
  expect(existsSync(join(project, 'dist'))).toBe(false);
  expect(existsSync(join(project, 'docs'))).toBe(false);
});
