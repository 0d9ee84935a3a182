/** classifyBackup and classifyGeneric: the environment's AWS Backup plan, and every other object. */
import { classifyBackup } from '../../src/plan/classify-backup';
import { classifyGeneric } from '../../src/plan/classify-generic';
import { orderLabels, orderRisks } from '../../src/plan/labels';
import { Classified } from '../../src/plan/types';
import { Json, pair, prodBackup, rendered } from './fixtures';

const verdict = (got: Classified) => {
  const risks = orderRisks(got.changes.flatMap((c) => c.risks));
  return { action: got.action, labels: orderLabels(risks, got.changes.flatMap((c) => c.labels)) };
};

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (xr: Json) => void;
  readonly action: string;
  readonly labels: readonly string[];
  readonly says?: string;
}

const backupCases: Case[] = [
  { name: 'identical', reason: 'Nothing to do.', mutate: () => undefined, action: 'no-op', labels: [] },
  { name: 'retention shortened', reason: 'Restore points are kept for less time.', mutate: (x) => { x.spec.retentionDays = 7; }, action: 'update', labels: ['backup-shortened', 'recovery-weakened'], says: 'deleted after 7 days instead of 30' },
  { name: 'retention lengthened', reason: 'More backup storage, billed.', mutate: (x) => { x.spec.retentionDays = 90; }, action: 'update', labels: ['cost'] },
  {
    name: 'DR copy removed', reason: 'No more copies outside the primary region: backup removal.',
    mutate: (x) => { delete x.spec.copy; x.spec.crossplane.compositionRef.name = 'dynamodbbackupplans-single-region.platform.bigbeard.co.za'; },
    action: 'update', labels: ['backup-removed', 'recovery-weakened'], says: 'cross-region copy to eu-west-1 removed',
  },
  { name: 'DR copy retention shortened', reason: 'Copies in the DR region go sooner.', mutate: (x) => { x.spec.copy.retentionDays = 7; }, action: 'update', labels: ['backup-shortened', 'recovery-weakened'] },
  { name: 'schedule', reason: 'A different cadence; no label.', mutate: (x) => { x.spec.schedule = 'cron(0 3 * * ? *)'; }, action: 'update', labels: [], says: 'schedule cron(0 * * * ? *) → cron(0 3 * * ? *)' },
  { name: 'tags', reason: 'No effect on backups.', mutate: (x) => { x.spec.tags.Team = 'a'; }, action: 'update', labels: ['cosmetic'] },
  { name: 'composition alone', reason: 'A Composition switch without a copy change is reported by path.', mutate: (x) => { x.spec.crossplane.compositionRef.name = 'other'; }, action: 'update', labels: [], says: 'spec.crossplane.compositionRef.name changes' },
];

test.each(backupCases)('backup plan: $name: $reason', ({ mutate, action, labels, says }) => {
  // GIVEN
  const { base, head } = pair(prodBackup, mutate);

  // WHEN
  const got = classifyBackup(base, head);

  // THEN
  expect(verdict(got)).toEqual({ action, labels });
  if (says) expect(got.changes.map((c) => c.text).join('; ')).toContain(says);
});

test('removing the backup plan is backup removal, and says what stays in AWS: the plan, the vaults with their recovery points, and the role', () => {
  // WHEN
  const got = classifyBackup(prodBackup(), undefined);

  // THEN
  expect(verdict(got)).toEqual({ action: 'delete', labels: ['backup-removed', 'recovery-weakened'] });
  expect(got.changes[0].text).toContain('Crossplane deletes its table selection, so no table gets new recovery points');
  expect(got.changes[0].text).toContain('the plan, the vault bbws-prod-dynamodb (and its copy in eu-west-1) with every recovery point until it expires, and the backup role stay in AWS, no longer managed');
});

test('a new backup plan is created, with its cost', () => {
  expect(verdict(classifyBackup(undefined, prodBackup()))).toEqual({ action: 'create', labels: ['cost'] });
});

const genericCases: { name: string; reason: string; base?: Json; head?: Json; action: string; labels: string[]; says: string }[] = [
  {
    name: 'namespace removed', reason: 'Deleting a namespace deletes every XR in it: guarded like a table delete.',
    base: rendered('prod', 'Namespace', 'bbws-prod'), action: 'delete', labels: ['delete', 'data-loss'], says: 'every XR in it',
  },
  {
    name: 'ProviderConfig role changed', reason: 'Reported by path.',
    base: rendered('prod', 'ProviderConfig', 'aws-prod'),
    head: (() => { const o = rendered('prod', 'ProviderConfig', 'aws-prod'); o.spec.assumeRoleChain[0].roleARN = 'arn:aws:iam::1:role/x'; return o; })(),
    action: 'update', labels: [], says: 'spec.assumeRoleChain[0].roleARN changes',
  },
  {
    name: 'ProviderConfig created', reason: 'A new environment.',
    head: rendered('prod', 'ProviderConfig', 'aws-prod'), action: 'create', labels: [], says: 'creates ProviderConfig aws-prod',
  },
];

test.each(genericCases)('other objects: $name: $reason', ({ base, head, action, labels, says }) => {
  // WHEN
  const got = classifyGeneric(base, head);

  // THEN
  expect(verdict(got)).toEqual({ action, labels });
  expect(got.changes.map((c) => c.text).join('; ')).toContain(says);
});
