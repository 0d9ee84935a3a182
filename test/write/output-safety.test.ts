/**
 * No writing command may destroy what ddbops did not write. Every refusal is
 * exit 2 with the reason and the fix, and the whole repository (.git
 * included) is byte-for-byte and mode-for-mode what it was before.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync, readdirSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { guardTreeOutput, OUTPUT_MARKER, ProtectedPaths } from '../../src/write/output-guard';
import { removeProject, run, snapshot, tempProject } from './temp-project';

let repo: string;
beforeEach(() => {
  repo = tempProject();
});
afterEach(() => removeProject(repo));

/** `--out` folders synth must refuse: [name, reason, where to run, args, expected stderr, setup]. */
const TREE_REFUSALS: {
  name: string;
  reason: string;
  cwd?: string;
  args: (repo: string) => string[];
  stderr: (repo: string) => string;
  setup?: (repo: string) => void;
}[] = [
  {
    name: '--out .',
    reason: 'The bug that deleted a whole clone: the current folder is never an output folder.',
    args: () => ['synth', '--out', '.'],
    stderr: () => 'error: refusing to write --out .: it is the current folder, and synth replaces the whole --out folder\n  fix: pass --out a folder of its own, e.g. --out dist\n',
  },
  {
    name: '--out <repository root> from a subfolder',
    reason: 'The root is refused wherever synth runs from.',
    cwd: 'schemas',
    args: (r) => ['synth', '--out', r],
    stderr: (r) => `error: refusing to write --out ${r}: it is the repository root, and synth replaces the whole --out folder\n  fix: pass --out a folder of its own, e.g. --out dist\n`,
  },
  {
    name: '--out ..',
    reason: 'A folder that contains the repository would take it with it.',
    args: () => ['synth', '--out', '..'],
    stderr: () => 'error: refusing to write --out ..: it contains the current folder, and synth replaces the whole --out folder\n  fix: pass --out a folder of its own, e.g. --out dist\n',
  },
  {
    name: '--out schemas',
    reason: 'An input folder would be replaced by manifests.',
    args: () => ['synth', '--out', 'schemas'],
    stderr: () => 'error: refusing to write --out schemas: it is the input folder schemas (--schemas), and synth replaces the whole --out folder\n  fix: pass --out a folder of its own, e.g. --out dist\n',
  },
  {
    name: '--out environments/',
    reason: 'The same for the other input folder, with a trailing slash.',
    args: () => ['synth', '--out', 'environments/'],
    stderr: () => 'error: refusing to write --out environments: it is the input folder environments (--environments), and synth replaces the whole --out folder\n  fix: pass --out a folder of its own, e.g. --out dist\n',
  },
  {
    name: '--out src',
    reason: 'A folder of the user\'s own files is not ddbops output.',
    args: () => ['synth', '--out', 'src'],
    stderr: () => `error: refusing to write --out src: it is not empty and is not a ddbops output folder (no ${OUTPUT_MARKER} marker); it holds app.ts\n  fix: pass --out a folder of its own, e.g. --out dist\n`,
  },
  {
    name: '--out project.yaml',
    reason: 'A file path, and an input too.',
    args: () => ['synth', '--out', 'project.yaml'],
    stderr: () => 'error: refusing to write --out project.yaml: it is the input file project.yaml (--project), and synth replaces the whole --out folder\n  fix: pass --out a folder of its own, e.g. --out dist\n',
  },
  {
    name: '--out README.md',
    reason: 'Any file is refused: synth writes a folder.',
    args: () => ['synth', '--out', 'README.md'],
    stderr: () => 'error: refusing to write --out README.md: it is a file, not a folder\n  fix: pass --out a folder of its own, e.g. --out dist\n',
  },
  {
    name: '--out .git',
    reason: 'git\'s own folder.',
    args: () => ['synth', '--out', '.git'],
    stderr: () => 'error: refusing to write --out .git: it is inside .git, which belongs to git, and synth replaces the whole --out folder\n  fix: pass --out a folder of its own, e.g. --out dist\n',
  },
  {
    name: '--out .git/dist',
    reason: 'Nor anything inside it.',
    args: () => ['synth', '--out', '.git/dist'],
    stderr: () => 'error: refusing to write --out .git/dist: it is inside .git, which belongs to git, and synth replaces the whole --out folder\n  fix: pass --out a folder of its own, e.g. --out dist\n',
  },
  {
    name: 'a previous output with a file someone added',
    reason: 'The marker alone is not enough: every file in the folder must be one ddbops writes.',
    setup: (r) => {
      mkdirSync(join(r, 'out', 'dev'), { recursive: true });
      writeFileSync(join(r, 'out', OUTPUT_MARKER), 'x');
      writeFileSync(join(r, 'out', 'dev', 'notes.txt'), 'mine');
      writeFileSync(join(r, 'out', 'dev', 'extra.yaml'), 'kind: ConfigMap\n');
    },
    args: () => ['synth', '--out', 'out'],
    stderr: () => 'error: refusing to write --out out: it holds files ddbops did not write: dev/extra.yaml, dev/notes.txt\n  fix: move them out of out/ (synth replaces everything in it), or pass --out a folder of its own, e.g. --out dist\n',
  },
  {
    name: 'an output folder from before the marker',
    reason: 'Only ddbops manifests, but no marker: the fix says how to start over.',
    setup: (r) => {
      mkdirSync(join(r, 'dist', 'dev'), { recursive: true });
      writeFileSync(join(r, 'dist', 'dev', 'namespace-bbws-dev.yaml'), '# Generated by ddbops (npm run synth) from schemas/ and environments/. Do not edit.\nkind: Namespace\n');
    },
    args: () => ['synth'],
    stderr: () => `error: refusing to write --out dist: it holds only ddbops manifests, but not the ${OUTPUT_MARKER} marker that newer versions write\n  fix: delete dist/ (everything in it is regenerated) and run again\n`,
  },
  {
    name: 'a symbolic link',
    reason: 'Replacing the link would silently stop writing where it points.',
    setup: (r) => symlinkSync(join(r, 'src'), join(r, 'out')),
    args: () => ['synth', '--out', 'out'],
    stderr: () => 'error: refusing to write --out out: it is a symbolic link\n  fix: pass --out the folder it points to, or a new folder\n',
  },
];

