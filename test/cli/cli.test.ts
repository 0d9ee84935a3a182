/**
 * The `ddbops` CLI: exit codes (0 ok, 1 invalid input, 2 usage or
 * environment error), help and version, the JSON report's shape, "did you
 * mean" for mistyped commands and options, and never a stack trace.
 *
 * Most tests call main() in-process; the exit-code tests also spawn the
 * compiled `bin/ddbops.js` (lib/ from `npm run build`, which `npm test` runs
 * first; built here only when it is missing).
 */
import { execFile, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { main } from '../../src/cli/main';
import { corpusCases, STACK_TRACE } from '../validate/corpus';

const REPO_ROOT = resolve(__dirname, '..', '..');
const BIN = join(REPO_ROOT, 'bin', 'ddbops.js');
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const CASES = corpusCases();
const corpusCase = (name: string) => CASES.find((c) => c.name === name)!;
const INVALID = corpusCase('bool-gsi-key');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: string[], cwd = REPO_ROOT): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

/** Runs `node bin/ddbops.js args` in `cwd`. */
function spawnAsync(args: string[], cwd: string): Promise<Run> {
  const env = { ...process.env };
  delete env.DDBOPS_DEBUG;
  return new Promise((done, fail) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd, env, timeout: 30_000 }, (e, stdout, stderr) => {
      if (e && typeof e.code !== 'number') fail(e);
      else done({ code: child.exitCode ?? -1, stdout, stderr });
    });
  });
}

/** A temporary copy of the repo's inputs; `edit` changes it before the test runs. */
function withProjectCopy<T>(edit: (dir: string) => void, body: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ddbops-cli-'));
  for (const d of ['schemas', 'environments']) {
    mkdirSync(join(dir, d));
    for (const f of readdirSync(join(REPO_ROOT, d))) writeFileSync(join(dir, d, f), readFileSync(join(REPO_ROOT, d, f)));
  }
  writeFileSync(join(dir, 'project.yaml'), readFileSync(join(REPO_ROOT, 'project.yaml')));
  edit(dir);
  return Promise.resolve(body(dir)).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** A folder named like a schema file: readable as a directory entry, not as a file. */
const addFolderSchema = (dir: string) => mkdirSync(join(dir, 'schemas', 'broken.schema.json'));

/** Usage and environment errors: [what, args, exact stderr]. */
const USAGE_ERRORS: [string, string[], string][] = [
  ['a mistyped command', ['valdate'], 'error: unknown command "valdate"\n  fix: did you mean "validate"?\n'],
  ['an unrelated command', ['deploy'], 'error: unknown command "deploy"\n  fix: run: ddbops --help\n'],
  ['a mistyped option', ['validate', '--schema', 'schemas'], 'error: unknown option --schema for validate\n  fix: did you mean --schemas?\n'],
  ['a mistyped option with =', ['validate', '--fromat=json'], 'error: unknown option --fromat for validate\n  fix: did you mean --format?\n'],
  ['an unrelated option', ['validate', '--verbose'], 'error: unknown option --verbose for validate\n  fix: run: ddbops validate --help\n'],
  ['a bad --format value', ['validate', '--format', 'yaml'], 'error: --format must be one of text, json, not "yaml"\n'],
  ['--format without a value', ['validate', '--format'], 'error: --format needs a value (FORMAT)\n'],
  ['a flag given a value', ['validate', '--help=yes'], 'error: --help takes no value\n'],
  ['a stray argument', ['validate', 'schemas'], 'error: unexpected argument "schemas"\n  fix: run: ddbops validate --help\n'],
  ['a missing schemas folder', ['validate', '--schemas', 'no-such-dir'], 'error: cannot read directory no-such-dir\n  fix: create it, or pass --schemas DIR\n'],
  ['a missing environments folder', ['validate', '--environments', 'no-such-dir'],
    'error: cannot read directory no-such-dir\n  fix: create it, or pass --environments DIR\n'],
  ['a missing project file', ['validate', '--project', 'no-such.yaml'], 'error: cannot read no-such.yaml: no such file\n  fix: create it, or pass --project FILE\n'],
];

describe('exit codes', () => {
  test('0 when the inputs are valid', async () => {
    expect((await run(['validate'])).code).toBe(0);
  });

  test('0 when there are warnings only', async () => {
    // GIVEN the repo's inputs, with a legacy backup block (a warning) added to tenants
    const addLegacyBackup = (dir: string) => {
      const file = join(dir, 'schemas', 'tenants.schema.json');
      const tenants = JSON.parse(readFileSync(file, 'utf8'));
      tenants.backup = { prod: { frequency: 'hourly', retention: 30 } };
      writeFileSync(file, JSON.stringify(tenants, null, 2));
    };

    // WHEN
    const { code, stdout } = await withProjectCopy(addLegacyBackup, (dir) => run(['validate'], dir));

    // THEN
    expect(code).toBe(0);
    expect(stdout).toMatch(/\n✓ 3 schemas and 3 environments valid \(1 warning\)\n$/);
  });

  test('1 when the inputs are invalid', async () => {
    expect((await run(INVALID.args, INVALID.dir)).code).toBe(1);
  });

  test.each(USAGE_ERRORS)('2 for %s, explained on stderr', async (_what, args, stderr) => {
    expect(await run(args)).toEqual({ code: 2, stdout: '', stderr });
  });

  test('2 without a command, after printing the usage', async () => {
    const { code, stdout } = await run([]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^ddbops: /);
  });

  test('2 for an unreadable entry in schemas/, as a usage error rather than a crash', async () => {
    // WHEN
    const result = await withProjectCopy(addFolderSchema, (dir) => run(['validate'], dir));

    // THEN
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: cannot read schemas/broken.schema.json: EISDIR\n  fix: make it a readable file, or move it out of the folder\n',
    });
  });
});

