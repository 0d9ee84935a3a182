/**
 * The DynamoDBBackupPlan XRD and its two Compositions (single-region and
 * with-copy). Patches are listed per composed resource with their reason;
 * the real engine runs them in test/integration/render-backup.test.ts.
 */
import { Testing } from 'cdk8s';
import { BACKUP_TRUST_POLICY, DynamoDbBackupPlanComposition } from '../../compositions/dynamodb-backup-plan-composition';
import { DynamoDbBackupPlanDefinition } from '../../compositions/dynamodb-backup-plan-definition';

type Json = any;
const GROUP = 'platform.example.com';

function synth(build: (chart: ReturnType<typeof Testing.chart>) => void): Json {
  const chart = Testing.chart();
  build(chart);
  const manifest = Testing.synth(chart);
  expect(manifest).toHaveLength(1);
  return manifest[0];
}

const f = (from: string, to: string) => ({ type: 'FromCompositeFieldPath', fromFieldPath: from, toFieldPath: to });
const req = (from: string, to: string) => ({ ...f(from, to), policy: { fromFieldPath: 'Required' } });
const t = (from: string, to: string) => ({ type: 'ToCompositeFieldPath', fromFieldPath: from, toFieldPath: to });
const PC = f('spec.providerConfigName', 'spec.providerConfigRef.name');
const RULE = 'spec.forProvider.rule[0]';

/** [composed resource, patch, reason]. */
const ROWS: Array<[string, Json, string]> = [
  ['vault', PC, 'Every resource uses the environment\'s ProviderConfig.'],
  ['vault', f('spec.vaultName', 'metadata.annotations[crossplane.io/external-name]'), 'A vault is named by its external name, so an existing one is adopted.'],
  ['vault', f('spec.region', 'spec.forProvider.region'), 'The primary vault sits in the primary region, next to the tables.'],
  ['vault', f('spec.tags', 'spec.forProvider.tags'), 'Mandatory environment tags.'],
  ['vault', t('status.atProvider.arn', 'status.vaultArn'), 'Users see the vault ARN on the XR.'],
  ['vault', t('status.atProvider.id', 'status.vaultName'), 'The name AWS reports once the vault exists: what the plan waits for.'],
  ['vault', t('status.conditions', 'status.resources.vault.conditions'), 'The provider\'s verdict on the vault reaches the XR.'],
  ['copy-vault', f('spec.copy.region', 'spec.forProvider.region'), 'The copy vault sits in the DR region.'],
  ['copy-vault', t('status.atProvider.arn', 'status.copyVaultArn'), 'The copy vault\'s ARN, which the plan\'s copy action points at.'],
  ['copy-vault', t('status.conditions', 'status.resources[copy-vault].conditions'), 'The provider\'s verdict on the copy vault reaches the XR.'],
  ['role', f('spec.roleName', 'metadata.annotations[crossplane.io/external-name]'), 'The IAM role name is its external name.'],
  ['role', t('status.atProvider.arn', 'status.roleArn'), 'Users see the role ARN on the XR; the selection takes it from there.'],
  ['plan', f('spec.planName', 'spec.forProvider.name'), 'A plan\'s external name is an AWS-generated id, so the name is a field.'],
  ['plan', req('status.vaultName', `${RULE}.targetVaultName`), 'The vault name comes from the composed vault once it exists: the plan is not created before it.'],
  ['plan', f('spec.schedule', `${RULE}.schedule`), 'cron(...) or rate(...).'],
  ['plan', f('spec.startWindowMinutes', `${RULE}.startWindow`), 'How long a backup may wait to start.'],
  ['plan', f('spec.completionWindowMinutes', `${RULE}.completionWindow`), 'How long a backup may take.'],
  ['plan', f('spec.retentionDays', `${RULE}.lifecycle.deleteAfter`), 'Retention in the primary vault.'],
  ['plan', req('status.copyVaultArn', `${RULE}.copyAction[0].destinationVaultArn`), 'Copies go to the ARN the composed DR vault reports, never a hand-built one.'],
  ['plan', f('spec.copy.retentionDays', `${RULE}.copyAction[0].lifecycle.deleteAfter`), 'A copy without its own lifecycle is kept forever.'],
  ['plan', t('status.atProvider.arn', 'status.planArn'), 'Users see the plan ARN on the XR.'],
  ['plan', t('status.atProvider.id', 'status.planId'), 'The plan id, which the selection waits for.'],
  ['table-selection', f('spec.selectionName', 'spec.forProvider.name'), 'The selection name; the XRD makes it immutable since every Selection field forces a replacement.'],
  ['table-selection', req('status.planId', 'spec.forProvider.planId'), 'Created only once the plan exists, so it never fails on a reference it cannot resolve yet.'],
  ['table-selection', req('status.roleArn', 'spec.forProvider.iamRoleArn'), 'The backup role of this XR.'],
  ['table-selection', {
    ...f('spec.selectionTag.key', 'spec.forProvider.condition[0].stringEquals[0].key'),
    transforms: [{ type: 'string', string: { type: 'Format', fmt: 'aws:ResourceTag/%s' } }],
  }, 'AWS\'s recommended form: a condition on the tag...'],
  ['table-selection', f('spec.selectionTag.value', 'spec.forProvider.condition[0].stringEquals[0].value'), '...with this value.'],
];

