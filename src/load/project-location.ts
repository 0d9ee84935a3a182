import { existsSync, statSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { UsageError } from '../diagnostics/usage-error';
import { DEFAULT_INPUT_PATHS, InputPaths } from './read-inputs';

/** Where a project's files are, as absolute paths. */
export interface ProjectLocation {
  /** The folder holding the project file; defaults are relative to it. */
  readonly root: string;
  /** Absolute input paths. */
  readonly paths: InputPaths;
  /** The enclosing git work tree's top folder, when there is one. */
  readonly gitRoot?: string;
}

/** Path flags as the user typed them; relative ones are taken from the working directory. */
export interface PathFlags {
  readonly project?: string;
  readonly schemas?: string;
  readonly environments?: string;
}

/** The nearest folder at or above `start` that holds `name` (a file or folder), as git finds `.git`. */
export function findUp(start: string, name: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, name))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Finds the project the way git finds its repository: `--project` when given,
 * else the nearest project.yaml at or above the working directory. Input
 * folders default to the project root's, so every command works from any
 * subfolder; explicit flags are relative to the working directory, or absolute.
 */
export function locateProject(flags: PathFlags, cwd: string): ProjectLocation {
  let projectFile: string;
  if (flags.project !== undefined) {
    projectFile = resolve(cwd, flags.project);
  } else {
    const found = findUp(cwd, DEFAULT_INPUT_PATHS.projectFile);
    if (!found || !isFile(join(found, DEFAULT_INPUT_PATHS.projectFile))) {
      throw new UsageError(`no ${DEFAULT_INPUT_PATHS.projectFile} in ${cwd} or any folder above it`,
        `run ddbops inside the project (the folder holding ${DEFAULT_INPUT_PATHS.projectFile}, or one below it), or pass --project FILE`);
    }
    projectFile = join(found, DEFAULT_INPUT_PATHS.projectFile);
  }
  const root = dirname(projectFile);
  const gitRoot = findUp(root, '.git');
  return {
    root,
    paths: {
      projectFile,
      schemasDir: flags.schemas !== undefined ? resolve(cwd, flags.schemas) : join(root, DEFAULT_INPUT_PATHS.schemasDir),
      environmentsDir: flags.environments !== undefined ? resolve(cwd, flags.environments) : join(root, DEFAULT_INPUT_PATHS.environmentsDir),
    },
    ...(gitRoot ? { gitRoot } : {}),
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
