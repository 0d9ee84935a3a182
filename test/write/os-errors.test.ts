/**
 * A write the operating system refuses is the user's to fix, not a bug:
 * exit 2, one line naming the path and the cause, and the fix; never
 * "internal error", never a stack trace, and the previous output intact.
 */
import { spawnSync } from 'child_process';
import { chmodSync, mkdirSync } from 'fs';
import { join } from 'path';
import { UsageError } from '../../src/diagnostics/usage-error';
import { writeFailure } from '../../src/write/os-error';
import { requireTool } from '../harness/tools';
import { REPO_ROOT } from '../harness/tools';
import { removeProject, run, snapshot, tempProject } from './temp-project';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: failed`), { code });

describe('writeFailure', () => {
  test.each([
    ['EACCES', 'permission denied', 'make dist/ writable, or pass --out a path you can write to', 'No write permission on the parent.'],
    ['EPERM', 'operation not permitted', 'make dist/ writable, or pass --out a path you can write to', 'An immutable file or a mount that forbids it.'],
    ['EROFS', 'the file system is read-only', 'make dist/ writable, or pass --out a path you can write to', 'A read-only mount, e.g. a CI cache.'],
    ['ENOSPC', 'no space left on the device', 'free some space and run again; the previous output was left as it was', 'A full disk: the staging copy never replaced the old tree.'],
    ['EDQUOT', 'the disk quota is used up', 'free some space and run again; the previous output was left as it was', 'A quota counts as a full disk.'],
    ['ENOTDIR', 'a folder on the way is a file', 'pass --out another path', 'e.g. --out README.md/x.'],
    ['EIO', 'EIO: failed', 'pass --out another path', 'An errno without a friendly name still names itself.'],
  ])('%s: %s', (code, cause, fix) => {
    // WHEN
    const e = writeFailure(errno(code), 'dist/x.yaml', '--out');

    // THEN
    expect(e).toBeInstanceOf(UsageError);
    expect({ message: (e as UsageError).message, hint: (e as UsageError).hint }).toEqual({ message: `cannot write dist/x.yaml: ${cause} (${code})`, hint: fix });
  });

  test('an error without an errno is a bug and passes through unchanged', () => {
    // GIVEN
    const bug = new TypeError('x is undefined');

    // WHEN / THEN
    expect(writeFailure(bug, 'dist', '--out')).toBe(bug);
  });
});

describe('real refusals from the file system', () => {
  let repo: string;
  beforeEach(() => {
    repo = tempProject();
  });
  afterEach(() => removeProject(repo));

  test('a folder on the way is a file: refused before writing, exit 2, nothing written', async () => {
    // GIVEN
    const before = snapshot(repo);

    // WHEN
    const r = await run(repo, 'synth', '--out', 'README.md/dist');

    // THEN
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: refusing to write --out README.md/dist: README.md is a file, so no folder can be made below it\n  fix: pass --out another path\n',
    });
    expect(snapshot(repo)).toEqual(before);
  });

  test('no permission (EACCES), as an unprivileged user: exit 2, the previous dist/ intact', () => {
    // setpriv (util-linux) drops root's privileges, which ignore permissions; the test needs it to see EACCES.
    const setpriv = requireTool('setpriv');
    if (!setpriv) return;
    // GIVEN a previous output, and the project readable but not writable by "nobody"
    const first = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'ddbops.js'), 'synth'], { cwd: repo, encoding: 'utf8' });
    expect(first.status).toBe(0);
    chmodSync(repo, 0o755);
    mkdirSync(join(repo, 'locked'), { mode: 0o755 });
    const before = snapshot(repo);

    // WHEN nobody writes into a folder it may not write to
    const r = spawnSync(setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(REPO_ROOT, 'bin', 'ddbops.js'), 'synth', '--out', 'locked/dist'],
      { cwd: repo, encoding: 'utf8', env: { ...process.env, DDBOPS_NO_COMPILE_CACHE: '1' } });

    // THEN
    expect({ code: r.status, stderr: r.stderr }).toEqual({
      code: 2,
      stderr: 'error: cannot write locked/dist/: permission denied (EACCES)\n  fix: make locked/ writable, or pass --out a path you can write to\n',
    });
    expect(snapshot(repo)).toEqual(before);
  });
});
