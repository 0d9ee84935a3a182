import { RiskClass } from '../model/common';
import { Acknowledgement, acknowledges } from './acknowledgements';
import { PITR_PRICE } from './table/recovery';
import { AppliedAcknowledgement } from './types';

/** The way to get there without the risk: named in every blocked message. */
export const SAFE_PATH: Readonly<Record<RiskClass, string>> = {
  'replace': 'add a new table (a new schema file with a new tableName), migrate the items into it (export to S3 and import, or dual-write and backfill), move the application over, then retire the old table; keys, LSIs and names are never edited in place',
  'delete': 'keep the schema file; if the table really must go, take an on-demand backup first, then acknowledge the delete in the environment file',
  'gsi-added': 'add the index while traffic is low; the backfill reads every item',
  'gsi-removed': 'first ship the application without the queries that use the index, then remove it',
  'projection-changed': 'add a new GSI with the new projection, move the queries to it, then remove the old one',
  'billing-mode-switch': 'switch in a quiet period; AWS allows 4 switches to on-demand per table per 24 hours',
  'ttl-changed': 'change the TTL attribute in two PRs: turn TTL off, then at least an hour later turn it on for the new attribute',
  'pitr-off': `keep PITR on; a shorter pitr.recoveryPeriodInDays costs the same (${PITR_PRICE}), so only turning it off saves, at the price of every restore point`,
  'pitr-shortened': `keep the restore window: a shorter one saves nothing (${PITR_PRICE}); if a retention policy requires less, acknowledge it and name the policy`,
  'deletion-protection-off': 'keep deletion protection on; turn it off only in the PR that deliberately deletes the table, acknowledged',
  'backup-removed': 'keep the table in the backup plan, and the plan itself; if backups must stop, take a final on-demand backup and acknowledge it',
  'backup-shortened': 'keep the retention; if a retention policy requires less, acknowledge it and name the policy',
  'replica-removed': 'first make sure nothing reads or writes in that region and DR no longer relies on it, then acknowledge it',
  'management-gains-delete': 'keep keep-on-delete unless removing the table from git is meant to delete it in AWS',
};

export interface GuardVerdict {
  /** Guarded and not acknowledged. */
  readonly blockedBy: RiskClass[];
  /** Every acknowledgement that matched one of the risks, guarded or not. */
  readonly acknowledged: AppliedAcknowledgement[];
  /** Indexes into the acknowledgement list that matched. */
  readonly used: number[];
}

/** Decides whether a resource's risks are blocked by the environment's guard. Pure. */
export function applyGuard(
  risks: readonly RiskClass[],
  guard: readonly RiskClass[],
  acks: readonly Acknowledgement[],
  resource: { readonly environment: string; readonly kind: string; readonly name: string },
): GuardVerdict {
  const blockedBy: RiskClass[] = [];
  const acknowledged: AppliedAcknowledgement[] = [];
  const used: number[] = [];
  for (const risk of risks) {
    let accepted = false;
    acks.forEach((a, i) => {
      if (!acknowledges(a, risk, resource)) return;
      accepted = true;
      used.push(i);
      acknowledged.push({ change: risk, reason: a.reason, ...(a.by ? { by: a.by } : {}), source: a.source });
    });
    if (!accepted && guard.includes(risk)) blockedBy.push(risk);
  }
  return { blockedBy, acknowledged, used };
}
