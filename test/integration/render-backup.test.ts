/**
 * The AWS Backup setup, through the real Crossplane reconciler and a real
 * function-patch-and-transform: prod's DynamoDBBackupPlan XR with the
 * with-copy Composition, and a synthetic environment without a copy through
 * the single-region one. Every composed resource is asserted field by field
 * and validated against the provider CRDs.
 */
import { KubeObject, validateObjects } from '../harness/crossplane';
import { RunningFunction, startFunction } from '../harness/function-runner';
import { describeWithTools } from '../harness/tools';
import { rawInputs, validProdEnvironment } from '../validate/fixtures';
import { converge, resourceName } from './converge';
import { CRDS, findObject, Json, synthOk, synthRepo } from './synth-fixture';

/** What the provider reports once each resource exists in AWS. */
function reported(prefix: string, region: string, drRegion?: string): Record<string, Record<string, unknown>> {
  return {
    'vault': { arn: `arn:aws:backup:${region}:093646564004:backup-vault:${prefix}`, id: prefix },
    ...(drRegion ? { 'copy-vault': { arn: `arn:aws:backup:${drRegion}:093646564004:backup-vault:${prefix}`, id: prefix } } : {}),
    'role': { arn: `arn:aws:iam::093646564004:role/${prefix}-backup`, id: `${prefix}-backup` },
    'plan': { arn: `arn:aws:backup:${region}:093646564004:backup-plan:0f1e2d3c`, id: '0f1e2d3c' },
  };
}

const PROD_TAGS = {
  BackupPolicy: 'hourly',
  Component: 'dynamodb',
  CostCenter: 'AWS',
  Environment: 'prod',
  ManagedBy: 'crossplane',
  Owner: 'devops@bigbeard.co.za',
  Project: 'bbws-customer-portal-public',
};

/** Composed resources keyed by their composition-resource-name. */
function byResourceName(composed: Json[]): Record<string, Json> {
  const entries = composed.map((o) => [resourceName(o), o] as const);
  expect(new Set(entries.map(([n]) => n)).size).toBe(entries.length);
  return Object.fromEntries(entries);
}

