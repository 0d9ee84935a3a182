import { resolve } from 'path';
import { Command, EXIT, FORMAT_OPTION } from '../command';
import { findingsJson, findingsText, plural } from '../report-findings';

export const synthCommand: Command = {
  name: 'synth',
  summary: 'Validate, then render dist/ (platform, one folder per environment, argocd)',
  options: [{ name: 'out', value: 'DIR', description: 'Output folder, replaced atomically. @default dist' }, FORMAT_OPTION],
  details: 'Refuses invalid input and then leaves the previous output untouched. Exit codes: 0 written, 1 invalid input, 2 usage error.',
  async run(ctx) {
    const [{ readInputs }, { synthesize }, { writeTreeAtomically }, { EXTRA_CHARTS }] = await Promise.all([
      import('../../load/read-inputs'), import('../../synth'), import('../../write/write-tree'), import('../extra-charts'),
    ]);
    const raw = readInputs(ctx.paths, ctx.cwd);
    const result = synthesize(raw, EXTRA_CHARTS);
    const json = ctx.options.format === 'json';
    if (!result.files) {
      if (json) ctx.stdout(`${JSON.stringify(findingsJson(result.findings), null, 2)}\n`);
      else ctx.stderr(`${findingsText(result.findings, { schemas: raw.schemas.length, environments: raw.environments.length })}synth refused: fix the errors above; the previous output was left untouched\n`);
      return EXIT.invalid;
    }
    const out = (ctx.options.out as string | undefined) ?? 'dist';
    writeTreeAtomically(resolve(ctx.cwd, out), result.files);
    const perDir = new Map<string, number>();
    for (const path of result.files.keys()) perDir.set(path.split('/')[0], (perDir.get(path.split('/')[0]) ?? 0) + 1);
    if (json) {
      ctx.stdout(`${JSON.stringify({ out, files: [...result.files.keys()], warnings: (findingsJson(result.findings) as { warnings: unknown[] }).warnings }, null, 2)}\n`);
    } else {
      const warnings = result.findings.filter((f) => f.severity === 'warning');
      if (warnings.length) ctx.stderr(findingsText(warnings, { schemas: raw.schemas.length, environments: raw.environments.length }));
      ctx.stdout(`wrote ${plural(result.files.size, 'file')} to ${out}/: ${[...perDir].map(([d, n]) => `${d} ${n}`).join(', ')}\n`);
    }
    return EXIT.ok;
  },
};
