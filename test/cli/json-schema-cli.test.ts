/** `ddbops json-schema`: the JSON Schemas of the input files, written where editors find them. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { REPO_ROOT } from '../harness/tools';

async function jsonSchema(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['json-schema', ...args], { cwd, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

describe('ddbops json-schema', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'json-schema-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes exactly the committed schemas, and again over its own', async () => {
    // WHEN written twice into a new folder
    const out = path.join(dir, 'schemas-out');
    const first = await jsonSchema(REPO_ROOT, '--out', out);
    const second = await jsonSchema(REPO_ROOT, '--out', out);

    // THEN the three files, byte for byte the committed ones
    expect({ first: first.code, second: second.code, stderr: first.stderr + second.stderr }).toEqual({ first: 0, second: 0, stderr: '' });
    const names = fs.readdirSync(out).sort();
    expect(names).toEqual(['environment.schema.json', 'project.schema.json', 'table.schema.json']);
    for (const n of names) expect(fs.readFileSync(path.join(out, n), 'utf8')).toEqual(fs.readFileSync(path.join(REPO_ROOT, 'json-schema', n), 'utf8'));
  });

  test('refuses to replace a file it did not write, and then writes none of the three', async () => {
    // GIVEN a hand-written file where a schema would go
    fs.writeFileSync(path.join(dir, 'table.schema.json'), '{ "mine": true }\n');

    // WHEN
    const r = await jsonSchema(REPO_ROOT, '--out', dir);

    // THEN
    expect({ code: r.code, stderr: r.stderr, files: fs.readdirSync(dir) }).toEqual({
      code: 2,
      stderr: `error: refusing to write --out ${dir}/table.schema.json: the file exists and is not a JSON Schema written by ddbops\n  fix: move it away, or pass --out a new file\n`,
      files: ['table.schema.json'],
    });
  });
});
