/**
 * `ddbops plan` around the plan itself: choosing the base, reading it from
 * git (sources or the committed dist/), refusing bad input, --out, and the
 * compiled CLI with every chart registered. Real git repositories throughout.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as renderJsonModule from '../../src/plan/render-json';
import { renderMarkdown } from '../../src/plan/render-markdown';
import { Plan } from '../../src/plan/types';
import { Json, REPO_ROOT, ScratchRepo } from './scratch-repo';

let template: ScratchRepo;
let base: string;
let repo: ScratchRepo;

beforeAll(() => {
  template = new ScratchRepo({ dist: true });
  base = template.commit('base');
});
afterAll(() => template.cleanup());
beforeEach(() => { repo = template.copy(); });
afterEach(() => repo.cleanup());

const changedNames = (stdout: string) => JSON.parse(stdout).changes.filter((c: Json) => c.action !== 'no-op').map((c: Json) => `${c.environment}/${c.name}`);
const tagProducts = (r: ScratchRepo) => r.editJson('schemas/products.schema.json', (s) => { s.tags = { Team: 'catalogue' }; });

describe('choosing the base', () => {
  test('by default the merge-base with origin/main, so commits on the branch are part of the plan', async () => {
    // GIVEN origin/main at the base commit, and a branch commit on top
    repo.git('update-ref', 'refs/remotes/origin/main', base);
    tagProducts(repo);
    repo.commit('tag products');

    // WHEN
    const result = await repo.plan('--format', 'json');

    // THEN
    expect(result.code).toEqual(0);
    expect(JSON.parse(result.stdout).base).toEqual({ ref: 'merge-base of HEAD and origin/main', commit: base, source: 'dist', note: null });
    expect(changedNames(result.stdout)).toEqual(['dev/products', 'prod/products', 'sit/products']);
  });

  test('without origin/main, HEAD: only uncommitted changes are planned', async () => {
    // GIVEN a committed change, synthesized as CI requires
    tagProducts(repo);
    await repo.synth();
    const head = repo.commit('tag products');

    // WHEN
    const result = await repo.plan('--format', 'json');

    // THEN
    expect(JSON.parse(result.stdout).base).toMatchObject({ ref: 'HEAD', commit: head, source: 'dist' });
    expect(changedNames(result.stdout)).toEqual([]);
  });

  test('a change committed without synth is still planned: the base is the dist/ Argo CD applies, which does not have it yet', async () => {
    // GIVEN a committed schema change whose dist/ was not regenerated
    tagProducts(repo);
    repo.commit('tag products, no synth');

    // WHEN
    const result = await repo.plan('--format', 'json');

    // THEN
    expect(changedNames(result.stdout)).toEqual(['dev/products', 'prod/products', 'sit/products']);
  });

  test('--base names any commit', async () => {
    // GIVEN
    tagProducts(repo);
    repo.commit('tag products');

    // WHEN
    const result = await repo.plan('--base', 'HEAD~1', '--format', 'json');

    // THEN
    expect(JSON.parse(result.stdout).base).toMatchObject({ ref: 'HEAD~1', commit: base });
    expect(changedNames(result.stdout)).toHaveLength(3);
  });

  test('an unknown --base is a usage error that says how to fix it', async () => {
    // WHEN
    const result = await repo.plan('--base', 'origin/nope');

    // THEN
    expect(result).toEqual({
      code: 2, stdout: '',
      stderr: 'error: --base origin/nope is not a commit in this repository\n  fix: fetch it first (e.g. git fetch origin main), or pass an existing branch, tag or commit\n',
    });
  });

  test('a repository without commits has an empty base: everything is created', async () => {
    // GIVEN
    const fresh = new ScratchRepo();
    try {
      // WHEN
      const result = await fresh.plan('--format', 'json');

      // THEN
      const plan = JSON.parse(result.stdout);
      expect(result.code).toEqual(0);
      expect(plan.base).toEqual({ ref: 'HEAD', commit: null, source: 'empty', note: 'the repository has no commits yet, so every resource is new' });
      expect(new Set(plan.changes.map((c: Json) => c.action))).toEqual(new Set(['create']));
    } finally {
      fresh.cleanup();
    }
  });
});

describe('reading the base', () => {
  test('a base whose sources no longer validate falls back to its committed dist/, and says so', async () => {
    // GIVEN a base commit with a BOOL key, which today's validator rejects, next to the dist/ it was rendered into
    repo.editJson('schemas/tenants.schema.json', (s) => { s.primaryKey.partitionKey.type = 'BOOL'; });
    const broken = repo.commit('base with a legacy key type');
    repo.git('checkout', '-q', base, '--', 'schemas/tenants.schema.json');

    // WHEN
    const result = await repo.plan('--format', 'json');

    // THEN
    const plan = JSON.parse(result.stdout);
    expect(plan.base).toMatchObject({ ref: 'HEAD', commit: broken, source: 'dist' });
    expect(plan.base.note).toMatch(/^its sources do not validate with this ddbops \(\d+ errors?; first: schemas\/tenants\.schema\.json: .+\), so the base is its committed dist\/$/);
    expect(plan.changes.filter((c: Json) => c.kind === 'DynamoDBTable').length).toEqual(9);
  });

  test('a base with invalid sources and no dist/ is refused rather than planned as all-new', async () => {
    // GIVEN
    repo.remove('dist');
    repo.editJson('schemas/tenants.schema.json', (s) => { s.primaryKey.partitionKey.type = 'BOOL'; });
    repo.commit('broken, no dist');
    repo.git('checkout', '-q', base, '--', 'schemas/tenants.schema.json');

    // WHEN
    const result = await repo.plan();

    // THEN
    expect(result.code).toEqual(2);
    expect(result.stderr).toMatch(/^error: cannot read the base HEAD: its sources do not validate .*, and it has no committed dist\/\n  fix: pass --base at a commit where `ddbops validate` passes\n$/);
  });

  test('outside a git repository plan is a usage error', async () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddbops-nogit-'));
    for (const p of ['schemas', 'environments', 'project.yaml']) fs.cpSync(path.join(REPO_ROOT, p), path.join(dir, p), { recursive: true });
    try {
      // WHEN
      let stderr = '';
      const { main } = await import('../../src/cli/main');
      const code = await main(['plan'], { cwd: dir, stdout: () => undefined, stderr: (t) => { stderr += t; } });

      // THEN
      expect({ code, stderr }).toEqual({
        code: 2,
        stderr: `error: plan needs a git repository: ${dir} is not inside a work tree\n  fix: run it from a clone of the repository; the base side is read from git\n`,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('output', () => {
  test('invalid head inputs: the findings, exit 1, no plan', async () => {
    // GIVEN
    repo.editJson('schemas/tenants.schema.json', (s) => { s.primaryKey.partitionKey.type = 'BOOL'; });

    // WHEN
    const result = await repo.plan();

    // THEN
    expect(result.code).toEqual(1);
    expect(result.stdout).toEqual('');
    expect(result.stderr).toContain('schemas/tenants.schema.json');
    expect(result.stderr).toMatch(/plan refused: the working tree's inputs are invalid; fix the errors above\n$/);
  });

  test('--out writes the chosen format to a file and prints the text plan', async () => {
    // GIVEN
    tagProducts(repo);

    // WHEN
    const result = await repo.plan('--format', 'markdown', '--out', 'plan.md');

    // THEN
    expect(result.code).toEqual(0);
    expect(fs.readFileSync(repo.file('plan.md'), 'utf8')).toMatch(/^## ddbops plan\n/);
    expect(result.stdout).toMatch(/^ddbops plan: base HEAD at /);
  });

  test('--format markdown prints exactly the rendering of the plan', async () => {
    // GIVEN
    tagProducts(repo);
    const spy = jest.spyOn(renderJsonModule, 'renderJson');
    try {
      const json = await repo.plan('--format', 'json');

      // WHEN
      const markdown = await repo.plan('--format', 'markdown');

      // THEN
      expect(json.code).toEqual(0);
      expect(markdown.stdout).toEqual(renderMarkdown(spy.mock.calls[0][0] as Plan));
    } finally {
      spy.mockRestore();
    }
  });
});

test('the compiled CLI, with every chart registered, blocks a prod replace with exit 3', () => {
  // GIVEN
  const bin = path.join(REPO_ROOT, 'bin', 'ddbops.js');
  expect(fs.existsSync(path.join(REPO_ROOT, 'lib', 'src', 'cli', 'commands', 'plan.js'))).toBe(true); // npm test builds lib/ first
  const f = repo.file('schemas/tenants.schema.json');
  fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/\bSK\b/g, 'SortKey'));

  // WHEN
  const r = spawnSync(process.execPath, [bin, 'plan', '--format', 'markdown'], { cwd: repo.dir, encoding: 'utf8' });

  // THEN
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 3, stderr: '' });
  expect(r.stdout).toContain('### ⛔ Blocked: 1 change (this check fails)');
  expect(r.stdout).toContain('| ⛔ | `DynamoDBTable/tenants` | **replace** | `replace` `data-loss` |');
});
