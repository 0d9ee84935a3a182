/**
 * `ddbops docs`: writes the document (atomically, to --out or the default
 * path), prints it with --out -, reports a current or stale file with
 * --check, and refuses invalid input without touching the previous document.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { committedDoc, REPO_ROOT } from './fixtures';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ddbops-docs-cli-'));
  for (const p of ['project.yaml', 'schemas', 'environments']) cpSync(join(REPO_ROOT, p), join(dir, p), { recursive: true });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('writes docs/dynamodb-design.md by default, creating docs/', async () => {
  // WHEN
  const result = await run(['docs'], dir);

  // THEN
  expect(result).toEqual({ code: 0, stdout: 'wrote docs/dynamodb-design.md\n', stderr: '' });
  expect(readFileSync(join(dir, 'docs', 'dynamodb-design.md'), 'utf8')).toEqual(committedDoc());
  expect(readdirSync(join(dir, 'docs'))).toEqual(['dynamodb-design.md']);
});

test('--out - prints the document', async () => {
  // WHEN
  const result = await run(['docs', '--out', '-'], dir);

  // THEN
  expect(result).toEqual({ code: 0, stdout: committedDoc(), stderr: '' });
  expect(existsSync(join(dir, 'docs'))).toBe(false);
});

describe('--check', () => {
  test('exit 0 when the file is current', async () => {
    // GIVEN
    await run(['docs', '--out', 'design.md'], dir);

    // WHEN
    const result = await run(['docs', '--out', 'design.md', '--check'], dir);

    // THEN
    expect(result).toEqual({ code: 0, stdout: 'design.md is current\n', stderr: '' });
  });

  test('exit 1 when the file is stale, and the file is left alone', async () => {
    // GIVEN
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'dynamodb-design.md'), 'old\n');

    // WHEN
    const result = await run(['docs', '--check'], dir);

    // THEN
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'docs/dynamodb-design.md is stale: run `ddbops docs` and commit the result\n' });
    expect(readFileSync(join(dir, 'docs', 'dynamodb-design.md'), 'utf8')).toEqual('old\n');
  });

  test('exit 1 when the file is missing', async () => {
    // WHEN
    const result = await run(['docs', '--out', 'x.md', '--check'], dir);

    // THEN
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'x.md is missing: run `ddbops docs --out x.md` and commit the result\n' });
  });

  test('with --out - is a usage error', async () => {
    // WHEN
    const result = await run(['docs', '--out', '-', '--check'], dir);

    // THEN
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'error: --check needs a file, not -\n  fix: drop --out -, or pass --out FILE\n' });
  });
});

test('invalid input: exit 1, the findings, and the previous document untouched', async () => {
  // GIVEN
  mkdirSync(join(dir, 'docs'));
  const previous = `${committedDoc()}\nan older render\n`;
  writeFileSync(join(dir, 'docs', 'dynamodb-design.md'), previous);
  const file = join(dir, 'schemas', 'tenants.schema.json');
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  schema.globalSecondaryIndexes[2].partitionKey.type = 'BOOL';
  writeFileSync(file, JSON.stringify(schema, null, 2));

  // WHEN
  const result = await run(['docs'], dir);

  // THEN
  expect(result.code).toEqual(1);
  expect(result.stdout).toEqual('');
  expect(result.stderr).toContain('schemas/tenants.schema.json');
  expect(result.stderr).toContain('docs refused: fix the errors above; the previous document was left untouched\n');
  expect(readFileSync(join(dir, 'docs', 'dynamodb-design.md'), 'utf8')).toEqual(previous);
  expect(readdirSync(join(dir, 'docs'))).toEqual(['dynamodb-design.md']);
});

test('a file at --out that ddbops did not write is refused (exit 2) and kept', async () => {
  // GIVEN someone's own notes where the document would go
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'notes.md'), 'my notes\n');

  // WHEN
  const result = await run(['docs', '--out', 'docs/notes.md'], dir);

  // THEN
  expect(result).toEqual({
    code: 2,
    stdout: '',
    stderr: 'error: refusing to write --out docs/notes.md: the file exists and is not a design document written by ddbops\n  fix: move it away, or pass --out a new file\n',
  });
  expect(readFileSync(join(dir, 'docs', 'notes.md'), 'utf8')).toEqual('my notes\n');
});
