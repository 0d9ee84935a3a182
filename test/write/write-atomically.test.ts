/**
 * The one atomic writer. dist/ is replaced atomically: everything is written
 * to a sibling staging folder and swapped in, so a failed write leaves the
 * previous tree intact; the tree always carries the output marker, and normal
 * modes. A single file is renamed over its target the same way.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from '../../src/write/output-guard';
import { writeFileAtomically, writeTreeAtomically } from '../../src/write/write-atomically';
import { readTreeText } from './temp-project';

describe('writeTreeAtomically', () => {
  let parent: string;
  let out: string;
  const previous = { 'platform/a.yaml': 'a: 1\n', 'dev/b.yaml': 'b: 2\n' };
  const marker = { [OUTPUT_MARKER]: OUTPUT_MARKER_TEXT };

  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'write-tree-'));
    out = path.join(parent, 'dist');
    writeTreeAtomically(out, new Map(Object.entries(previous)));
  });
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  test('creates the tree when there was none', () => {
    expect(readTreeText(out)).toEqual({ ...previous, ...marker });
    expect(fs.readdirSync(parent)).toEqual(['dist']);
  });

  test('folders are 0755 and files 0644 under the usual umask, not the 0700 of a temp folder', () => {
    // GIVEN the usual umask
    const umask = process.umask(0o022);
    try {
      // WHEN
      writeTreeAtomically(out, new Map(Object.entries(previous)));

      // THEN
      const modes = ['', 'platform', 'platform/a.yaml', OUTPUT_MARKER].map((p) => (fs.statSync(path.join(out, p)).mode & 0o777).toString(8));
      expect(modes).toEqual(['755', '755', '644', '644']);
    } finally {
      process.umask(umask);
    }
  });

  test('replaces the tree with exactly the new files: stale files and dirs are gone, nothing left behind', () => {
    writeTreeAtomically(out, new Map([['platform/a.yaml', 'a: 3\n'], ['prod/c.yaml', 'c: 4\n']]));
    expect(readTreeText(out)).toEqual({ 'platform/a.yaml': 'a: 3\n', 'prod/c.yaml': 'c: 4\n', ...marker });
    expect(fs.existsSync(path.join(out, 'dev'))).toBe(false);
    expect(fs.readdirSync(parent)).toEqual(['dist']);
  });

  test.each([
    ['a file, then a file under it', [['x/file.yaml', '1'], ['x/file.yaml/inner.yaml', '2']]],
    ['a directory, then a file with its name', [['x/dir/inner.yaml', '1'], ['x/dir', '2']]],
  ])('a failing write (%s) leaves the previous tree intact and no staging folder', (_what, entries) => {
    expect(() => writeTreeAtomically(out, new Map(entries as Array<[string, string]>))).toThrow(/EEXIST|ENOTDIR|EISDIR/);
    expect(readTreeText(out)).toEqual({ ...previous, ...marker });
    expect(fs.readdirSync(parent)).toEqual(['dist']);
  });
});

describe('writeFileAtomically', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write-file-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('creates the file and its folders, and replaces it whole, leaving nothing beside it', () => {
    // GIVEN
    const file = path.join(dir, 'docs', 'design.md');

    // WHEN written twice
    writeFileAtomically(file, 'first\n');
    writeFileAtomically(file, 'second\n');

    // THEN
    expect({ text: fs.readFileSync(file, 'utf8'), beside: fs.readdirSync(path.dirname(file)) }).toEqual({ text: 'second\n', beside: ['design.md'] });
  });

  test('a write that fails leaves the previous file and no temporary one', () => {
    // GIVEN a file, and a folder where the new one would have to go
    const file = path.join(dir, 'design.md');
    writeFileAtomically(file, 'first\n');
    fs.mkdirSync(path.join(dir, 'taken'));

    // WHEN the rename cannot replace a folder
    expect(() => writeFileAtomically(path.join(dir, 'taken'), 'x')).toThrow();

    // THEN
    expect({ text: fs.readFileSync(file, 'utf8'), entries: fs.readdirSync(dir).sort() }).toEqual({ text: 'first\n', entries: ['design.md', 'taken'] });
  });
});
