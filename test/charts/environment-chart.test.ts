/**
 * One environment's chart, synthesized alone (cdk8s-plus style: a Testing app,
 * Testing.synth, assertions on the manifest): the namespace, a ProviderConfig
 * with no static credentials, one DynamoDBTable per schema, the backup XR,
 * and the Argo CD waves and sync options that order and protect them.
 */
import { Testing } from 'cdk8s';
import { EnvironmentChart } from '../../charts/environment-chart';
import { Model } from '../../src/model/resolved';
import { rawInputs, validEnvironment } from '../validate/fixtures';
import { Json, synthOk, synthRepo } from '../integration/synth-fixture';

const WAVE = 'argocd.argoproj.io/sync-wave';
const OPTIONS = 'argocd.argoproj.io/sync-options';

function synthEnv(model: Model, name: string): Json[] {
  const environment = model.environments.find((e) => e.name === name)!;
  const chart = new EnvironmentChart(Testing.app(), `env-${name}`, { model, environment });
  return Testing.synth(chart);
}

const kinds = (m: Json[], kind: string) => m.filter((o) => o.kind === kind);
const one = (m: Json[], kind: string) => {
  const hits = kinds(m, kind);
  expect(hits).toHaveLength(1);
  return hits[0];
};
const wave = (o: Json) => Number(o.metadata.annotations[WAVE]);
const options = (o: Json) => (o.metadata.annotations[OPTIONS] ?? '').split(',').filter(Boolean).sort();

