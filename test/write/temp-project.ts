/**
 * A throwaway git repository holding a copy of this project's inputs, plus
 * files a user keeps next to them (source, notes), and a way to prove that a
 * command changed nothing: a snapshot of every file's path, mode and content.
 */
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { REPO_ROOT } from '../harness/tools';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with `cwd` as the working folder. */
export async function run(cwd: string, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, env: {}, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

/** Runs the compiled CLI (bin/ddbops.js) as a process: needed where a command loads ESM modules (status). */
export function spawnCli(cwd: string, ...argv: string[]): Run {
  const env = { ...process.env };
  delete env.DDBOPS_DEBUG;
  delete env.KUBECONFIG;
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'ddbops.js'), ...argv], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** path → "mode sha256" (or "-> target" for a symlink), for every file and folder under `dir`. */
/** Every file below dir by its `/`-joined relative path, with its text: what a test compares an output tree by. */
export function readTreeText(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    if (lstatSync(join(dir, r)).isDirectory()) Object.assign(out, readTreeText(dir, r));
    else out[r] = readFileSync(join(dir, r), 'utf8');
  }
  return out;
}

export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, r));
      if (st.isSymbolicLink()) out[r] = `-> ${readlinkSync(join(dir, r))}`;
      else if (st.isDirectory()) {
        out[`${r}/`] = (st.mode & 0o7777).toString(8);
        walk(r);
      } else out[r] = `${(st.mode & 0o7777).toString(8)} ${createHash('sha256').update(readFileSync(join(dir, r))).digest('hex')}`;
    }
  };
  walk('');
  return out;
}

/**
 * A git repository with schemas/, environments/, project.yaml, cdk8s.yaml,
 * src/ and a README: what a user's clone holds. Committed, so .git is real.
 */
export function tempProject(prefix = 'ddbops-project-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const p of ['project.yaml', 'schemas', 'environments', 'cdk8s.yaml']) cpSync(join(REPO_ROOT, p), join(dir, p), { recursive: true });
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'app.ts'), 'export const app = 1;\n');
  writeFileSync(join(dir, 'README.md'), '# my tables\n');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'inputs');
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
