/**
 * A real git repository in a temp dir, seeded with this repo's schemas/,
 * environments/ and project.yaml (and optionally dist/): a base commit, then
 * the head change in the working tree, then `ddbops plan` through main().
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { main } from '../../src/cli/main';
import { ChartFactory } from '../../src/render/render';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Test data is mutated freely. */
export type Json = any;

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fixed identity and dates: the same content always gives the same commit ids. */
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Plan Test', GIT_AUTHOR_EMAIL: 'plan@test.invalid', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'Plan Test', GIT_COMMITTER_EMAIL: 'plan@test.invalid', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
};

export interface ScratchRepoOptions {
  /**
   * Seed the committed dist/ as well.
   * @default false
   */
  readonly dist?: boolean;
  /**
   * `git init` the folder.
   * @default true
   */
  readonly init?: boolean;
  /**
   * A repository to copy, history included.
   * @default none: seeded from this repository
   */
  readonly from?: ScratchRepo;
  /**
   * The charts `synth` and `plan` render.
   * @default every chart (charts/index.ts), or the copied repository's
   */
  readonly charts?: readonly ChartFactory[];
}

export class ScratchRepo {
  readonly dir: string;
  readonly charts?: readonly ChartFactory[];

  constructor(options: ScratchRepoOptions = {}) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddbops-plan-'));
    this.charts = options.charts ?? options.from?.charts;
    if (options.from) {
      fs.cpSync(options.from.dir, this.dir, { recursive: true });
      return;
    }
    for (const p of ['schemas', 'environments', 'project.yaml', ...(options.dist ? ['dist'] : [])]) {
      fs.cpSync(path.join(REPO_ROOT, p), path.join(this.dir, p), { recursive: true });
    }
    if (options.init !== false) this.git('init', '-q', '-b', 'main');
  }

  /** A copy of this repository, history included: cheaper than seeding and committing again. */
  copy(): ScratchRepo {
    return new ScratchRepo({ from: this });
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: this.dir, env: GIT_ENV, encoding: 'utf8' }).trim();
  }

  /** Commits everything; returns the commit id. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  file(rel: string): string {
    return path.join(this.dir, rel);
  }

  editJson(rel: string, mutate: (j: Json) => void): void {
    const j = JSON.parse(fs.readFileSync(this.file(rel), 'utf8'));
    mutate(j);
    fs.writeFileSync(this.file(rel), `${JSON.stringify(j, null, 2)}\n`);
  }

  /** Edits a YAML file in place, keeping its comments. */
  editYaml(rel: string, mutate: (doc: ReturnType<typeof parseDocument>) => void): void {
    const doc = parseDocument(fs.readFileSync(this.file(rel), 'utf8'));
    mutate(doc);
    fs.writeFileSync(this.file(rel), doc.toString());
  }

  remove(rel: string): void {
    fs.rmSync(this.file(rel), { recursive: true, force: true });
  }

  /** `ddbops synth`, as a developer runs it before committing (dist/ and the design document). */
  async synth(): Promise<void> {
    let stderr = '';
    const code = await main(['synth'], { cwd: this.dir, stdout: () => undefined, stderr: (t) => { stderr += t; }, charts: this.charts });
    if (code !== 0) throw new Error(`synth failed in ${this.dir}: ${stderr}`);
  }

  async plan(...args: string[]): Promise<RunResult> {
    let stdout = '';
    let stderr = '';
    const code = await main(['plan', ...args], { cwd: this.dir, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, charts: this.charts });
    return { code, stdout, stderr };
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Commit ids differ between runs only if the seeded files change; snapshots name them by role instead. */
export function normalise(text: string, commits: Record<string, string>): string {
  let out = text;
  for (const [name, id] of Object.entries(commits)) out = out.split(id).join(`<${name}>`).split(id.slice(0, 12)).join(`<${name}>`);
  return out;
}