describe('EnvironmentChart (BBWS)', () => {
  const model = synthRepo().model;
  const manifests = Object.fromEntries(['dev', 'sit', 'prod'].map((e) => [e, synthEnv(model, e)]));
  const ACCOUNTS: Record<string, string> = { dev: '536580886816', sit: '815856636111', prod: '093646564004' };

  test.each(['dev', 'sit', 'prod'])('%s: a Namespace, a ProviderConfig, three tables and a backup plan', (env) => {
    const m = manifests[env];
    expect(m.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      `Namespace/bbws-${env}`,
      `ProviderConfig/aws-${env}`,
      'DynamoDBTable/campaigns',
      'DynamoDBTable/products',
      'DynamoDBTable/tenants',
      'DynamoDBBackupPlan/dynamodb-backup',
    ]);
    for (const o of m.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace).toBe(`bbws-${env}`);
    for (const o of m) {
      expect(o.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'ddbops', 'platform.bigbeard.co.za/environment': env });
    }
  });

  test.each(['dev', 'sit', 'prod'])('%s: the Namespace is a core v1 Namespace named after the environment', (env) => {
    const ns = one(manifests[env], 'Namespace');
    expect(ns.apiVersion).toBe('v1');
    expect(ns.metadata.name).toBe(`bbws-${env}`);
  });

  test.each(['dev', 'sit', 'prod'])('%s: the ProviderConfig assumes the environment\'s role through IRSA, with no static credentials', (env) => {
    const pc = one(manifests[env], 'ProviderConfig');
    expect(pc.apiVersion).toBe('aws.m.upbound.io/v1beta1');
    expect(pc.spec).toEqual({
      credentials: { source: 'IRSA' },
      assumeRoleChain: [{ roleARN: `arn:aws:iam::${ACCOUNTS[env]}:role/crossplane-dynamodb` }],
    });
    // Nothing that could carry a secret: no secretRef, no access keys, no Secret objects.
    expect(JSON.stringify(manifests[env])).not.toMatch(/secretRef|accessKey|aws_secret|"Secret"/i);
    expect(kinds(manifests[env], 'Secret')).toEqual([]);
  });

  test.each(['dev', 'sit', 'prod'])('%s: Argo CD waves order namespace < ProviderConfig < tables = backups', (env) => {
    const m = manifests[env];
    const ns = wave(one(m, 'Namespace'));
    const pc = wave(one(m, 'ProviderConfig'));
    const tables = [...new Set(kinds(m, 'DynamoDBTable').map(wave))];
    expect(tables).toHaveLength(1);
    expect([ns, pc, tables[0], wave(one(m, 'DynamoDBBackupPlan'))]).toEqual([-2, 0, 1, 1]);
  });

  test('prod tables, backup plan and ProviderConfig need a human to confirm pruning or deletion; the namespace is never pruned', () => {
    const m = manifests.prod;
    for (const o of [...kinds(m, 'DynamoDBTable'), one(m, 'DynamoDBBackupPlan')]) {
      expect(options(o)).toEqual(['Delete=confirm', 'Prune=confirm', 'SkipDryRunOnMissingResource=true']);
    }
    expect(options(one(m, 'ProviderConfig'))).toEqual(['Delete=confirm', 'Prune=confirm']);
    expect(options(one(m, 'Namespace'))).toEqual(['Delete=false', 'Prune=false']);
  });

  test.each(['dev', 'sit'])('%s tables only skip the dry run (their CRD comes from the XRD); no confirmation; the namespace is never pruned', (env) => {
    for (const o of kinds(manifests[env], 'DynamoDBTable')) expect(options(o)).toEqual(['SkipDryRunOnMissingResource=true']);
    expect(options(one(manifests[env], 'ProviderConfig'))).toEqual([]);
    expect(options(one(manifests[env], 'Namespace'))).toEqual(['Delete=false', 'Prune=false']);
  });

  test('every table carries its environment\'s backup selection tag', () => {
    for (const env of ['dev', 'sit', 'prod']) {
      for (const o of kinds(manifests[env], 'DynamoDBTable')) {
        expect(o.spec.mandatoryTags.BackupPlan).toBe(`bbws-${env}-dynamodb`);
        expect(o.spec.backup).toEqual({ plan: 'dynamodb-backup' });
      }
    }
  });

  test.each([
    ['dev', 'cron(0 1 * * ? *)', 7],
    ['sit', 'cron(0 1 * * ? *)', 14],
  ])('BBWS %s: daily backups at 01:00 UTC kept %s days, as the legacy schemas ask, with no copy', (env, schedule, days) => {
    const plan = one(manifests[env], 'DynamoDBBackupPlan');
    expect(plan.spec).toMatchObject({ schedule, retentionDays: days, crossplane: { compositionRef: { name: 'dynamodbbackupplans-single-region.platform.bigbeard.co.za' } } });
    expect(plan.spec.copy).toBeUndefined();
  });

  test('BBWS prod: replica eu-west-1, deletion protection, keep-on-delete; hourly backups kept 30 days, copied to eu-west-1 for 30 days', () => {
    for (const o of kinds(manifests.prod, 'DynamoDBTable')) {
      expect(o.spec.replicas).toEqual([{ regionName: 'eu-west-1', pointInTimeRecovery: true, propagateTags: true, deletionProtectionEnabled: true }]);
      expect(o.spec.deletionProtection).toBe(true);
      expect(o.spec.managementMode).toBe('keep-on-delete');
    }
    const plan = one(manifests.prod, 'DynamoDBBackupPlan');
    expect(plan.spec).toMatchObject({
      schedule: 'cron(0 * * * ? *)',
      retentionDays: 30,
      copy: { region: 'eu-west-1', retentionDays: 30 },
      crossplane: { compositionRef: { name: 'dynamodbbackupplans-with-copy.platform.bigbeard.co.za' } },
    });
  });
});

describe('EnvironmentChart (synthetic environments)', () => {
  test('PodIdentity and an external id are passed through; still no static credentials', () => {
    const env = validEnvironment();
    env.providerConfig = { roleArn: 'arn:aws:iam::123456789012:role/x', externalId: 'ext-123', source: 'PodIdentity', name: 'aws' };
    const model = synthOk(rawInputs({ environments: [env] })).model;

    const pc = one(synthEnv(model, 'dev'), 'ProviderConfig');

    expect(pc.metadata.name).toBe('aws');
    expect(pc.spec).toEqual({
      credentials: { source: 'PodIdentity' },
      assumeRoleChain: [{ roleARN: 'arn:aws:iam::123456789012:role/x', externalID: 'ext-123' }],
    });
  });

  test('an environment without backups renders no backup plan and no backup tag', () => {
    const model = synthOk(rawInputs()).model;
    const m = synthEnv(model, 'dev');
    expect(kinds(m, 'DynamoDBBackupPlan')).toEqual([]);
    expect(one(m, 'DynamoDBTable').spec.backup).toEqual({ plan: 'none' });
  });
});