describeWithTools(['function-patch-and-transform', 'xprender', 'crossplane-core', 'crossplane'], 'DynamoDBBackupPlan compositions, real render', () => {
  let fn: RunningFunction;
  const composed: KubeObject[] = [];

  beforeAll(async () => {
    fn = await startFunction();
  });
  afterAll(async () => {
    await fn?.stop();
  });

  describe('prod: hourly backups, 30 days, copied to eu-west-1 for 30 days (with-copy Composition)', () => {
    const synth = synthRepo();
    const xr = findObject(synth.objects, { dir: 'prod', kind: 'DynamoDBBackupPlan', name: 'dynamodb-backup' });
    const compositionName = 'dynamodbbackupplans-with-copy.platform.bigbeard.co.za';
    let r: Record<string, Json>;

    beforeAll(async () => {
      expect(xr.spec.crossplane.compositionRef.name).toBe(compositionName);
      const done = await converge({
        xr, fn, atProvider: reported('bbws-prod-dynamodb', 'af-south-1', 'eu-west-1'),
        composition: findObject(synth.objects, { dir: 'platform', kind: 'Composition', name: compositionName }),
      });
      expect(done.xr.kind).toBe('DynamoDBBackupPlan');
      composed.push(...done.composed);
      r = byResourceName(done.composed);
    });

    test('composes exactly two vaults, the role, two policy attachments, the plan and the table selection', () => {
      expect(Object.fromEntries(Object.entries(r).map(([n, o]) => [n, `${o.apiVersion} ${o.kind}`]))).toEqual({
        'vault': 'backup.aws.m.upbound.io/v1beta1 Vault',
        'copy-vault': 'backup.aws.m.upbound.io/v1beta1 Vault',
        'role': 'iam.aws.m.upbound.io/v1beta1 Role',
        'role-backup-policy': 'iam.aws.m.upbound.io/v1beta1 RolePolicyAttachment',
        'role-restore-policy': 'iam.aws.m.upbound.io/v1beta1 RolePolicyAttachment',
        'plan': 'backup.aws.m.upbound.io/v1beta1 Plan',
        'table-selection': 'backup.aws.m.upbound.io/v1beta1 Selection',
      });
      for (const o of Object.values(r)) {
        expect(o.metadata.namespace).toBe('bbws-prod');
        expect(o.spec.providerConfigRef).toEqual({ kind: 'ProviderConfig', name: 'aws-prod' });
      }
      // Only the selection is ever deleted by removing the XR: vaults, role and plan stay with the recovery points.
      expect(Object.fromEntries(Object.entries(r).map(([n, o]) => [n, o.spec.managementPolicies]))).toEqual({
        'vault': ['Observe', 'Create', 'Update'],
        'copy-vault': ['Observe', 'Create', 'Update'],
        'role': ['Observe', 'Create', 'Update'],
        'role-backup-policy': ['Observe', 'Create', 'Update', 'LateInitialize'],
        'role-restore-policy': ['Observe', 'Create', 'Update', 'LateInitialize'],
        'plan': ['Observe', 'Create', 'Update', 'LateInitialize'],
        'table-selection': ['*'],
      });
    });

    test('primary Vault in af-south-1, adopted by name', () => {
      expect(r.vault.metadata.annotations['crossplane.io/external-name']).toBe('bbws-prod-dynamodb');
      expect(r.vault.spec.forProvider).toEqual({ region: 'af-south-1', forceDestroy: false, tags: PROD_TAGS });
    });

    test('copy Vault in eu-west-1, with the name the copy action points at', () => {
      expect(r['copy-vault'].metadata.annotations['crossplane.io/external-name']).toBe('bbws-prod-dynamodb');
      expect(r['copy-vault'].spec.forProvider).toEqual({ region: 'eu-west-1', forceDestroy: false, tags: PROD_TAGS });
    });

    test('Plan: hourly rule, 30-day lifecycle, copy to the eu-west-1 vault with its own 30-day lifecycle', () => {
      const fp = r.plan.spec.forProvider;
      expect(fp.region).toBe('af-south-1');
      expect(fp.name).toBe('bbws-prod-dynamodb');
      expect(fp.tags).toEqual(PROD_TAGS);
      expect(fp.rule).toHaveLength(1);
      const rule = fp.rule[0];
      expect(rule).toEqual({
        ruleName: 'scheduled',
        schedule: 'cron(0 * * * ? *)',
        targetVaultName: 'bbws-prod-dynamodb',
        startWindow: 60,
        completionWindow: 180,
        lifecycle: { deleteAfter: 30 },
        copyAction: [{
          destinationVaultArn: 'arn:aws:backup:eu-west-1:093646564004:backup-vault:bbws-prod-dynamodb',
          // Without its own lifecycle AWS keeps the copy forever.
          lifecycle: { deleteAfter: 30 },
        }],
      });
      // The copy action targets the ARN the composed copy vault reports, not a hand-built one.
      expect(rule.copyAction[0].destinationVaultArn).toBe(reported('bbws-prod-dynamodb', 'af-south-1', 'eu-west-1')['copy-vault'].arn);
      expect(r.plan.metadata.annotations['crossplane.io/external-name']).toBeUndefined();
    });

    test('Selection: every DynamoDB table carrying BackupPlan=bbws-prod-dynamodb, with this XR\'s role and plan as AWS reports them', () => {
      expect(r['table-selection'].spec.forProvider).toEqual({
        region: 'af-south-1',
        name: 'bbws-prod-dynamodb-tagged',
        resources: ['arn:aws:dynamodb:*:*:table/*'],
        condition: [{ stringEquals: [{ key: 'aws:ResourceTag/BackupPlan', value: 'bbws-prod-dynamodb' }] }],
        iamRoleArn: 'arn:aws:iam::093646564004:role/bbws-prod-dynamodb-backup',
        planId: '0f1e2d3c',
      });
    });

    test('the selection tag is the tag every prod table carries', () => {
      for (const t of synth.objects.filter((o) => o.dir === 'prod' && o.object.kind === 'DynamoDBTable')) {
        expect((t.object.spec as Json).mandatoryTags.BackupPlan).toBe('bbws-prod-dynamodb');
      }
    });

    test('Role trusted by backup.amazonaws.com only', () => {
      const fp = r.role.spec.forProvider;
      expect(r.role.metadata.annotations['crossplane.io/external-name']).toBe('bbws-prod-dynamodb-backup');
      expect(JSON.parse(fp.assumeRolePolicy)).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
      expect(fp.tags).toEqual(PROD_TAGS);
    });

    test('two RolePolicyAttachments: AWSBackupServiceRolePolicyForBackup and ForRestores, on this XR\'s role', () => {
      expect(r['role-backup-policy'].spec.forProvider).toEqual({
        policyArn: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
        roleSelector: { matchControllerRef: true },
      });
      expect(r['role-restore-policy'].spec.forProvider).toEqual({
        policyArn: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
        roleSelector: { matchControllerRef: true },
      });
    });
  });

  describe('synthetic environment without a copy (single-region Composition)', () => {
    const env = validProdEnvironment();
    env.backup = { enabled: true, schedule: 'cron(0 3 * * ? *)', retentionDays: 7, startWindowMinutes: 90, completionWindowMinutes: 240 };
    delete env.drRegion;
    env.replicas = [];
    const synth = synthOk(rawInputs({ environments: [env] }));
    const xr = findObject(synth.objects, { kind: 'DynamoDBBackupPlan' });
    const compositionName = 'dynamodbbackupplans-single-region.platform.example.com';
    let r: Record<string, Json>;

    beforeAll(async () => {
      expect(xr.spec.crossplane.compositionRef.name).toBe(compositionName);
      expect(xr.spec.copy).toBeUndefined();
      const done = await converge({ xr, fn, atProvider: reported('orders-prod-dynamodb', 'eu-west-1'), composition: findObject(synth.objects, { kind: 'Composition', name: compositionName }) });
      composed.push(...done.composed);
      r = byResourceName(done.composed);
    });

    test('no copy vault and no copy action', () => {
      expect(Object.keys(r).sort()).toEqual(['plan', 'role', 'role-backup-policy', 'role-restore-policy', 'table-selection', 'vault']);
      expect(r.plan.spec.forProvider.rule).toEqual([{
        ruleName: 'scheduled',
        schedule: 'cron(0 3 * * ? *)',
        targetVaultName: 'orders-prod-dynamodb',
        startWindow: 90,
        completionWindow: 240,
        lifecycle: { deleteAfter: 7 },
      }]);
    });

    test('vault, selection and role in the environment\'s region and names', () => {
      expect(r.vault.spec.forProvider.region).toBe('eu-west-1');
      expect(r.vault.metadata.annotations['crossplane.io/external-name']).toBe('orders-prod-dynamodb');
      expect(r['table-selection'].spec.forProvider.condition).toEqual([{ stringEquals: [{ key: 'aws:ResourceTag/BackupPlan', value: 'orders-prod-dynamodb' }] }]);
      expect(r.role.metadata.annotations['crossplane.io/external-name']).toBe('orders-prod-dynamodb-backup');
    });
  });

  test('every composed backup resource validates against the provider CRDs: zero failures', () => {
    expect(composed.length).toBe(7 + 6);
    const r = validateObjects(composed, [CRDS.providerAws()]);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, failures: 0, missing: 0, total: composed.length });
  });
});
