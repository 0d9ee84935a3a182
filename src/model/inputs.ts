import { Environment } from './environment';
import { ProjectConfig } from './project-config';
import { TableSchema } from './table-schema';

/** A file's text as read from disk or from git, before parsing. */
export interface RawFile {
  /** Path relative to the working directory, as shown in messages. */
  readonly path: string;
  readonly text: string;
}

/** The text of every input file, from disk or from a git revision. */
export interface RawInputs {
  readonly project: RawFile;
  readonly schemas: readonly RawFile[];
  readonly environments: readonly RawFile[];
  /**
   * The schema folder as named in messages.
   * @default schemas
   */
  readonly schemasDir?: string;
  /**
   * The environment folder as named in messages.
   * @default environments
   */
  readonly environmentsDir?: string;
  /**
   * Files in those folders that are not inputs (wrong suffix), named in a warning.
   * @default none
   */
  readonly ignored?: readonly IgnoredFile[];
}

/** A file in an input folder that is not an input of that folder. */
export interface IgnoredFile {
  readonly file: string;
  readonly folder: 'schemas' | 'environments';
}

/** A file that parsed and matched its zod schema. */
export interface Loaded<T> {
  readonly file: string;
  readonly value: T;
}

/** Every input file that parsed and matched its zod schema: what validation and the model read. */
export interface Inputs {
  readonly project: Loaded<ProjectConfig>;
  readonly schemas: readonly Loaded<TableSchema>[];
  readonly environments: readonly Loaded<Environment>[];
  /** File texts by path, to locate findings. */
  readonly texts: ReadonlyMap<string, string>;
}
