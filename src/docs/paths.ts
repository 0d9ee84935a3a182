/** Where `ddbops docs` writes by default; its own module so the CLI can name it without loading the renderer. */
export const DEFAULT_DOC_PATH = 'docs/dynamodb-design.md';
