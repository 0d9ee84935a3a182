import { spawnSync } from 'child_process';
import { UsageError } from '../diagnostics/usage-error';

/**
 * The git edge of `plan`: everything is read from the local repository with
 * the git CLI (never the network). Failures a user can fix are UsageErrors.
 */
function git(cwd: string, args: readonly string[], input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(missing ? 'git is not installed or not on PATH' : `cannot run git: ${r.error.message}`,
      missing ? 'install git; plan reads the base from the repository' : undefined);
  }
  const stderr = r.stderr.toString('utf8').trim();
  // Git refuses a repository owned by another user (CVE-2022-24765); say so instead of "not a repository".
  const dubious = /detected dubious ownership in repository at '([^']+)'/.exec(stderr);
  if (dubious) {
    throw new UsageError(`git refuses to read ${dubious[1]}: it is owned by another user ("dubious ownership")`,
      `if you trust it, run: git config --global --add safe.directory ${dubious[1]}`);
  }
  return { ok: r.status === 0, stdout: r.stdout, stderr };
}

/** Checks the work tree is a git repository; returns HEAD's commit, undefined before the first commit. One git process. */
export function repositoryHead(cwd: string): string | undefined {
  const r = git(cwd, ['rev-parse', '--is-inside-work-tree', '--verify', '--quiet', 'HEAD^{commit}']);
  const [inside, head] = r.stdout.toString().trim().split('\n');
  if (inside !== 'true') {
    throw new UsageError(`plan needs a git repository: ${cwd} is not inside a work tree`,
      'run it from a clone of the repository; the base side is read from git');
  }
  return r.ok && head ? head : undefined;
}

/** Full commit id of a ref, or undefined when it does not name a commit. */
export function resolveCommit(cwd: string, ref: string): string | undefined {
  const r = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  return r.ok ? r.stdout.toString().trim() : undefined;
}

export interface BaseRef {
  readonly ref: string;
  readonly commit?: string;
  readonly note?: string;
}

/** `--base REF`, or the merge-base of HEAD and origin/main, or HEAD. */
export function chooseBase(cwd: string, ref: string | undefined): BaseRef {
  const head = repositoryHead(cwd);
  if (ref !== undefined) {
    const commit = resolveCommit(cwd, ref);
    if (!commit) {
      throw new UsageError(`--base ${ref} is not a commit in this repository`,
        'fetch it first (e.g. git fetch origin main), or pass an existing branch, tag or commit');
    }
    return { ref, commit };
  }
  if (!head) return { ref: 'HEAD', note: 'the repository has no commits yet, so every resource is new' };
  if (!resolveCommit(cwd, 'origin/main')) return { ref: 'HEAD', commit: head };
  const mb = git(cwd, ['merge-base', 'HEAD', 'origin/main']);
  if (!mb.ok) return { ref: 'HEAD', commit: head, note: 'HEAD shares no history with origin/main, so the base is HEAD' };
  return { ref: 'merge-base of HEAD and origin/main', commit: mb.stdout.toString().trim() };
}

export interface TreeFile {
  /** Relative to cwd, as git prints it. */
  readonly path: string;
  readonly text: string;
}

/** Every file under the pathspecs at a commit, read in two git processes whatever their number. */
export function readTree(cwd: string, commit: string, pathspecs: readonly string[]): TreeFile[] {
  const ls = git(cwd, ['ls-tree', '-r', '-z', commit, '--', ...pathspecs]);
  if (!ls.ok) throw new UsageError(`cannot list ${pathspecs.join(', ')} at ${commit}: ${ls.stderr}`);
  const entries = ls.stdout.toString('utf8').split('\0').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    const [, type, oid] = line.slice(0, tab).split(' ');
    return { type, oid, path: line.slice(tab + 1) };
  }).filter((e) => e.type === 'blob');
  if (!entries.length) return [];
  const cat = git(cwd, ['cat-file', '--batch'], entries.map((e) => e.oid).join('\n') + '\n');
  if (!cat.ok) throw new UsageError(`cannot read files at ${commit}: ${cat.stderr}`);
  const out: TreeFile[] = [];
  let pos = 0;
  for (const e of entries) {
    const nl = cat.stdout.indexOf(10, pos);
    const size = Number(cat.stdout.toString('utf8', pos, nl).split(' ')[2]);
    out.push({ path: e.path, text: cat.stdout.toString('utf8', nl + 1, nl + 1 + size) });
    pos = nl + 1 + size + 1;
  }
  return out;
}
