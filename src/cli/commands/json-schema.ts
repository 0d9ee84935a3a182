import { basename, join, resolve } from 'path';
import { JSON_SCHEMA_DIR } from '../../model/json-schema-dir';
import { display } from '../../load/read-inputs';
import { EXIT } from '../../diagnostics/exit-codes';
import { defineCommand, FORMAT_OPTION } from '../command';
import { protectedPaths } from '../protected-paths';

/** A JSON Schema this command wrote before: only such a file is replaced. */
export function isGeneratedJsonSchema(text: string): boolean {
  try {
    const v = JSON.parse(text) as { $schema?: unknown; description?: unknown };
    return typeof v.$schema === 'string' && v.$schema.startsWith('https://json-schema.org/') && typeof v.description === 'string' && v.description.includes('Generated from src/model/');
  } catch {
    return false;
  }
}

export const jsonSchemaCommand = defineCommand({
  name: 'json-schema',
  summary: 'Write the JSON Schemas editors check schemas/, environments/ and project.yaml with (json-schema/)',
  options: [
    { name: 'out', value: 'DIR', description: 'Folder for the three schemas, each replaced atomically (only a previous schema is replaced)', default: `${JSON_SCHEMA_DIR}/ next to project.yaml` },
    FORMAT_OPTION,
  ],
  details: [
    'Generated from the zod model the tool validates with (src/model/), so `$schema` in the input files and',
    '`ddbops validate` agree on every field; `validate` adds the cross-field rules. scripts/check-generated.sh',
    'fails when the committed schemas are stale. Exit codes: 0 written, 2 usage error (including an --out it refuses to write).',
  ].join('\n'),
  async run(ctx) {
    const [{ jsonSchemas }, { writeFileAtomically }, { guardFileOutput }, { writeFailure }] = await Promise.all([
      import('../../model/json-schema'), import('../../write/write-atomically'), import('../../write/output-guard'), import('../../write/os-error'),
    ]);
    const out = ctx.options.out;
    const dir = out !== undefined
      ? { path: resolve(ctx.cwd, out), shown: out.replace(/\/+$/, '') || out }
      : { path: join(ctx.project().root, JSON_SCHEMA_DIR), shown: display(join(ctx.project().root, JSON_SCHEMA_DIR), ctx.cwd) };
    const files = jsonSchemas().map((f) => {
      const name = basename(f.path);
      return { path: join(dir.path, name), shown: `${dir.shown}/${name}`, content: f.content };
    });
    // Every target is checked before any is written: a refusal leaves all three as they were.
    const guarded = protectedPaths(ctx);
    for (const f of files) guardFileOutput(f.path, f.shown, guarded, { flag: '--out', what: 'a JSON Schema', isOurs: isGeneratedJsonSchema });
    for (const f of files) {
      try {
        writeFileAtomically(f.path, f.content);
      } catch (e) {
        throw writeFailure(e, f.shown, '--out');
      }
    }
    if (ctx.options.format === 'json') ctx.stdout(`${JSON.stringify({ out: dir.shown, files: files.map((f) => f.shown) }, null, 2)}\n`);
    else ctx.stdout(`wrote ${files.map((f) => f.shown).join(', ')}\n`);
    return EXIT.ok;
  },
});
