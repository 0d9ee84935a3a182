import { change } from '../change';
import { Change } from '../types';
import { TableTopic } from './topic';

/** PITR, deletion protection and membership of the AWS Backup plan: the ways back after a mistake. */
export const recoveryTopic: TableTopic = {
  fields: ['pointInTimeRecovery', 'deletionProtection', 'backup'],
  classify(base, head) {
    const out: Change[] = [];
    const a = base.pointInTimeRecovery;
    const b = head.pointInTimeRecovery;
    if (a.enabled && !b.enabled) {
      out.push(change(`PITR turned off: continuous backups stop and the existing ${a.recoveryPeriodInDays ?? 35}-day restore window is discarded`, ['pitr-off'], ['recovery-weakened']));
    } else if (!a.enabled && b.enabled) {
      out.push(change(`PITR turned on (${days(b.recoveryPeriodInDays)}): restore points build up from now`, [], ['cost']));
    } else if (a.enabled && b.enabled && (a.recoveryPeriodInDays ?? 35) !== (b.recoveryPeriodInDays ?? 35)) {
      const shorter = (b.recoveryPeriodInDays ?? 35) < (a.recoveryPeriodInDays ?? 35);
      out.push(shorter
        ? change(`PITR restore window ${days(a.recoveryPeriodInDays)} → ${days(b.recoveryPeriodInDays)}: restore points older than ${days(b.recoveryPeriodInDays)} are gone`, ['pitr-shortened'], ['recovery-weakened'])
        : change(`PITR restore window ${days(a.recoveryPeriodInDays)} → ${days(b.recoveryPeriodInDays)}`, [], ['cost']));
    }
    if (base.deletionProtection && !head.deletionProtection) {
      out.push(change('deletion protection turned off: any DeleteTable call, Crossplane\'s included, can now delete the table', ['deletion-protection-off'], ['recovery-weakened']));
    } else if (!base.deletionProtection && head.deletionProtection) {
      out.push(change('deletion protection turned on'));
    }
    if (base.backupPlan !== head.backupPlan) {
      if (head.backupPlan === undefined) {
        out.push(change(`table leaves AWS Backup plan ${base.backupPlan} (its selection tag is removed): no new recovery points; existing ones stay until they expire`, ['backup-removed'], ['recovery-weakened']));
      } else if (base.backupPlan === undefined) {
        out.push(change(`table joins AWS Backup plan ${head.backupPlan}`, [], ['cost']));
      } else {
        out.push(change(`table moves from AWS Backup plan ${base.backupPlan} to ${head.backupPlan}`));
      }
    }
    return out;
  },
};

function days(n: number | undefined): string {
  const d = n ?? 35;
  return `${d} day${d === 1 ? '' : 's'}`;
}
