import { defineCommand, FORMAT_OPTION } from '../command';
import { EXIT } from '../../diagnostics/exit-codes';
import { findingsJson, findingsText } from '../report-findings';

export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'Check schemas/ and environments/ against DynamoDB\'s rules',
  options: [FORMAT_OPTION],
  details: 'Exit codes: 0 valid (warnings allowed), 1 errors found, 2 usage error.',
  async run(ctx) {
    const [{ readInputs }, { checkInputs }] = await Promise.all([import('../../load/read-inputs'), import('../../pipeline/check')]);
    const raw = readInputs(ctx.paths, ctx.cwd);
    const checked = checkInputs(raw);
    if (ctx.options.format === 'json') ctx.stdout(`${JSON.stringify(findingsJson(checked.findings), null, 2)}\n`);
    else ctx.stdout(findingsText(checked.findings, { schemas: raw.schemas.length, environments: raw.environments.length }));
    return checked.ok ? EXIT.ok : EXIT.failed;
  },
});
