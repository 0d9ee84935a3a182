/**
 * The Argo CD objects synth renders, read back exactly: the bootstrap
 * (dist/argocd/), the apps the root syncs (dist/argocd/apps/) and the argocd-cm
 * settings (dist/argocd-cm-patch/).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { HEALTH_CHECKED_XR_KINDS } from '../../src/model/xr-api';
import { ANY, HEALTH_DIR } from '../../charts/argocd/health-checks';
import { byName, environment, inDir, Json, REPO, renderArgoCd, withModel } from './argocd-fixture';

/** Every Application diffs by a server-side dry run (with ServerSideApply, Argo CD's other mode is discontinued). */
const SERVER_SIDE_DIFF = { 'argocd.argoproj.io/compare-options': 'ServerSideDiff=true' };

const REPO_URL = 'https://github.com/BigBeardWebSolutions/bbws-dynamodb-gitops.git';
const IN_CLUSTER = 'https://kubernetes.default.svc';
const LABELS = { 'app.kubernetes.io/managed-by': 'ddbops', 'app.kubernetes.io/part-of': 'bbws-dynamodb' };
const SYNC_POLICY_TAIL = {
  retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
  syncOptions: ['ServerSideApply=true', 'FailOnSharedResource=true', 'PruneLast=true'],
};
const PLAIN_YAML = { recurse: false, include: '*.yaml' };

describe('dist/argocd: the bootstrap', () => {
  test('holds exactly the root AppProject and the root Application, so `kubectl apply -f dist/argocd/` is the whole bootstrap', () => {
    // GIVEN the repository
    // WHEN synth renders it
    const files = [...REPO.files.keys()].filter((f) => f.startsWith('argocd/') && !f.startsWith('argocd/apps/'));
    // THEN
    // Numbered: kubectl applies a folder in name order, and the Application needs its AppProject first.
    expect(files).toEqual(['argocd/0-appproject-bbws-dynamodb-bootstrap.yaml', 'argocd/1-application-bbws-dynamodb-root.yaml']);
  });

  test('the root AppProject may only put Applications and AppProjects into the argocd namespace, from this repository', () => {
    // GIVEN / WHEN
    const project = byName(inDir('argocd'), 'AppProject', 'bbws-dynamodb-bootstrap');
    // THEN
    expect(project).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'bbws-dynamodb-bootstrap', namespace: 'argocd', labels: LABELS },
      spec: {
        description: `Root app of apps for bbws-dynamodb: Argo CD Applications and AppProjects only, from ${REPO_URL} only`,
        sourceRepos: [REPO_URL],
        destinations: [{ server: IN_CLUSTER, namespace: 'argocd' }],
        namespaceResourceWhitelist: [
          { group: 'argoproj.io', kind: 'Application' },
          { group: 'argoproj.io', kind: 'AppProject' },
        ],
      },
    });
  });

  test('the root Application syncs dist/argocd/apps from the tracked branch, automated, with prune and selfHeal', () => {
    // GIVEN / WHEN
    const root = byName(inDir('argocd'), 'Application', 'bbws-dynamodb-root');
    // THEN
    expect(root).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'bbws-dynamodb-root', namespace: 'argocd', labels: LABELS, annotations: { 'argocd.argoproj.io/sync-wave': '0', ...SERVER_SIDE_DIFF } },
      spec: {
        project: 'bbws-dynamodb-bootstrap',
        source: { repoURL: REPO_URL, targetRevision: 'main', path: 'dist/argocd/apps', directory: PLAIN_YAML },
        destination: { server: IN_CLUSTER, namespace: 'argocd' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, ...SYNC_POLICY_TAIL },
      },
    });
  });
});

