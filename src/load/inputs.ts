import { Finding, error, warning } from '../diagnostics/finding';
import { EnvironmentFile } from '../model/environment';
import { Inputs, Loaded, RawFile, RawInputs } from '../model/inputs';
import { ProjectConfigFile } from '../model/project-config';
import { TableSchemaFile } from '../model/table-schema';
import { parseSource } from './source-file';
import { parseWith } from './zod-findings';

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
