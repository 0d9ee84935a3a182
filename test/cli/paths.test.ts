/**
 * Every path flag takes an absolute or a relative path (relative to the
 * working folder), and without flags every command finds the project the way
 * git finds a repository: the nearest project.yaml at or above the working
 * folder, with schemas/, environments/, dist/ and docs/ next to it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { removeProject, run, spawnCli, tempProject } from '../write/temp-project';

let repo: string;
let elsewhere: string;
beforeEach(() => {
  repo = tempProject();
  elsewhere = mkdtempSync(join(tmpdir(), 'ddbops-elsewhere-'));
});
afterEach(() => {
  removeProject(repo);
  rmSync(elsewhere, { recursive: true, force: true });
});

const VALID = '✓ 3 schemas and 3 environments valid\n';

describe('input flags', () => {
  test.each([
    ['absolute', (r: string) => ['--project', join(r, 'project.yaml'), '--schemas', join(r, 'schemas'), '--environments', join(r, 'environments')]],
    ['relative to the working folder', (r: string) => ['--project', join(r, 'project.yaml').replace(`${elsewhere}/`, ''), '--schemas', `../${r.split('/').pop()}/schemas`, '--environments', `../${r.split('/').pop()}/environments`]],
  ])('--project, --schemas and --environments, %s, from a folder outside the project', async (_how, flags) => {
    // WHEN
    const r = await run(elsewhere, 'validate', ...flags(repo));

    // THEN
    expect(r).toEqual({ code: 0, stdout: VALID, stderr: '' });
  });

  test('findings name files relative to the working folder', async () => {
    // GIVEN a broken schema
    writeFileSync(join(repo, 'schemas', 'broken.schema.json'), '{');

    // WHEN run from inside schemas/
    const r = await run(join(repo, 'schemas'), 'validate');

    // THEN
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  broken.schema.json:1  $  [syntax]\n');
  });

  test('without a project.yaml at or above the working folder, the fix says where to run from', async () => {
    // WHEN
    const r = await run(elsewhere, 'validate');

    // THEN
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: no project.yaml in ${elsewhere} or any folder above it\n  fix: run ddbops inside the project (the folder holding project.yaml, or one below it), or pass --project FILE\n`,
    });
  });
});

describe('output and desired-state flags', () => {
  test('synth --out and --docs, absolute', async () => {
    // WHEN
    const r = await run(elsewhere, 'synth', '--project', join(repo, 'project.yaml'), '--out', join(elsewhere, 'out'), '--docs', join(elsewhere, 'design.md'));

    // THEN
    expect(r).toEqual({
      code: 0,
      stdout: `wrote 32 files (argocd-cm-patch 1, argocd 7, dev 6, platform 6, prod 6, sit 6) to ${join(elsewhere, 'out')}/, and ${join(elsewhere, 'design.md')}\n`,
      stderr: '',
    });
  });

  test('docs --out, absolute', async () => {
    // WHEN
    const r = await run(repo, 'docs', '--out', join(elsewhere, 'design.md'));

    // THEN
    expect(r).toEqual({ code: 0, stdout: `wrote ${join(elsewhere, 'design.md')}\n`, stderr: '' });
  });

  test.each([
    ['absolute', (r: string) => join(r, 'dist')],
    ['relative', () => '../dist'],
  ])('status --dist %s and --kubeconfig: dist/ is read, then the kubeconfig is named in the error', async (_how, dist) => {
    // GIVEN a rendered dist/ and no kubeconfig at the given path
    expect((await run(repo, 'synth')).code).toBe(0);
    mkdirSync(join(repo, 'sub'));

    // WHEN
    const r = spawnCli(join(repo, 'sub'), 'status', '--dist', dist(repo), '--kubeconfig', join(elsewhere, 'missing-kubeconfig'));

    // THEN
    expect(r).toEqual({ code: 2, stdout: '', stderr: `error: cannot read kubeconfig ${join(elsewhere, 'missing-kubeconfig')}: no such file\n` });
  });

  test('status --kubeconfig relative to the working folder', async () => {
    // GIVEN
    expect((await run(repo, 'synth')).code).toBe(0);

    // WHEN
    const r = spawnCli(join(repo, 'schemas'), 'status', '--kubeconfig', 'no-such-config');

    // THEN the default dist/ is the project's, and the kubeconfig is resolved from schemas/
    expect(r).toEqual({ code: 2, stdout: '', stderr: `error: cannot read kubeconfig ${join(repo, 'schemas', 'no-such-config')}: no such file\n` });
  });
});
