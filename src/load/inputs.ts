import { Finding, error } from '../diagnostics/finding';
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
  if (raw.schemas.length === 0) {
    findings.push(error('no-schemas', raw.project.path, [], 'no table schemas found',
      'add at least one schemas/<table>.schema.json, or point --schemas at the right folder'));
  }
  if (raw.environments.length === 0) {
    findings.push(error('no-environments', raw.project.path, [], 'no environments found',
      'add at least one environments/<env>.yaml, or point --environments at the right folder'));
  }
  if (!project) return { findings };
  return { inputs: { project, schemas, environments, texts }, findings };
}

function isDefined<T>(v: T | undefined): v is T {
  return v !== undefined;
}
