import { readdirSync, readFileSync, statSync } from 'fs';
import { relative, resolve } from 'path';
import { UsageError } from '../diagnostics/usage-error';
import { RawFile, RawInputs } from '../model/inputs';

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

export const SCHEMA_SUFFIX = '.schema.json';
const ENVIRONMENT_FILE = /\.ya?ml$/;

/**
 * Reads every input file from disk, in a stable order. Paths may be absolute
 * or relative to `cwd`; the files are named relative to `cwd` in messages.
 */
export function readInputs(paths: InputPaths, cwd = process.cwd()): RawInputs {
  const schemas = readDir(paths.schemasDir, cwd, '--schemas', (n) => n.endsWith(SCHEMA_SUFFIX));
  const environments = readDir(paths.environmentsDir, cwd, '--environments', (n) => ENVIRONMENT_FILE.test(n));
  return {
    project: readOne(paths.projectFile, cwd, '--project'),
    schemas: schemas.files,
    environments: environments.files,
    schemasDir: schemas.dir,
    environmentsDir: environments.dir,
    // A file skipped silently is a table that is never created: name it. Notes (*.md) are expected.
    ignored: [
      ...schemas.ignored.map((file) => ({ file, folder: 'schemas' as const })),
      ...environments.ignored.map((file) => ({ file, folder: 'environments' as const })),
    ],
  };
}

function readOne(path: string, cwd: string, flag: string): RawFile {
  const abs = resolve(cwd, path);
  try {
    return { path: display(abs, cwd), text: readFileSync(abs, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${display(abs, cwd)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code ?? (e as Error).message}`,
      `create it, or pass ${flag} FILE`);
  }
}

/** The files of a folder (not recursive) that `keep` accepts, sorted, and the names it skipped. */
function readDir(dir: string, cwd: string, flag: string, keep: (name: string) => boolean): { dir: string; files: RawFile[]; ignored: string[] } {
  const abs = resolve(cwd, dir);
  let names: string[];
  try {
    if (!statSync(abs).isDirectory()) throw new Error('not a directory');
    names = readdirSync(abs);
  } catch {
    throw new UsageError(`cannot read directory ${display(abs, cwd)}`, `create it, or pass ${flag} DIR`);
  }
  const visible = names.filter((n) => !n.startsWith('.')).sort();
  const ignored = visible.filter((n) => !keep(n) && !n.endsWith('.md') && !isDirectory(resolve(abs, n))).map((n) => display(resolve(abs, n), cwd));
  const files = visible.filter(keep).map((name) => {
    const file = resolve(abs, name);
    try {
      return { path: display(file, cwd), text: readFileSync(file, 'utf8') };
    } catch (e) {
      // A folder named like a schema, or a file without read permission: the user's to fix, not a crash.
      throw new UsageError(`cannot read ${display(file, cwd)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        'make it a readable file, or move it out of the folder');
    }
  });
  return { dir: display(abs, cwd), files, ignored };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `abs` relative to `cwd` when it is below it or a sibling of it (`../x`), else absolute: what a user can paste back. */
export function display(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  return rel.startsWith('../..') ? abs : rel;
}