describe('synth --out refuses what it did not write', () => {
  test.each(TREE_REFUSALS)('$name: $reason', async ({ cwd, args, stderr, setup }) => {
    // GIVEN
    setup?.(repo);
    const before = snapshot(repo);

    // WHEN
    const r = await run(cwd ? join(repo, cwd) : repo, ...args(repo));

    // THEN
    expect(r).toEqual({ code: 2, stdout: '', stderr: stderr(repo) });
    expect(snapshot(repo)).toEqual(before);
  });

  test.each([
    ['/', 'the file system root'],
    [homedir(), 'your home folder'],
  ])('--out %s is refused before anything is read (checked on the guard itself, never by running synth there)', (target, what) => {
    // GIVEN
    const paths: ProtectedPaths = { cwd: repo, projectRoot: repo, inputs: [] };

    // WHEN / THEN
    expect(() => guardTreeOutput(target, target, paths)).toThrow(`refusing to write --out ${target}: it is ${what}`);
  });
});

describe('synth --out writes where it may', () => {
  test('a new folder: the manifests, the marker, and normal modes', async () => {
    // WHEN
    const r = await run(repo, 'synth', '--out', 'rendered');

    // THEN
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote 32 files \(argocd-cm-patch 1, argocd 7, dev 6, platform 6, prod 6, sit 6\) to rendered\/\n$/);
    const files = snapshot(join(repo, 'rendered'));
    expect(files[OUTPUT_MARKER]).toMatch(/^644 /);
    expect(files['platform/']).toBe('755');
    expect(Object.values(files).filter((v) => !/^(644 |755$)/.test(v))).toEqual([]);
  });

  test('an empty folder', async () => {
    // GIVEN
    mkdirSync(join(repo, 'rendered'));

    // WHEN
    const r = await run(repo, 'synth', '--out', 'rendered');

    // THEN
    expect(r.code).toBe(0);
    expect(existsSync(join(repo, 'rendered', OUTPUT_MARKER))).toBe(true);
  });

  test('its own previous output, even with files that are no longer rendered', async () => {
    // GIVEN a previous run, and a table whose manifest a later run no longer renders
    expect((await run(repo, 'synth')).code).toBe(0);
    writeFileSync(join(repo, 'dist', 'dev', 'dynamodbtable-orders.yaml'), '# Generated by ddbops (npm run synth) from schemas/ and environments/. Do not edit.\nkind: DynamoDBTable\n');

    // WHEN
    const r = await run(repo, 'synth');

    // THEN
    expect(r.code).toBe(0);
    expect(readdirSync(join(repo, 'dist', 'dev')).sort()).toEqual([
      'dynamodbbackupplan-dynamodb-backup.yaml', 'dynamodbtable-campaigns.yaml', 'dynamodbtable-products.yaml', 'dynamodbtable-tenants.yaml', 'namespace-bbws-dev.yaml', 'providerconfig-aws-dev.yaml',
    ]);
  });

  test('from a subfolder, the defaults are the project root\'s dist/ and docs/', async () => {
    // WHEN
    const r = await run(join(repo, 'schemas'), 'synth');

    // THEN
    expect(r).toEqual({
      code: 0,
      stdout: 'wrote 32 files (argocd-cm-patch 1, argocd 7, dev 6, platform 6, prod 6, sit 6) to ../dist/, and ../docs/dynamodb-design.md\n',
      stderr: '',
    });
    expect(existsSync(join(repo, 'dist', OUTPUT_MARKER))).toBe(true);
    expect(existsSync(join(repo, 'schemas', 'dist'))).toBe(false);
  });
});

