/** The invalid-input corpus under test/fixtures/invalid/ (see its README). */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

export const CORPUS_DIR = join(__dirname, '..', 'fixtures', 'invalid');

export interface ExpectedFinding {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number | null;
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

export interface CorpusCase {
  readonly name: string;
  readonly dir: string;
  /** `validate` arguments, pointing at `_shared/` for what the case does not have. */
  readonly args: string[];
  readonly expected: { readonly reason: string; readonly exitCode: number; readonly findings: readonly ExpectedFinding[] };
}

export function corpusCases(): CorpusCase[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => !name.startsWith('_') && statSync(join(CORPUS_DIR, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(CORPUS_DIR, name);
      const args = ['validate'];
      // A shared project.yaml elsewhere: its schemas/ and environments/ defaults would be _shared's, so name the case's own.
      if (!existsSync(join(dir, 'project.yaml'))) args.push('--project', '../_shared/project.yaml', '--schemas', 'schemas');
      args.push('--environments', existsSync(join(dir, 'environments')) ? 'environments' : '../_shared/environments');
      return { name, dir, args, expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) };
    });
}

/** Matches a V8 stack frame: `    at fn (file.js:12:34)`. */
export const STACK_TRACE = /\n\s+at .+\(.*:\d+:\d+\)/;

/** Every file under `dir` with its size and mtime, to prove a run wrote nothing. */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out.push(`${p} ${s.size} ${s.mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}
