/**
 * `ddbops synth` end to end through main(), in a temp working directory
 * holding copies of the repo's schemas/, environments/ and project.yaml:
 * it writes --out DIR, and refuses invalid input without touching it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from '../../src/write/output-guard';
import { readTreeText, snapshot } from '../write/temp-project';
import { REPO_ROOT } from '../harness/tools';
import { synthRepo } from '../integration/synth-fixture';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

describe('ddbops synth', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-cli-'));
    for (const d of ['schemas', 'environments']) fs.cpSync(path.join(REPO_ROOT, d), path.join(cwd, d), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'project.yaml'), path.join(cwd, 'project.yaml'));
  });
  afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

  test('--out DIR receives exactly what synth renders in memory', async () => {
    const r = await run(cwd, 'synth', '--out', 'rendered');
    expect(r.code).toBe(0);
    const files = synthRepo().files;
    expect(r.stdout.startsWith(`wrote ${files.size} files (`)).toBe(true);
    expect(r.stdout.endsWith(') to rendered/\n')).toBe(true);
    expect(readTreeText(path.join(cwd, 'rendered'))).toEqual({ ...Object.fromEntries(files), [OUTPUT_MARKER]: OUTPUT_MARKER_TEXT });
    expect(fs.readdirSync(cwd).sort()).toEqual(['environments', 'project.yaml', 'rendered', 'schemas']);
  });

  test.each([
    ['a schema with invalid JSON', 'schemas/tenants.schema.json', (t: string) => t.replace('"tableName"', '"tableName",')],
    ['a BOOL partition key', 'schemas/products.schema.json', (t: string) => t.replace('"name": "PK",\n      "type": "S"', '"name": "PK",\n      "type": "BOOL"')],
    ['an environment without its account', 'environments/prod.yaml', (t: string) => t.replace(/^account: .*$/m, '')],
  ])('refuses %s (exit 1) and leaves the previous --out dir untouched', async (_what, file, corrupt) => {
    // GIVEN a previous successful run
    expect((await run(cwd, 'synth', '--out', 'rendered')).code).toBe(0);
    const before = snapshot(path.join(cwd, 'rendered'));
    const inodes = fs.readdirSync(path.join(cwd, 'rendered', 'dev')).map((f) => fs.statSync(path.join(cwd, 'rendered', 'dev', f)).ino);
    const text = fs.readFileSync(path.join(cwd, file), 'utf8');
    const broken = corrupt(text);
    expect(broken).not.toBe(text);
    fs.writeFileSync(path.join(cwd, file), broken);

    // WHEN
    const r = await run(cwd, 'synth', '--out', 'rendered');

    // THEN
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain('synth refused');
    expect(snapshot(path.join(cwd, 'rendered'))).toEqual(before);
    // The same files, not rewritten copies of them.
    expect(fs.readdirSync(path.join(cwd, 'rendered', 'dev')).map((f) => fs.statSync(path.join(cwd, 'rendered', 'dev', f)).ino)).toEqual(inodes);
    expect(fs.readdirSync(cwd).sort()).toEqual(['environments', 'project.yaml', 'rendered', 'schemas']);
  });
});