/** File outputs: [name, reason, args, expected stderr, setup]. */
const FILE_REFUSALS: { name: string; reason: string; args: string[]; stderr: string; setup?: (repo: string) => void }[] = [
  {
    name: 'docs --out README.md',
    reason: 'A file ddbops did not write is never overwritten.',
    args: ['docs', '--out', 'README.md'],
    stderr: 'error: refusing to write --out README.md: the file exists and is not a design document written by ddbops\n  fix: move it away, or pass --out a new file\n',
  },
  {
    name: 'docs --out project.yaml',
    reason: 'An input file.',
    args: ['docs', '--out', 'project.yaml'],
    stderr: 'error: refusing to write --out project.yaml: it is the input file project.yaml (--project)\n  fix: pass --out a file of its own\n',
  },
  {
    name: 'docs --out schemas/design.md',
    reason: 'A new file, but inside an input folder.',
    args: ['docs', '--out', 'schemas/design.md'],
    stderr: 'error: refusing to write --out schemas/design.md: it is inside the input folder schemas (--schemas)\n  fix: pass --out a path outside the input folders\n',
  },
  {
    name: 'docs --out src',
    reason: 'A folder is not a file.',
    args: ['docs', '--out', 'src'],
    stderr: 'error: refusing to write --out src: it is a folder\n  fix: pass --out a file path, e.g. --out src/out\n',
  },
  {
    name: 'docs --out .git/config',
    reason: 'git\'s own files.',
    args: ['docs', '--out', '.git/config'],
    stderr: 'error: refusing to write --out .git/config: it is inside .git, which belongs to git\n  fix: pass --out a file of its own\n',
  },
  {
    name: 'docs --out dist/design.md',
    reason: 'Inside synth\'s output, it would make the next synth refuse.',
    setup: (r) => {
      mkdirSync(join(r, 'dist'));
      writeFileSync(join(r, 'dist', OUTPUT_MARKER), 'x');
    },
    args: ['docs', '--out', 'dist/design.md'],
    stderr: 'error: refusing to write --out dist/design.md: it is inside dist/, a synth output folder that synth replaces as a whole\n  fix: pass --out a path outside it\n',
  },
  {
    name: 'synth --docs README.md',
    reason: 'synth\'s design document follows the same rule.',
    args: ['synth', '--docs', 'README.md'],
    stderr: 'error: refusing to write --docs README.md: the file exists and is not a design document written by ddbops\n  fix: move it away, or pass --docs a new file\n',
  },
  {
    name: 'plan --out README.md',
    reason: 'plan\'s output file too.',
    args: ['plan', '--out', 'README.md'],
    stderr: 'error: refusing to write --out README.md: the file exists and is not a plan written by ddbops\n  fix: move it away, or pass --out a new file\n',
  },
];

describe('file outputs refuse what they did not write', () => {
  test.each(FILE_REFUSALS)('$name: $reason', async ({ args, stderr, setup }) => {
    // GIVEN
    setup?.(repo);
    const before = snapshot(repo);

    // WHEN
    const r = await run(repo, ...args);

    // THEN
    expect(r).toEqual({ code: 2, stdout: '', stderr });
    expect(snapshot(repo)).toEqual(before);
  });

  test.each([
    ['text', 'ddbops plan: '],
    ['markdown', '## ddbops plan\n'],
    ['json', '{\n  "formatVersion": 1,'],
  ])('plan --out replaces its own previous %s output', async (format, start) => {
    // GIVEN a previous plan file
    expect((await run(repo, 'plan', '--format', format, '--out', 'plan.out')).code).toBe(0);

    // WHEN
    const r = await run(repo, 'plan', '--format', format, '--out', 'plan.out');

    // THEN
    expect(r.code).toBe(0);
    expect(readFileSync(join(repo, 'plan.out'), 'utf8').startsWith(start)).toBe(true);
  });
});