const COPY_ONLY = new Set(['copy-vault', 'spec.copy.retentionDays', 'status.copyVaultArn']);
const isCopyOnly = ([res, patch]: [string, Json, string]) => COPY_ONLY.has(res) || COPY_ONLY.has(patch.fromFieldPath);

describe('DynamoDbBackupPlanDefinition', () => {
  const xrd = synth((c) => new DynamoDbBackupPlanDefinition(c, 'xrd', { group: GROUP }));
  const spec = xrd.spec.versions[0].schema.openAPIV3Schema.properties.spec;

  test('a namespaced v2 XRD, defaulting to the single-region Composition', () => {
    expect(xrd.apiVersion).toBe('apiextensions.crossplane.io/v2');
    expect(xrd.metadata.name).toBe(`dynamodbbackupplans.${GROUP}`);
    expect(xrd.spec.scope).toBe('Namespaced');
    expect(xrd.spec.names.kind).toBe('DynamoDBBackupPlan');
    expect(xrd.spec.defaultCompositionRef).toEqual({ name: `dynamodbbackupplans-single-region.${GROUP}` });
  });

  test('the selection never changes in place: selectionName and selectionTag are immutable, and the message names the backup selection', () => {
    for (const field of ['selectionName', 'selectionTag']) {
      expect(spec.properties[field]['x-kubernetes-validations']).toEqual([{
        rule: 'self == oldSelf',
        message: `${field} is immutable; AWS Backup cannot change a backup selection in place, so changing it means deleting this DynamoDBBackupPlan and creating a new one`,
      }]);
    }
  });

  test('spec.copy and the Composition must agree (CEL on spec.crossplane.compositionRef)', () => {
    expect(spec['x-kubernetes-validations']).toEqual([expect.objectContaining({
      message: 'spec.copy and the Composition must agree: the dynamodbbackupplans-with-copy Composition needs spec.copy, and the single-region one takes none',
    })]);
  });

  test('a copy always has its own retention, and retention fits AWS Backup\'s limits', () => {
    expect(spec.properties.copy.required).toEqual(['region', 'retentionDays']);
    expect(spec.properties.retentionDays.minimum).toBeGreaterThanOrEqual(1);
    expect(spec.properties.schedule.pattern).toBe('^(cron|rate)\\(.+\\)$');
  });

  test('status holds the ARNs and names the composed resources report, and each one\'s own conditions', () => {
    const status = xrd.spec.versions[0].schema.openAPIV3Schema.properties.status;
    expect(Object.keys(status.properties).sort())
      .toEqual(['copyVaultArn', 'copyVaultName', 'planArn', 'planId', 'resources', 'roleArn', 'vaultArn', 'vaultName']);
    expect(Object.keys(status.properties.resources.properties).sort()).toEqual(['copy-vault', 'plan', 'role', 'role-backup-policy', 'role-restore-policy', 'table-selection', 'vault']);
  });
});

