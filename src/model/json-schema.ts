import { z } from 'zod';
import { EnvironmentFile } from './environment';
import { JSON_SCHEMA_DIR } from './json-schema-dir';
import { ProjectConfigFile } from './project-config';
import { TableSchemaFile } from './table-schema';


/** A generated file: path relative to the repository root, and its exact content. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

const DOCUMENTS: readonly { file: string; schema: z.ZodType; title: string; description: string }[] = [
  {
    file: 'table.schema.json',
    schema: TableSchemaFile,
    title: 'DynamoDB table schema',
    description: 'schemas/<table>.schema.json: one DynamoDB table, its indexes, access patterns and per-environment overrides. '
      + 'A superset of the BBWS legacy format. Generated from src/model/table-schema.ts; `ddbops validate` adds the cross-field rules.',
  },
  {
    file: 'environment.schema.json',
    schema: EnvironmentFile,
    title: 'ddbops environment',
    description: 'environments/<env>.yaml: one AWS account and Kubernetes namespace, and the defaults its tables inherit. '
      + 'Generated from src/model/environment.ts.',
  },
  {
    file: 'project.schema.json',
    schema: ProjectConfigFile,
    title: 'ddbops project',
    description: 'project.yaml: the organisation-specific settings of this repository. Generated from src/model/project-config.ts.',
  },
];

/**
 * JSON Schemas (draft 2020-12) for the three input file kinds, generated from
 * the zod definitions so editors validate and complete files through `$schema`.
 * `.describe()` texts become `description`s. Pure: the caller writes the files.
 */
export function jsonSchemas(): GeneratedFile[] {
  return DOCUMENTS.map(({ file, schema, title, description }) => {
    // io: input, because these describe files as written, before zod applies anything.
    const { $schema, ...body } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
    const document = { $schema, title, description, ...body };
    return { path: `${JSON_SCHEMA_DIR}/${file}`, content: `${JSON.stringify(document, null, 2)}\n` };
  });
}
