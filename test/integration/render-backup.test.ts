/**
 * The AWS Backup setup, through the real Crossplane reconciler and a real
 * function-patch-and-transform: prod's DynamoDBBackupPlan XR with the
 * with-copy Composition, and a synthetic environment without a copy through
 * the single-region one. Every composed resource is asserted field by field
 * and validated against the provider CRDs.
 */
import { KubeObject, renderComposition, validateObjects } from '../harness/crossplane';
import { RunningFunction, startFunction } from '../harness/function-runner';
import { describeWithTools } from '../harness/tools';
import { rawInputs, validProdEnvironment } from '../validate/fixtures';
import { CRDS, findObject, Json, synthOk, synthRepo } from './synth-fixture';

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
function byResourceName(out: KubeObject[]): Record<string, Json> {
  const composed = out.slice(1) as Json[];
  const entries = composed.map((o) => [o.metadata.annotations['crossplane.io/composition-resource-name'], o] as const);
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
      const out = await renderComposition({ xr, composition: findObject(synth.objects, { dir: 'platform', kind: 'Composition', name: compositionName }), fn });
      expect(out[0].kind).toBe('DynamoDBBackupPlan');
      composed.push(...out.slice(1));
      r = byResourceName(out);
    });

    test('composes exactly two vaults, the role, two policy attachments, the plan and the selection', () => {
      expect(Object.fromEntries(Object.entries(r).map(([n, o]) => [n, `${o.apiVersion} ${o.kind}`]))).toEqual({
        'vault': 'backup.aws.m.upbound.io/v1beta1 Vault',
        'copy-vault': 'backup.aws.m.upbound.io/v1beta1 Vault',
        'role': 'iam.aws.m.upbound.io/v1beta1 Role',
        'role-backup-policy': 'iam.aws.m.upbound.io/v1beta1 RolePolicyAttachment',
        'role-restore-policy': 'iam.aws.m.upbound.io/v1beta1 RolePolicyAttachment',
        'plan': 'backup.aws.m.upbound.io/v1beta1 Plan',
        'selection': 'backup.aws.m.upbound.io/v1beta1 Selection',
      });
      for (const o of Object.values(r)) {
        expect(o.metadata.namespace).toBe('bbws-prod');
        expect(o.spec.providerConfigRef).toEqual({ kind: 'ProviderConfig', name: 'aws-prod' });
        // Full management: the backup setup has no keep-on-delete mode.
        expect(o.spec.managementPolicies).toBeUndefined();
      }
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
      // The copy action targets the copy vault: same name, copy region, prod account.
      expect(rule.copyAction[0].destinationVaultArn).toBe(
        `arn:aws:backup:${r['copy-vault'].spec.forProvider.region}:093646564004:backup-vault:${r['copy-vault'].metadata.annotations['crossplane.io/external-name']}`);
      expect(r.plan.metadata.annotations['crossplane.io/external-name']).toBeUndefined();
    });

    test('Selection: by tag BackupPlan=bbws-prod-dynamodb, role and plan resolved from this XR', () => {
      expect(r.selection.spec.forProvider).toEqual({
        region: 'af-south-1',
        name: 'bbws-prod-dynamodb-tagged',
        selectionTag: [{ type: 'STRINGEQUALS', key: 'BackupPlan', value: 'bbws-prod-dynamodb' }],
        iamRoleArnSelector: { matchControllerRef: true },
        planIdSelector: { matchControllerRef: true },
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
      const out = await renderComposition({ xr, composition: findObject(synth.objects, { kind: 'Composition', name: compositionName }), fn });
      composed.push(...out.slice(1));
      r = byResourceName(out);
    });

    test('no copy vault and no copy action', () => {
      expect(Object.keys(r).sort()).toEqual(['plan', 'role', 'role-backup-policy', 'role-restore-policy', 'selection', 'vault']);
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
      expect(r.selection.spec.forProvider.selectionTag).toEqual([{ type: 'STRINGEQUALS', key: 'BackupPlan', value: 'orders-prod-dynamodb' }]);
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
