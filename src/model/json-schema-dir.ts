/** Folder, next to project.yaml, that holds the generated JSON Schemas. Its own module so the CLI can name it without loading zod. */
export const JSON_SCHEMA_DIR = 'json-schema';
