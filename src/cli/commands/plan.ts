import { resolve } from 'path';
import { defineCommand } from '../command';
import { EXIT } from '../../diagnostics/exit-codes';
import { protectedPaths } from '../protected-paths';
import { findingsJson, findingsText } from '../report-findings';

/** A previous `plan --out` file, in any format: only such a file is replaced. */
export function isPlanOutput(text: string): boolean {
  if (text.startsWith('ddbops plan: ') || text.startsWith('## ddbops plan\n')) return true;
  try {
    const v = JSON.parse(text) as { formatVersion?: unknown; summary?: unknown; changes?: unknown };
    return typeof v.formatVersion === 'number' && typeof v.summary === 'object' && Array.isArray(v.changes);
  } catch {
    return false;
  }
}

export const planCommand = defineCommand({
  name: 'plan',
  summary: 'Show what a change does to each environment\'s tables in AWS; exit 3 when the guard blocks it',
  options: [
    { name: 'base', value: 'REF', description: 'Compare against this git ref', default: 'merge-base of HEAD and origin/main, else HEAD' },
    { name: 'format', value: 'FORMAT', choices: ['text', 'markdown', 'json'], description: 'Output format', default: 'text' },
    { name: 'out', value: 'FILE', description: 'Write the output to FILE (only a new file or a previous plan is replaced) and print the text plan to stdout' },
  ],
  details: [
    'Head: the working tree\'s schemas/, environments/ and project.yaml, rendered in memory (no synth needed).',
    'Base: the dist/ committed at the base commit (what Argo CD applied), with guards and acknowledgements from its sources; its sources rendered the same way when it has no dist/.',
    'Exit codes: 0 nothing blocked, 1 invalid input at head, 2 usage or git error, 3 the guard blocks a change.',
  ].join('\n'),
  async run(ctx) {
    const [
      { readInputs }, { collectAcknowledgements }, { buildPlan }, { readBase }, { synthesize },
      { renderJson }, { renderMarkdown }, { renderText }, { planExitCode },
      { writeFileAtomically }, { guardFileOutput }, { writeFailure },
    ] = await Promise.all([
      import('../../load/read-inputs'), import('../../plan/acknowledgements'), import('../../plan/build-plan'), import('../../plan/read-base'),
      import('../../pipeline/synthesize'), import('../../plan/render-json'), import('../../plan/render-markdown'), import('../../plan/render-text'),
      import('../../plan/summary'),
      import('../../write/write-atomically'), import('../../write/output-guard'), import('../../write/os-error'),
    ]);
    const format = ctx.options.format ?? 'text';
    const out = ctx.options.out;
    const loc = ctx.project();
    if (out !== undefined) guardFileOutput(resolve(ctx.cwd, out), out, protectedPaths(ctx), { flag: '--out', what: 'a plan', isOurs: isPlanOutput });
    const raw = readInputs(loc.paths, ctx.cwd);
    const charts = await ctx.charts();
    // Plan compares objects, never YAML: the pipeline stops before the files.
    const head = synthesize(raw, { until: 'objects', charts });
    if (!head.ok) {
      if (format === 'json') ctx.stdout(`${JSON.stringify(findingsJson(head.findings), null, 2)}\n`);
      else ctx.stderr(`${findingsText(head.findings, { schemas: raw.schemas.length, environments: raw.environments.length })}plan refused: the working tree's inputs are invalid; fix the errors above\n`);
      return EXIT.failed;
    }
    // git runs in the project root, so plan works from any folder of the repository.
    const base = readBase(loc.root, loc.paths, ctx.options.base, charts);
    const plan = buildPlan({
      base: base.side,
      head: { objects: head.objects, model: head.model },
      baseInfo: base.info,
      acknowledgements: collectAcknowledgements(head.inputs),
      baseAcknowledgements: base.acknowledgements,
    });
    const output = format === 'json' ? renderJson(plan) : format === 'markdown' ? renderMarkdown(plan) : renderText(plan);
    if (out !== undefined) {
      try {
        writeFileAtomically(resolve(ctx.cwd, out), output);
      } catch (e) {
        throw writeFailure(e, out, '--out');
      }
      ctx.stdout(renderText(plan));
    } else {
      ctx.stdout(output);
    }
    return planExitCode(plan);
  },
});
