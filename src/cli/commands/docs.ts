import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { UsageError } from '../../diagnostics/usage-error';
import { DEFAULT_DOC_PATH } from '../../docs/paths';
import { Command, EXIT } from '../command';
import { findingsText } from '../report-findings';

export const docsCommand: Command = {
  name: 'docs',
  summary: 'Validate, then render the DynamoDB design document (markdown)',
  options: [
    { name: 'out', value: 'FILE', description: `Markdown file, replaced atomically; - for stdout. @default ${DEFAULT_DOC_PATH}` },
    { name: 'check', description: 'Write nothing; exit 1 when FILE differs from a fresh render' },
  ],
  details: 'Refuses invalid input and then leaves the previous document untouched. Exit codes: 0 written (or current), 1 invalid input (or stale with --check), 2 usage error.',
  async run(ctx) {
    const [{ readInputs }, { synthesize }, { renderDesignDoc }, { writeFileAtomically }, { EXTRA_CHARTS }] = await Promise.all([
      import('../../load/read-inputs'), import('../../synth'), import('../../docs/render'), import('../../docs/write-file'), import('../extra-charts'),
    ]);
    const raw = readInputs(ctx.paths, ctx.cwd);
    const checked = synthesize(raw, EXTRA_CHARTS);
    const summary = { schemas: raw.schemas.length, environments: raw.environments.length };
    if (!checked.inputs || !checked.model || !checked.objects) {
      ctx.stderr(`${findingsText(checked.findings, summary)}docs refused: fix the errors above; the previous document was left untouched\n`);
      return EXIT.invalid;
    }
    const doc = renderDesignDoc(checked.inputs, checked.model, checked.objects);
    const out = (ctx.options.out as string | undefined) ?? DEFAULT_DOC_PATH;
    if (out === '-') {
      if (ctx.options.check) throw new UsageError('--check needs a file, not -', 'drop --out -, or pass --out FILE');
      ctx.stdout(doc);
      return EXIT.ok;
    }
    const path = resolve(ctx.cwd, out);
    if (ctx.options.check) {
      if (existsSync(path) && readFileSync(path, 'utf8') === doc) {
        ctx.stdout(`${out} is current\n`);
        return EXIT.ok;
      }
      ctx.stderr(`${out} is ${existsSync(path) ? 'stale' : 'missing'}: run \`ddbops docs${out === DEFAULT_DOC_PATH ? '' : ` --out ${out}`}\` and commit the result\n`);
      return EXIT.invalid;
    }
    writeFileAtomically(path, doc);
    const warnings = checked.findings.filter((f) => f.severity === 'warning');
    if (warnings.length) ctx.stderr(findingsText(warnings, summary));
    ctx.stdout(`wrote ${out}\n`);
    return EXIT.ok;
  },
};
