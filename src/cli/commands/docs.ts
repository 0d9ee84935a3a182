import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { UsageError } from '../../diagnostics/usage-error';
import { DEFAULT_DOC_PATH } from '../../docs/paths';
import { display } from '../../load/read-inputs';
import { defineCommand, FORMAT_OPTION } from '../command';
import { EXIT } from '../../diagnostics/exit-codes';
import { protectedPaths } from '../protected-paths';
import { findingsJson, findingsText } from '../report-findings';

export const docsCommand = defineCommand({
  name: 'docs',
  summary: 'Validate, then render the DynamoDB design document (markdown)',
  options: [
    { name: 'out', value: 'FILE', description: 'Markdown file, replaced atomically (only a previous design document is replaced); - for stdout', default: `${DEFAULT_DOC_PATH} next to project.yaml` },
    { name: 'check', description: 'Write nothing; exit 1 when FILE differs from a fresh render' },
    FORMAT_OPTION,
  ],
  details: 'Refuses invalid input and then leaves the previous document untouched. `ddbops synth` writes the same document. Exit codes: 0 written (or current), 1 invalid input (or stale with --check), 2 usage error.',
  async run(ctx) {
    const [{ readInputs }, { synthesize }, { renderDesignDoc }, { writeFileAtomically }, { guardFileOutput }, { writeFailure }, { isDesignDoc }] = await Promise.all([
      import('../../load/read-inputs'), import('../../pipeline/synthesize'), import('../../docs/render'), import('../../write/write-atomically'),
      import('../../write/output-guard'), import('../../write/os-error'), import('../../docs/paths'),
    ]);
    const json = ctx.options.format === 'json';
    const flag = ctx.options.out;
    if (flag === '-' && ctx.options.check) throw new UsageError('--check needs a file, not -', 'drop --out -, or pass --out FILE');
    const loc = ctx.project();
    const path = flag === undefined ? join(loc.root, DEFAULT_DOC_PATH) : flag === '-' ? undefined : resolve(ctx.cwd, flag);
    const shown = flag !== undefined && flag !== '-' ? flag : path ? display(path, ctx.cwd) : '-';
    if (path && !ctx.options.check) guardFileOutput(path, shown, protectedPaths(ctx), { flag: '--out', what: 'a design document', isOurs: isDesignDoc });

    const raw = readInputs(loc.paths, ctx.cwd);
    // The design document lists what each dist/ folder holds: it needs the objects, never their YAML.
    const checked = synthesize(raw, { until: 'objects', charts: await ctx.charts() });
    const summary = { schemas: raw.schemas.length, environments: raw.environments.length };
    if (!checked.ok) {
      if (json) ctx.stdout(`${JSON.stringify(findingsJson(checked.findings), null, 2)}\n`);
      else ctx.stderr(`${findingsText(checked.findings, summary)}docs refused: fix the errors above; the previous document was left untouched\n`);
      return EXIT.failed;
    }
    const doc = renderDesignDoc(checked.inputs, checked.model, checked.objects);
    const report = (status: 'written' | 'current' | 'stale' | 'missing', line: string, toStderr = false) => {
      if (json) ctx.stdout(`${JSON.stringify({ out: shown, status }, null, 2)}\n`);
      else (toStderr ? ctx.stderr : ctx.stdout)(line);
    };
    if (!path) {
      ctx.stdout(doc);
      return EXIT.ok;
    }
    if (ctx.options.check) {
      if (existsSync(path) && readFileSync(path, 'utf8') === doc) {
        report('current', `${shown} is current\n`);
        return EXIT.ok;
      }
      const state = existsSync(path) ? 'stale' : 'missing';
      report(state, `${shown} is ${state}: run \`ddbops docs${flag === undefined ? '' : ` --out ${flag}`}\` and commit the result\n`, true);
      return EXIT.failed;
    }
    try {
      writeFileAtomically(path, doc);
    } catch (e) {
      throw writeFailure(e, shown, '--out');
    }
    const warnings = checked.findings.filter((f) => f.severity === 'warning');
    if (warnings.length && !json) ctx.stderr(findingsText(warnings, summary));
    report('written', `wrote ${shown}\n`);
    return EXIT.ok;
  },
});
