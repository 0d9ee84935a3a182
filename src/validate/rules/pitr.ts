import { error, Finding, PathSegment } from '../../diagnostics/finding';
import { Loaded } from '../../model/inputs';
import { LIMITS } from '../../model/aws';
import { pitrEnabledIn } from '../../model/table-in-environment';
import { TableSchema } from '../../model/table-schema';
import { TableRuleContext } from './context';

/** UpdateContinuousBackups takes a RecoveryPeriodInDays of 1-35. */
export function pitrPeriodFinding(days: number | undefined, file: string, path: readonly PathSegment[]): Finding[] {
  if (days === undefined || (days >= LIMITS.pitrRecoveryMinDays && days <= LIMITS.pitrRecoveryMaxDays)) return [];
  return [error('pitr-period', file, path, `PITR recovery period of ${days} days is out of range`,
    `use ${LIMITS.pitrRecoveryMinDays}-${LIMITS.pitrRecoveryMaxDays} days`)];
}

/**
 * The PITR window: 1-35 days wherever it is written, and never next to PITR
 * switched off. DynamoDB refuses the latter ("Cannot specify
 * RecoveryPeriodInDays when disabling point-in-time recovery"); the renderer
 * drops it instead, so it is reported rather than silently ignored.
 */
export function checkPitr({ file, value: t }: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  const findings: Finding[] = [...pitrPeriodFinding(t.pitr?.recoveryPeriodInDays, file, ['pitr', 'recoveryPeriodInDays'])];
  for (const [env, o] of Object.entries(t.overrides ?? {})) {
    findings.push(...pitrPeriodFinding(o.pitr?.recoveryPeriodInDays, file, ['overrides', env, 'pitr', 'recoveryPeriodInDays']));
  }
  const envs = ctx.environments.map((e) => e.value);
  // The table's window still applies in an environment whose override turns PITR on.
  const tableDaysUsed = envs.some((e) => pitrEnabledIn(t, e) && t.overrides?.[e.name]?.pitr?.recoveryPeriodInDays === undefined);
  if (t.pitr?.enabled === false && t.pitr.recoveryPeriodInDays !== undefined && !tableDaysUsed) {
    findings.push(ignored(t.pitr.recoveryPeriodInDays, file, ['pitr', 'recoveryPeriodInDays'], 'PITR is disabled'));
  }
  for (const e of envs) {
    const days = t.overrides?.[e.name]?.pitr?.recoveryPeriodInDays;
    if (days !== undefined && !pitrEnabledIn(t, e)) {
      findings.push(ignored(days, file, ['overrides', e.name, 'pitr', 'recoveryPeriodInDays'], `PITR is disabled in ${e.name}`));
    }
  }
  return findings;
}

function ignored(days: number, file: string, path: readonly PathSegment[], because: string): Finding {
  return error('pitr-period', file, path, `recoveryPeriodInDays ${days} is ignored because ${because}`,
    'remove recoveryPeriodInDays, or set pitr.enabled to true');
}