describe('help and version', () => {
  test('--help lists the commands, the global options and the exit codes', async () => {
    // WHEN
    const { code, stdout, stderr } = await run(['--help']);

    // THEN
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Usage: ddbops <command> [options]\n');
    expect(stdout).toMatch(/\n {2}validate +Check schemas\/ and environments\/ against DynamoDB's rules\n/);
    for (const option of ['--schemas DIR', '--environments DIR', '--project FILE', '--help', '--version']) {
      expect(stdout).toContain(`  ${option}`);
    }
    expect(stdout).toContain('Exit codes: 0 ok, 1 invalid input');
  });

  test('validate --help shows the command\'s own options and exit codes', async () => {
    const { code, stdout } = await run(['validate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: ddbops validate \[options\]\n/);
    expect(stdout).toMatch(/--format FORMAT +Output format; one of text, json; default: text\n/);
    expect(stdout).not.toContain('@default');
    expect(stdout).toContain('Exit codes: 0 valid (warnings allowed), 1 errors found, 2 usage error.');
  });

  test.each([[['--version']], [['validate', '--version']]])('%j prints the package version', async (args) => {
    expect(await run(args)).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('--format json', () => {
  test('a valid run is {valid: true, errors: [], warnings: []}', async () => {
    const { code, stdout } = await run(['validate', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  test('keeps errors and warnings apart, each finding with the same fields in a stable order', async () => {
    // GIVEN a case with one error and one warning
    const c = corpusCase('duplicate-gsi');

    // WHEN
    const { stdout } = await run([...c.args, '--format', 'json'], c.dir);

    // THEN
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['valid', 'errors', 'warnings']);
    expect(report.valid).toBe(false);
    for (const f of [...report.errors, ...report.warnings]) {
      expect(Object.keys(f)).toEqual(['severity', 'file', 'line', 'path', 'rule', 'message', 'hint']);
    }
    expect(report.errors).toEqual([{
      severity: 'error',
      file: 'schemas/orders.schema.json',
      line: 44,
      path: '$.globalSecondaryIndexes[1]',
      rule: 'index-duplicate',
      message: 'index "ByCustomer" has the same key schema (customerId / createdAt) as index "CustomerIndex"; it doubles storage and write cost for nothing',
      hint: 'remove "ByCustomer" and point its access patterns at index "CustomerIndex"',
    }]);
    expect(report.warnings.map((f: { rule: string }) => f.rule)).toEqual(['index-unused']);
  });

  test('is the only thing on stdout, so CI can pipe it', async () => {
    const { stdout, stderr } = await run([...INVALID.args, '--format', 'json'], INVALID.dir);
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(stderr).toBe('');
  });
});

describe('no stack traces', () => {
  test('the pattern catches a real stack trace', () => {
    expect(`internal error\n${new Error('boom').stack ?? ''}`).toMatch(STACK_TRACE);
  });

  test('in any output of any invalid corpus case, text or JSON', async () => {
    for (const c of CASES) {
      for (const format of [[], ['--format', 'json']]) {
        const { stdout, stderr } = await run([...c.args, ...format], c.dir);
        expect(`${c.name}: ${stdout}${stderr}`).not.toMatch(STACK_TRACE);
      }
    }
  });

  test('in any usage or environment error', async () => {
    for (const [, args] of USAGE_ERRORS) {
      const { stdout, stderr } = await run(args);
      expect(stdout + stderr).not.toMatch(STACK_TRACE);
    }
  });
});

describe('the compiled CLI (node bin/ddbops.js)', () => {
  const spawned = new Map<string, Run>();
  /** [name, args, cwd]: one run per exit code, all spawned at once, since each process start takes a while. */
  const runs: [string, string[], string][] = [
    ['valid', ['validate'], REPO_ROOT],
    ['invalid', [...INVALID.args, '--format', 'json'], INVALID.dir],
    ['unknown command', ['valdate'], REPO_ROOT],
    ['missing folder', ['validate', '--schemas', 'no-such-dir'], REPO_ROOT],
  ];

  beforeAll(async () => {
    // `npm test` builds first; only a checkout that was never built is built here (tsc takes a while).
    const built = join(REPO_ROOT, 'lib', 'bundle', 'ddbops.js');
    if (!existsSync(built)) {
      const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, encoding: 'utf8' });
      if (!existsSync(built)) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    }
    const results = await Promise.all(runs.map(([, args, cwd]) => spawnAsync(args, cwd)));
    runs.forEach(([name], i) => spawned.set(name, results[i]));
  }, 120_000);

  test('exits 0 on the repo', () => {
    expect(spawned.get('valid')).toEqual({ code: 0, stdout: '✓ 3 schemas and 3 environments valid\n', stderr: '' });
  });

  test('exits 1 on an invalid case', () => {
    const { code, stdout, stderr } = spawned.get('invalid')!;
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout).errors.map((f: { rule: string }) => f.rule)).toEqual(['key-type']);
  });

  test.each([
    ['unknown command', 'error: unknown command "valdate"\n  fix: did you mean "validate"?\n'],
    ['missing folder', 'error: cannot read directory no-such-dir\n  fix: create it, or pass --schemas DIR\n'],
  ])('exits 2 for a usage or environment error (%s), without a stack trace', (name, stderr) => {
    expect(spawned.get(name)).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('start-up stays lean', () => {
  /** Package folders a fresh process has loaded after running the CLI with these arguments. */
  const loadedPackages = (args: string[]): string[] => {
    const script = `
      const { main } = require(${JSON.stringify(join(REPO_ROOT, 'lib', 'src', 'cli', 'main.js'))});
      main(${JSON.stringify(args)}, { cwd: ${JSON.stringify(REPO_ROOT)}, stdout: () => {}, stderr: () => {} }).then(() => {
        const names = Object.keys(require.cache).map((f) => (f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/) || [])[1]).filter(Boolean);
        process.stdout.write(JSON.stringify([...new Set(names)].sort()));
      });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as string[];
  };

  test.each([
    ['--version', ['--version'], []],
    ['validate --help', ['validate', '--help'], []],
    ['validate', ['validate'], ['yaml', 'zod']],
  ])('%s loads only the packages it needs', (_name, args, packages) => {
    // GIVEN the compiled CLI in a fresh process
    // WHEN it runs the command
    // THEN cdk8s, cdk8s-plus and @kubernetes/client-node are not loaded: commands import their modules inside run()
    expect(loadedPackages(args)).toEqual(packages);
  });

  test('synth loads the renderer but not the cluster client', () => {
    // GIVEN the compiled CLI
    // WHEN synth runs (into a temp folder)
    const out = mkdtempSync(join(tmpdir(), 'ddbops-lean-'));
    try {
      const packages = loadedPackages(['synth', '--out', join(out, 'dist')]);
      // THEN cdk8s is there, cdk8s-plus only for its Namespace module, client-node not at all
      expect(packages).toEqual(['cdk8s', 'cdk8s-plus-27', 'constructs', 'yaml', 'zod']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
