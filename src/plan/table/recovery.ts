import { PITR_DEFAULT_RECOVERY_DAYS } from '../../model/aws';
import { change } from '../change';
import { Change } from '../types';
import { TableTopic } from './topic';
import { plural } from '../../text/lists';

/**
 * AWS bills PITR by the size of the table and its local secondary indexes,
 * whatever the recovery period, so only turning PITR on or off changes the
 * bill: the window is a recovery choice, never a cost one. The DynamoDB
 * developer guide says so twice:
 * - "Point-in-time backups" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html):
 *   "Shortening the RecoveryPeriodinDays has no impact on PITR pricing because
 *   the price is based on the size of table and local secondary indexes.";
 * - "Enable point-in-time recovery" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html):
 *   "Changing the recovery window (for example, from 35 days to 1 day) doesn't
 *   reduce the price."
 * The per-GB-month rate is on the pricing page, https://aws.amazon.com/dynamodb/pricing/.
 */
export const PITR_PRICE = 'AWS prices PITR by the size of the table and its LSIs, not by the recovery window';

/** PITR, deletion protection and membership of the AWS Backup plan: the ways back after a mistake. */
export const recoveryTopic: TableTopic = {
  fields: ['pointInTimeRecovery', 'deletionProtection', 'backup'],
  classify(base, head) {
    const out: Change[] = [];
    const a = base.pointInTimeRecovery;
    const b = head.pointInTimeRecovery;
    if (a.enabled && !b.enabled) {
      out.push(change(`PITR turned off: continuous backups stop and the existing ${a.recoveryPeriodInDays ?? PITR_DEFAULT_RECOVERY_DAYS}-day restore window is discarded`, ['pitr-off'], ['recovery-weakened']));
    } else if (!a.enabled && b.enabled) {
      out.push(change(`PITR turned on (${days(b.recoveryPeriodInDays)}): restore points build up from now, billed by the size of the table and its LSIs`, [], ['cost']));
    } else if (a.enabled && b.enabled && (a.recoveryPeriodInDays ?? PITR_DEFAULT_RECOVERY_DAYS) !== (b.recoveryPeriodInDays ?? PITR_DEFAULT_RECOVERY_DAYS)) {
      const shorter = (b.recoveryPeriodInDays ?? PITR_DEFAULT_RECOVERY_DAYS) < (a.recoveryPeriodInDays ?? PITR_DEFAULT_RECOVERY_DAYS);
      out.push(shorter
        ? change(`PITR restore window ${days(a.recoveryPeriodInDays)} → ${days(b.recoveryPeriodInDays)}: restore points older than ${days(b.recoveryPeriodInDays)} are gone, and nothing is saved (${PITR_PRICE})`, ['pitr-shortened'], ['recovery-weakened'])
        : change(`PITR restore window ${days(a.recoveryPeriodInDays)} → ${days(b.recoveryPeriodInDays)}: older restore points become reachable as they accrue; no cost change (${PITR_PRICE})`));
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
  const d = n ?? PITR_DEFAULT_RECOVERY_DAYS;
  return plural(d, 'day');
}
