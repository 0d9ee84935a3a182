/**
 * The repository Argo CD reads: a bare git repository served as file://
 * (the default of Argo CD's own e2e fixture), and a working clone where the
 * tests edit sources, run the real `ddbops synth` and push, as a user would.
 *
 * The clone differs from this repository in one line, on purpose:
 * project.yaml's repository.url names the bare repository instead of GitHub,
 * so synth renders Argo CD objects that point at it. Everything else in the
 * clone's dist/ is what this repository commits (checked by the tests).
 */
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { REPO_ROOT } from '../harness/tools';

/** The inputs synth reads; the clone starts with this repository's copies. */
const SOURCES = ['schemas', 'environments', 'project.yaml', 'json-schema'];
const CLI = path.join(REPO_ROOT, 'bin', 'ddbops.js');

export interface GitRemote {
  /** file:///…/remote.git */
  readonly url: string;
  /** The working clone (sources + dist/). */
  readonly workDir: string;
  /** Runs git in the clone; resolves with stdout. */
  git(args: string[]): Promise<string>;
  /** `ddbops synth` in the clone (the real renderer); rejects with its output on failure. */
  synth(): Promise<void>;
  /** git add -A, commit with message, push to main; resolves with the new commit. */
  commitAndPush(message: string): Promise<string>;
}

function run(file: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 120_000, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${String(stderr).trim() || String(stdout).trim() || err.message}`));
      else resolve(String(stdout));
    });
  });
}

/** Creates the bare repository and the clone under dir, renders dist/ and pushes the first commit. */
export async function createGitRemote(dir: string): Promise<GitRemote> {
  const bare = path.join(dir, 'remote.git');
  const workDir = path.join(dir, 'work');
  const url = `file://${bare}`;
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', workDir]);
  const git = (args: string[]): Promise<string> => run('git', args, workDir);
  for (const [k, v] of [['user.name', 'ddbops e2e'], ['user.email', 'e2e@example.invalid'], ['commit.gpgsign', 'false']]) {
    await git(['config', k, v]);
  }
  await git(['remote', 'add', 'origin', url]);
  for (const s of SOURCES) fs.cpSync(path.join(REPO_ROOT, s), path.join(workDir, s), { recursive: true });
  const projectFile = path.join(workDir, 'project.yaml');
  const project = fs.readFileSync(projectFile, 'utf8');
  const rewritten = project.replace(/^(\s+url:\s*).*$/m, `$1${url}`);
  if (rewritten === project) throw new Error('project.yaml has no repository url line to point at the test repository');
  fs.writeFileSync(projectFile, rewritten);

  const remote: GitRemote = {
    url,
    workDir,
    git,
    synth: async () => {
      await run(process.execPath, [CLI, 'synth'], workDir);
    },
    commitAndPush: async (message) => {
      await git(['add', '-A']);
      await git(['commit', '--quiet', '-m', message]);
      await git(['push', '--quiet', 'origin', 'HEAD:main']);
      return (await git(['rev-parse', 'HEAD'])).trim();
    },
  };
  await remote.synth();
  await remote.commitAndPush('dist/ as synth renders it, pointing at this repository');
  return remote;
}
