/**
 * Environment policy, read from the rendered objects: dev and sit sync
 * automatically with prune and selfHeal; prod syncs automatically with
 * selfHeal, but nothing in it is pruned or deleted without a human.
 * The policy comes from each environment file's `sync` block, never from its name.
 */
import { environment, inDir, Json, REPO, renderArgoCd, withModel } from './argocd-fixture';

const ENV_NAMES = REPO.model.environments.map((e) => e.name);

const app = (env: string): Json => inDir('argocd/apps').find((o) => o.kind === 'Application' && o.metadata.name === `bbws-dynamodb-${env}`);
const syncOptions = (o: Json): string[] => (o.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '').split(',').filter(Boolean);

describe('automated sync per environment', () => {
  test.each([
    { env: 'dev', automated: { prune: true, selfHeal: true }, appProtected: false, reason: 'dev is disposable: git is the truth, removed tables are deleted' },
    { env: 'sit', automated: { prune: true, selfHeal: true }, appProtected: false, reason: 'sit mirrors dev\'s lifecycle for integration tests' },
    { env: 'prod', automated: { prune: false, selfHeal: true }, appProtected: true, reason: 'prod reverts drift but never deletes what left git without a human' },
  ])('$env: automated $automated; $reason', ({ env, automated, appProtected }) => {
    // GIVEN / WHEN
    const a = app(env);
    // THEN
    expect(a.spec.syncPolicy.automated).toEqual(automated);
    expect(syncOptions(a).includes('Prune=confirm') && syncOptions(a).includes('Delete=confirm')).toBe(appProtected);
  });

  test('the rendered prod Application nowhere says `prune: true`', () => {
    const text = REPO.files.get('argocd/apps/application-bbws-dynamodb-prod.yaml') ?? '';
    expect(text).toContain('prune: false');
    expect(text).not.toContain('prune: true');
  });
});

describe('prod objects that others depend on can be neither pruned nor deleted automatically', () => {
  const prod = inDir('prod');

  test('prod renders the namespace, the ProviderConfig, the three tables and the backup plan, and nothing else', () => {
    expect(prod.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'DynamoDBBackupPlan/dynamodb-backup',
      'DynamoDBTable/campaigns',
      'DynamoDBTable/products',
      'DynamoDBTable/tenants',
      'Namespace/bbws-prod',
      'ProviderConfig/aws-prod',
    ]);
  });

  test.each([
    { kind: 'DynamoDBTable', options: ['Prune=confirm', 'Delete=confirm'], reason: 'a table holds the data' },
    { kind: 'DynamoDBBackupPlan', options: ['Prune=confirm', 'Delete=confirm'], reason: 'the backup plan holds the way back' },
    { kind: 'ProviderConfig', options: ['Prune=confirm', 'Delete=confirm'], reason: 'every XR of the namespace reaches AWS through it; without it none reconciles' },
    { kind: 'Namespace', options: ['Prune=false', 'Delete=false'], reason: 'managed resources in a terminating namespace cannot finish their deletion (crossplane-runtime #1150): never from Argo CD' },
  ])('$kind carries $options: $reason', ({ kind, options }) => {
    for (const o of prod.filter((x) => x.kind === kind)) {
      expect({ o: `${kind}/${o.metadata.name}`, options: syncOptions(o).filter((x) => /^(Prune|Delete)=/.test(x)) }).toEqual({ o: `${kind}/${o.metadata.name}`, options });
    }
  });

  test.each(ENV_NAMES)('%s: the namespace is never pruned or deleted by Argo CD, whatever the environment\'s policy', (env) => {
    const [ns] = inDir(env).filter((o) => o.kind === 'Namespace');
    expect(syncOptions(ns)).toEqual(['Prune=false', 'Delete=false']);
  });

  test.each(['dev', 'sit'])('%s tables need no confirmation (auto-prune applies)', (env) => {
    for (const o of inDir(env).filter((x) => x.kind === 'DynamoDBTable')) {
      expect(syncOptions(o)).not.toContain('Prune=confirm');
      expect(syncOptions(o)).not.toContain('Delete=confirm');
    }
  });

  test('the platform app, whose XRDs own every XR, follows the strictest environment: no auto-prune, confirmation needed', () => {
    const platform = app('platform');
    expect(platform.spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: true });
    expect(syncOptions(platform)).toEqual(['Prune=confirm', 'Delete=confirm']);
  });
});

describe('the policy follows the environment file, not the environment name', () => {
  test.each([
    {
      what: 'an environment called "dev" with prune off and confirmDeletion on is protected like prod',
      envs: [environment('dev', { prune: false, confirmDeletion: true })],
      expected: { 'acme-dev': { prune: false, protected: true }, 'acme-platform': { prune: false, protected: true } },
    },
    {
      what: 'an environment called "prod" with prune on and no confirmation auto-prunes like dev',
      envs: [environment('prod', { prune: true, confirmDeletion: false })],
      expected: { 'acme-prod': { prune: true, protected: false }, 'acme-platform': { prune: true, protected: false } },
    },
    {
      what: 'the platform app prunes only when every environment prunes',
      envs: [environment('dev', {}), environment('sit', { prune: false, confirmDeletion: false })],
      expected: { 'acme-dev': { prune: true, protected: false }, 'acme-sit': { prune: false, protected: false }, 'acme-platform': { prune: false, protected: false } },
    },
  ])('$what', ({ envs, expected }) => {
    // GIVEN
    const model = withModel({ environments: envs, argocd: { ...REPO.model.argocd, project: 'acme' } });
    // WHEN
    const apps = renderArgoCd(model)['argocd/apps'].filter((o) => o.kind === 'Application');
    // THEN
    expect(Object.fromEntries(apps.map((a) => [a.metadata.name, {
      prune: a.spec.syncPolicy.automated.prune,
      protected: syncOptions(a).includes('Prune=confirm'),
    }]))).toEqual(expected);
    for (const a of apps) expect(a.spec.syncPolicy.automated.selfHeal).toBe(true);
  });
});