describe('dist/argocd/apps: what the root syncs', () => {
  const apps = inDir('argocd/apps');

  test('one workload AppProject, the platform app and one app per environment', () => {
    expect(apps.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Application/bbws-dynamodb-dev',
      'Application/bbws-dynamodb-platform',
      'Application/bbws-dynamodb-prod',
      'Application/bbws-dynamodb-sit',
      'AppProject/bbws-dynamodb',
    ]);
  });

  test('the workload AppProject allows only this repository, the environments\' namespaces and exactly the kinds we render', () => {
    // GIVEN / WHEN
    const project = byName(apps, 'AppProject', 'bbws-dynamodb');
    // THEN
    expect(project).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: {
        name: 'bbws-dynamodb',
        namespace: 'argocd',
        labels: LABELS,
        annotations: { 'argocd.argoproj.io/sync-wave': '-2', 'argocd.argoproj.io/sync-options': 'Prune=confirm,Delete=confirm' },
      },
      spec: {
        description: `DynamoDB tables of BBWS customer-portal platform team: platform APIs and one namespace per environment, from ${REPO_URL} only`,
        sourceRepos: [REPO_URL],
        destinations: [
          { server: IN_CLUSTER },
          { server: IN_CLUSTER, namespace: 'bbws-dev' },
          { server: IN_CLUSTER, namespace: 'bbws-prod' },
          { server: IN_CLUSTER, namespace: 'bbws-sit' },
        ],
        clusterResourceWhitelist: [
          { group: 'apiextensions.crossplane.io', kind: 'CompositeResourceDefinition' },
          { group: 'apiextensions.crossplane.io', kind: 'Composition' },
          { group: 'pkg.crossplane.io', kind: 'Function' },
          { group: '', kind: 'Namespace' },
        ],
        namespaceResourceWhitelist: [
          { group: 'platform.bigbeard.co.za', kind: 'DynamoDBTable' },
          { group: 'platform.bigbeard.co.za', kind: 'DynamoDBBackupPlan' },
          { group: 'aws.m.upbound.io', kind: 'ProviderConfig' },
        ],
      },
    });
  });

  test('the whitelists cover every kind the platform and environment apps render, and nothing more', () => {
    // GIVEN the kinds in dist/platform and dist/<env>
    const rendered = REPO.objects.filter((o) => o.dir === 'platform' || REPO.model.environments.some((e) => e.name === o.dir));
    const kinds = new Set(rendered.map((o) => `${o.object.apiVersion.includes('/') ? o.object.apiVersion.split('/')[0] : ''}/${o.object.kind}`));
    // WHEN
    const spec = byName(apps, 'AppProject', 'bbws-dynamodb').spec;
    const allowed = [...spec.clusterResourceWhitelist, ...spec.namespaceResourceWhitelist].map((r: Json) => `${r.group}/${r.kind}`);
    // THEN
    expect(allowed.sort()).toEqual([...kinds].sort());
  });

  test('the platform app syncs dist/platform to the destination cluster (no namespace: all its objects are cluster-scoped)', () => {
    // GIVEN / WHEN
    const platform = byName(apps, 'Application', 'bbws-dynamodb-platform');
    // THEN
    expect(platform).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'bbws-dynamodb-platform',
        namespace: 'argocd',
        labels: LABELS,
        annotations: { 'argocd.argoproj.io/sync-wave': '-1', 'argocd.argoproj.io/sync-options': 'Prune=confirm,Delete=confirm', ...SERVER_SIDE_DIFF },
      },
      spec: {
        project: 'bbws-dynamodb',
        source: { repoURL: REPO_URL, targetRevision: 'main', path: 'dist/platform', directory: PLAIN_YAML },
        destination: { server: IN_CLUSTER },
        syncPolicy: { automated: { prune: false, selfHeal: true }, ...SYNC_POLICY_TAIL },
      },
    });
    expect(REPO.objects.filter((o) => o.dir === 'platform' && o.object.metadata.namespace !== undefined)).toEqual([]);
  });

  test('an environment app syncs dist/<env> into the environment\'s namespace', () => {
    // GIVEN / WHEN
    const dev = byName(apps, 'Application', 'bbws-dynamodb-dev');
    // THEN
    expect(dev).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'bbws-dynamodb-dev', namespace: 'argocd', labels: LABELS, annotations: { 'argocd.argoproj.io/sync-wave': '0', ...SERVER_SIDE_DIFF } },
      spec: {
        project: 'bbws-dynamodb',
        source: { repoURL: REPO_URL, targetRevision: 'main', path: 'dist/dev', directory: PLAIN_YAML },
        destination: { server: IN_CLUSTER, namespace: 'bbws-dev' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, ...SYNC_POLICY_TAIL },
      },
    });
  });

  test('no Application carries the resources finalizer, so deleting one never cascades to tables', () => {
    for (const app of [...apps, ...inDir('argocd')].filter((o) => o.kind === 'Application')) {
      expect({ name: app.metadata.name, finalizers: app.metadata.finalizers }).toEqual({ name: app.metadata.name, finalizers: undefined });
    }
  });
});

