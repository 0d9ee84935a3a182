import { Finding, error, warning } from '../diagnostics/finding';
import { Environment, EnvironmentFile } from '../model/environment';
import { ProjectConfig, ProjectConfigFile } from '../model/project-config';
import { TableSchema, TableSchemaFile } from '../model/table-schema';
import { parseWith } from '../validate/zod-findings';
import { parseSource, RawFile } from './source-file';

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

export interface Inputs {
  readonly project: Loaded<ProjectConfig>;
  readonly schemas: readonly Loaded<TableSchema>[];
  readonly environments: readonly Loaded<Environment>[];
  /** File texts by path, to locate findings. */
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * Parses and type-checks every input file. Files that fail are left out of
 * `inputs` and reported; the rest are still returned so that cross-field rules
 * can report their own findings in the same run.
 */
export function parseInputs(raw: RawInputs): { inputs?: Inputs; findings: Finding[] } {
  const findings: Finding[] = [];
  const texts = new Map<string, string>();
  const load = <T>(file: RawFile, schema: Parameters<typeof parseWith<T>>[0]): Loaded<T> | undefined => {
    texts.set(file.path, file.text);
    const parsed = parseSource(file);
    findings.push(...parsed.findings);
    if (!parsed.file) return undefined;
    const checked = parseWith(schema, file.path, parsed.file.data);
    findings.push(...checked.findings);
    return checked.value === undefined ? undefined : { file: file.path, value: checked.value };
  };

  const project = load(raw.project, ProjectConfigFile);
  const schemas = raw.schemas.map((f) => load(f, TableSchemaFile)).filter(isDefined);
  const environments = raw.environments.map((f) => load(f, EnvironmentFile)).filter(isDefined);
  const schemasDir = raw.schemasDir ?? 'schemas';
  const environmentsDir = raw.environmentsDir ?? 'environments';
  if (raw.schemas.length === 0) {
    findings.push(error('no-schemas', `${schemasDir}/`, [], `no table schemas (*.schema.json) in ${schemasDir}/`,
      `add at least one ${schemasDir}/<table>.schema.json, or point --schemas at the right folder`));
  }
  if (raw.environments.length === 0) {
    findings.push(error('no-environments', `${environmentsDir}/`, [], `no environments (*.yaml) in ${environmentsDir}/`,
      `add at least one ${environmentsDir}/<env>.yaml, or point --environments at the right folder`));
  }
  for (const { file, folder } of raw.ignored ?? []) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    findings.push(folder === 'schemas'
      ? warning('ignored-file', file, [], `${file} is not read: only files ending in .schema.json are table schemas, so no table comes from it`,
        base.endsWith('.json') ? `rename it to ${base.replace(/(\.schema)?\.json$/, '.schema.json')} if it is a table, or move it out of ${schemasDir}/` : `move it out of ${schemasDir}/`)
      : warning('ignored-file', file, [], `${file} is not read: only .yaml and .yml files are environments`,
        `rename it to ${base.replace(/\.[^.]*$/, '')}.yaml if it is an environment, or move it out of ${environmentsDir}/`));
  }
  if (!project) return { findings };
  return { inputs: { project, schemas, environments, texts }, findings };
}

function isDefined<T>(v: T | undefined): v is T {
  return v !== undefined;
}
