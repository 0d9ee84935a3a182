import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { UsageError } from '../diagnostics/usage-error';
import { RawInputs } from './inputs';
import { RawFile } from './source-file';

export interface InputPaths {
  /** @default schemas */
  readonly schemasDir: string;
  /** @default environments */
  readonly environmentsDir: string;
  /** @default project.yaml */
  readonly projectFile: string;
}

export const DEFAULT_INPUT_PATHS: InputPaths = {
  schemasDir: 'schemas',
  environmentsDir: 'environments',
  projectFile: 'project.yaml',
};

/** Reads every input file from disk, in a stable order. */
export function readInputs(paths: InputPaths, cwd = process.cwd()): RawInputs {
  return {
    project: readOne(paths.projectFile, cwd, '--project'),
    schemas: readDir(paths.schemasDir, cwd, '--schemas', (n) => n.endsWith('.schema.json')),
    environments: readDir(paths.environmentsDir, cwd, '--environments', (n) => /\.ya?ml$/.test(n)),
  };
}

function readOne(path: string, cwd: string, flag: string): RawFile {
  const abs = join(cwd, path);
  try {
    return { path: display(abs, cwd), text: readFileSync(abs, 'utf8') };
  } catch {
    throw new UsageError(`cannot read ${path}: no such file`, `create it, or pass ${flag} FILE`);
  }
}

function readDir(dir: string, cwd: string, flag: string, keep: (name: string) => boolean): RawFile[] {
  const abs = join(cwd, dir);
  let names: string[];
  try {
    if (!statSync(abs).isDirectory()) throw new Error('not a directory');
    names = readdirSync(abs);
  } catch {
    throw new UsageError(`cannot read directory ${dir}`, `create it, or pass ${flag} DIR`);
  }
  return names.filter(keep).sort().map((name) => {
    const file = join(abs, name);
    try {
      return { path: display(file, cwd), text: readFileSync(file, 'utf8') };
    } catch (e) {
      // A folder named like a schema, or a file without read permission: the user's to fix, not a crash.
      throw new UsageError(`cannot read ${display(file, cwd)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        'make it a readable file, or move it out of the folder');
    }
  });
}

function display(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel === '' ? '.' : rel;
}