describe.each([
  { withCopy: true, name: `dynamodbbackupplans-with-copy.${GROUP}`, resources: ['vault', 'copy-vault', 'role', 'role-backup-policy', 'role-restore-policy', 'plan', 'table-selection'] },
  { withCopy: false, name: `dynamodbbackupplans-single-region.${GROUP}`, resources: ['vault', 'role', 'role-backup-policy', 'role-restore-policy', 'plan', 'table-selection'] },
])('DynamoDbBackupPlanComposition withCopy=$withCopy', ({ withCopy, name, resources }) => {
  const composition = synth((c) => new DynamoDbBackupPlanComposition(c, 'composition', { group: GROUP, withCopy }));
  const step = composition.spec.pipeline[0];
  const byName: Record<string, Json> = Object.fromEntries(step.input.resources.map((r: Json) => [r.name, r]));

  test('a Pipeline Composition for the DynamoDBBackupPlan XR', () => {
    expect(composition.metadata.name).toBe(name);
    expect(composition.spec.compositeTypeRef).toEqual({ apiVersion: `${GROUP}/v1alpha1`, kind: 'DynamoDBBackupPlan' });
    expect(composition.spec.mode).toBe('Pipeline');
    expect(step.functionRef).toEqual({ name: 'function-patch-and-transform' });
  });

  test('composes exactly these resources, each ready when its Ready condition is True, each with the ProviderConfig patch', () => {
    expect(step.input.resources.map((r: Json) => r.name)).toEqual(resources);
    for (const r of step.input.resources as Json[]) {
      expect(r.readinessChecks).toEqual([{ type: 'MatchCondition', matchCondition: { type: 'Ready', status: 'True' } }]);
      expect(r.patches).toContainEqual(PC);
      expect(r.patches).toContainEqual(t('status.conditions', r.name.includes('-') ? `status.resources[${r.name}].conditions` : `status.resources.${r.name}.conditions`));
      expect(r.base.spec.providerConfigRef).toEqual({ kind: 'ProviderConfig' });
    }
  });

  const rows = ROWS.filter((row) => withCopy || !isCopyOnly(row));
  test.each(rows)('%s: %j (%s)', (res, patch) => {
    expect(byName[res].patches).toContainEqual(patch);
  });

  test('without a copy there is no copy vault, copy action or copy patch', () => {
    const all = JSON.stringify(step.input);
    expect(all.includes('copyAction')).toBe(withCopy);
    expect(all.includes('spec.copy.')).toBe(withCopy);
  });

  test('the role is trusted by backup.amazonaws.com and carries the two AWS Backup service policies', () => {
    expect(JSON.parse(byName.role.base.spec.forProvider.assumeRolePolicy)).toEqual(JSON.parse(BACKUP_TRUST_POLICY));
    expect(JSON.parse(BACKUP_TRUST_POLICY).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(byName['role-backup-policy'].base.spec.forProvider).toEqual({
      policyArn: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup', roleSelector: { matchControllerRef: true },
    });
    expect(byName['role-restore-policy'].base.spec.forProvider).toEqual({
      policyArn: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores', roleSelector: { matchControllerRef: true },
    });
  });

  test('the selection takes every DynamoDB table and narrows it by a tag condition, AWS\'s recommended form: nothing else carrying the tag is swept in', () => {
    expect(byName['table-selection'].base.spec.forProvider).toEqual({
      resources: ['arn:aws:dynamodb:*:*:table/*'],
      condition: [{ stringEquals: [{}] }],
    });
  });

  test('vaults are never force-destroyed with their recovery points', () => {
    for (const v of ['vault', ...(withCopy ? ['copy-vault'] : [])]) expect(byName[v].base.spec.forProvider.forceDestroy).toBe(false);
  });

  test.each([
    ['vault', ['Observe', 'Create', 'Update'], 'AWS refuses to delete a vault holding recovery points; deleting the XR must not hang on it'],
    ['copy-vault', ['Observe', 'Create', 'Update'], 'the same for the DR copies'],
    ['role', ['Observe', 'Create', 'Update'], 'AWS Backup expires recovery points with the role that made them'],
    ['role-backup-policy', ['Observe', 'Create', 'Update', 'LateInitialize'], 'kept with the role; its AWS id reaches the external name only by late-initialization'],
    ['role-restore-policy', ['Observe', 'Create', 'Update', 'LateInitialize'], 'the same'],
    ['plan', ['Observe', 'Create', 'Update', 'LateInitialize'], 'kept with the vault it fills; its AWS id reaches the external name only by late-initialization'],
    ['table-selection', ['*'], 'deleting the selection is what stops new backups'],
  ])('%s: management policies %j, because %s', (res, policies) => {
    if (!byName[res]) return;
    expect(byName[res].base.spec.managementPolicies).toEqual(policies);
  });
});