describe('project config drives every repository and cluster reference', () => {
  test('repository path prefix, revision, Argo CD namespace, project name and destination server', () => {
    // GIVEN a project that keeps dist/ under infra/ddb, tracks a release branch and deploys to a remote cluster
    const model = withModel({
      repository: { url: 'git@example.com:acme/tables.git', revision: 'release', path: '/infra/ddb/' },
      argocd: { namespace: 'gitops', project: 'acme-tables', destinationServer: 'https://10.0.0.1:6443' },
      environments: [environment('dev', { name: 'qa', namespace: 'acme-qa' })],
    });
    // WHEN
    const out = renderArgoCd(model);
    // THEN
    const summary = (o: Json) => ({
      kind: o.kind,
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      project: o.spec.project,
      repo: o.spec.source?.repoURL ?? o.spec.sourceRepos,
      revision: o.spec.source?.targetRevision,
      path: o.spec.source?.path,
      destination: o.spec.destination ?? o.spec.destinations,
    });
    expect(Object.keys(out)).toEqual(['argocd', 'argocd/apps', 'argocd-cm-patch']);
    expect([...out.argocd, ...out['argocd/apps']].map(summary)).toEqual([
      { kind: 'AppProject', name: 'acme-tables-bootstrap', namespace: 'gitops', project: undefined, repo: ['git@example.com:acme/tables.git'], revision: undefined, path: undefined, destination: [{ server: IN_CLUSTER, namespace: 'gitops' }] },
      { kind: 'Application', name: 'acme-tables-root', namespace: 'gitops', project: 'acme-tables-bootstrap', repo: 'git@example.com:acme/tables.git', revision: 'release', path: 'infra/ddb/dist/argocd/apps', destination: { server: IN_CLUSTER, namespace: 'gitops' } },
      { kind: 'AppProject', name: 'acme-tables', namespace: 'gitops', project: undefined, repo: ['git@example.com:acme/tables.git'], revision: undefined, path: undefined, destination: [{ server: 'https://10.0.0.1:6443' }, { server: 'https://10.0.0.1:6443', namespace: 'acme-qa' }] },
      { kind: 'Application', name: 'acme-tables-platform', namespace: 'gitops', project: 'acme-tables', repo: 'git@example.com:acme/tables.git', revision: 'release', path: 'infra/ddb/dist/platform', destination: { server: 'https://10.0.0.1:6443' } },
      { kind: 'Application', name: 'acme-tables-qa', namespace: 'gitops', project: 'acme-tables', repo: 'git@example.com:acme/tables.git', revision: 'release', path: 'infra/ddb/dist/qa', destination: { server: 'https://10.0.0.1:6443', namespace: 'acme-qa' } },
    ]);
    expect(out['argocd-cm-patch'][0].metadata).toEqual({ name: 'argocd-cm', namespace: 'gitops' });
  });
});

describe('dist/argocd-cm-patch: the argocd-cm settings', () => {
  test('annotation tracking, Crossplane\'s ProviderConfigUsage exclusion, and the health checks; never useOpenLibs', () => {
    // GIVEN / WHEN
    const [cm, ...rest] = inDir('argocd-cm-patch');
    // THEN
    expect(rest).toEqual([]);
    const lua = readFileSync(join(HEALTH_DIR, ANY, ANY, 'health.lua'), 'utf8');
    expect(cm).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm', namespace: 'argocd' },
      data: {
        'application.resourceTrackingMethod': 'annotation',
        'resource.exclusions': '- apiGroups:\n  - "*"\n  kinds:\n  - ProviderConfigUsage\n',
        ...Object.fromEntries(HEALTH_CHECKED_XR_KINDS.map((k) => [`resource.customizations.health.platform.bigbeard.co.za_${k}`, lua])),
        'resource.customizations.health.argoproj.io_Application': readFileSync(join(HEALTH_DIR, 'argoproj.io', 'Application', 'health.lua'), 'utf8'),
      },
    });
    expect(Object.keys(cm.data).filter((k) => k.includes('useOpenLibs'))).toEqual([]);
  });

  test('the file is outside dist/argocd, so neither the bootstrap nor the root app ever applies argocd-cm whole', () => {
    expect([...REPO.files.keys()].filter((f) => f.includes('configmap'))).toEqual(['argocd-cm-patch/configmap-argocd-cm.yaml']);
  });
});
