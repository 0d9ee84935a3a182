/**
 * The pure half of `status`: dist/ parsing, the report (verdicts, drift,
 * missing and extra XRs, ages from a given `now`), its text and JSON
 * renderings, and the one-line cluster error causes.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { UsageError } from '../../src/diagnostics/usage-error';
import { describeCause } from '../../src/kube/cluster-error';
import { DistFile, readDistFromDisk } from '../../src/dist/read-dist';
import { parseDistTree } from '../../src/status/desired';
import { exitCodeOf, formatJson, formatText } from '../../src/status/format';
import { JsonObject } from '../../src/json/json';
import { buildReport, formatAge, LiveObjects } from '../../src/status/report';
import { REPO_ROOT } from '../harness/tools';

const NOW = new Date('2026-03-01T12:00:00Z');
const XRD_TABLE = readFileSync(join(REPO_ROOT, 'dist/platform/compositeresourcedefinition-dynamodbtables.platform.bigbeard.co.za.yaml'), 'utf8');
const XRD_BACKUP = readFileSync(join(REPO_ROOT, 'dist/platform/compositeresourcedefinition-dynamodbbackupplans.platform.bigbeard.co.za.yaml'), 'utf8');

const namespaceYaml = (env: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: team-${env}
  labels:
    platform.bigbeard.co.za/environment: ${env}
`;
const tableYaml = (env: string, name: string, extra = '') => `apiVersion: platform.bigbeard.co.za/v1alpha1
kind: DynamoDBTable
metadata:
  name: ${name}
  namespace: team-${env}
spec:
  tableName: ${name}
  region: af-south-1
  billingMode: PAY_PER_REQUEST
${extra}`;

/** A small dist/ tree: two environments, prod with two tables, dev with none. */
const FILES: DistFile[] = [
  { path: 'platform/compositeresourcedefinition-dynamodbtables.platform.bigbeard.co.za.yaml', text: XRD_TABLE },
  { path: 'platform/compositeresourcedefinition-dynamodbbackupplans.platform.bigbeard.co.za.yaml', text: XRD_BACKUP },
  { path: 'dev/namespace-team-dev.yaml', text: namespaceYaml('dev') },
  { path: 'prod/namespace-team-prod.yaml', text: namespaceYaml('prod') },
  { path: 'prod/dynamodbtable-orders.yaml', text: tableYaml('prod', 'orders') },
  { path: 'prod/dynamodbtable-users.yaml', text: tableYaml('prod', 'users') },
];

const conditions = (ready: [string, string, string?], synced: [string, string, string?], at: string): JsonObject[] => [
  { type: 'Synced', status: synced[0], reason: synced[1], ...(synced[2] ? { message: synced[2] } : {}), lastTransitionTime: at },
  { type: 'Ready', status: ready[0], reason: ready[1], ...(ready[2] ? { message: ready[2] } : {}), lastTransitionTime: at },
];

const liveTable = (name: string, spec: JsonObject, status: JsonObject): JsonObject => ({
  apiVersion: 'platform.bigbeard.co.za/v1alpha1',
  kind: 'DynamoDBTable',
  metadata: { name, namespace: 'team-prod' },
  spec: { tableName: name, region: 'af-south-1', billingMode: 'PAY_PER_REQUEST', managementMode: 'full', tableClass: 'STANDARD', ...spec },
  status,
});

describe('parseDistTree', () => {
  test('environments are dist folders with a labelled Namespace; XR kinds come from the platform XRDs', () => {
    // GIVEN the small dist tree
    // WHEN parsed
    const desired = parseDistTree('dist', FILES);
    // THEN dev and prod, with their namespaces and XRs, and both kinds from the XRDs
    expect(desired.environments.map((e) => [e.name, e.namespace, e.objects.map((o) => `${o.kind}/${o.name} ${o.file}`)])).toEqual([
      ['dev', 'team-dev', []],
      ['prod', 'team-prod', ['DynamoDBTable/orders prod/dynamodbtable-orders.yaml', 'DynamoDBTable/users prod/dynamodbtable-users.yaml']],
    ]);
    expect(desired.kinds.map((k) => [k.kind, k.group, k.version, k.plural])).toEqual([
      ['DynamoDBTable', 'platform.bigbeard.co.za', 'v1alpha1', 'dynamodbtables'],
      ['DynamoDBBackupPlan', 'platform.bigbeard.co.za', 'v1alpha1', 'dynamodbbackupplans'],
    ]);
  });

  test('the committed dist/ has dev, prod and sit', () => {
    // GIVEN the repository's dist/
    // WHEN read and parsed
    const desired = parseDistTree('dist', readDistFromDisk('dist', REPO_ROOT));
    // THEN the three environments and their namespaces
    expect(desired.environments.map((e) => [e.name, e.namespace])).toEqual([['dev', 'bbws-dev'], ['prod', 'bbws-prod'], ['sit', 'bbws-sit']]);
  });

  test.each([
    ['no XRDs', 'without dist/platform status cannot know the API', [{ path: 'prod/namespace-team-prod.yaml', text: namespaceYaml('prod') }],
      'dist/platform/ has no XRD for DynamoDBTable'],
    ['no environments', 'a tree without environment folders is not a rendered dist/', FILES.filter((f) => f.path.startsWith('platform/')),
      'dist/ has no environment folders (a Namespace labelled platform.bigbeard.co.za/environment)'],
  ])('%s: %s', (_name, _reason, files, message) => {
    // GIVEN an incomplete tree
    // WHEN parsed
    // THEN a usage error (exit 2) that says what is missing
    expect(() => parseDistTree('dist', files)).toThrow(new UsageError(message));
  });
});

describe('buildReport and its renderings', () => {
  const desired = parseDistTree('dist', FILES);
  const at = '2026-03-01T11:57:00Z';
  const live = new Map<string, LiveObjects>([
    ['team-prod', new Map([
      ['DynamoDBTable', [
        liveTable('orders', { billingMode: 'PROVISIONED' }, {
          conditions: conditions(['False', 'Creating', 'Unready resources: table'], ['False', 'ReconcileError', 'cannot apply composed resource "table"'], at),
        }),
        liveTable('legacy', {}, { conditions: conditions(['True', 'Available'], ['True', 'ReconcileSuccess'], at), arn: 'arn:aws:dynamodb:af-south-1:1:table/legacy' }),
      ]],
    ])],
  ]);

  test('the report names drift, missing and extra XRs, with ages from now', () => {
    // GIVEN prod with a drifted, not-ready table, an extra one, and a missing one
    // WHEN the report is built for every environment
    const report = buildReport({ desired, selected: ['dev', 'prod'], live, context: 'ctx', server: 'https://k8s:6443', now: NOW });
    // THEN the text says all of it, and the exit code is 1
    expect(formatText(report)).toEqual([
      'Context ctx (https://k8s:6443); desired state: dist/ (what Argo CD applies)',
      '',
      'dev · namespace team-dev',
      '  no DynamoDBTable or DynamoDBBackupPlan in namespace team-dev',
      '',
      'prod · namespace team-prod',
      '  KIND           NAME    AWS NAME  REGION      READY  SYNCED  AWS  LAST TRANSITION  GIT',
      '  DynamoDBTable  legacy  legacy    af-south-1  True   True    -    3m ago           not in git',
      '  DynamoDBTable  orders  orders    af-south-1  False  False   -    3m ago           drift (1)',
      '  ARNs:',
      '    dynamodbtable/legacy  arn:aws:dynamodb:af-south-1:1:table/legacy',
      '  Conditions not True:',
      '    dynamodbtable/orders  Ready=False Creating: Unready resources: table',
      '                          Synced=False ReconcileError: cannot apply composed resource "table"',
      '  Drift (cluster vs dist/prod/):',
      '    dynamodbtable/orders  spec.billingMode: git "PAY_PER_REQUEST", cluster "PROVISIONED"',
      '  In git, not in the cluster:',
      '    dynamodbtable/users  dist/prod/dynamodbtable-users.yaml',
      '  In the cluster, not in git:',
      '    dynamodbtable/legacy  not rendered in dist/prod/',
      '',
      'Summary: 1 of 2 ready, 1 drifted, 1 only in git, 1 only in the cluster: needs attention (exit 1)',
      '',
    ].join('\n'));
    expect(exitCodeOf(report)).toEqual(1);
    expect(report.summary).toEqual({ resources: 2, ready: 1, notReady: 1, drifted: 1, missingInCluster: 1, notInGit: 1, ok: false, allReady: false });
  });

  test('JSON carries the same facts, with every condition and the drift values', () => {
    // GIVEN the same cluster, prod only
    // WHEN rendered as JSON
    const report = buildReport({ desired, selected: ['prod'], live, context: 'ctx', server: 'https://k8s:6443', now: NOW });
    const json = JSON.parse(formatJson(report));
    // THEN the drifted table's entry is complete
    expect(json.environments[0].resources[1]).toEqual({
      kind: 'DynamoDBTable',
      name: 'orders',
      awsName: 'orders',
      region: 'af-south-1',
      ready: { status: 'False', reason: 'Creating', message: 'Unready resources: table', lastTransitionTime: at },
      synced: { status: 'False', reason: 'ReconcileError', message: 'cannot apply composed resource "table"', lastTransitionTime: at },
      lastTransitionTime: at,
      lastTransitionAge: '3m',
      drift: [{ path: 'spec.billingMode', git: 'PAY_PER_REQUEST', cluster: 'PROVISIONED' }],
      inGit: true,
    });
    expect(json.environments.map((e: { name: string }) => e.name)).toEqual(['prod']);
    expect(json.now).toEqual('2026-03-01T12:00:00.000Z');
  });

  test('an AWS error on a composed resource, copied into status.resources, makes the XR not ready, even while Ready=True', () => {
    // GIVEN orders Ready and Synced on the XR, but its composed Table's update refused by AWS
    const failing = liveTable('orders', {}, {
      conditions: conditions(['True', 'Available'], ['True', 'ReconcileSuccess'], at),
      resources: {
        table: {
          conditions: [
            { type: 'Ready', status: 'True', reason: 'Available' },
            { type: 'Synced', status: 'False', reason: 'ReconcileError', message: 'update failed: async update failed: api error LimitExceededException: Subscriber limit exceeded' },
            { type: 'LastAsyncOperation', status: 'False', reason: 'AsyncUpdateFailure', message: 'async update failed: api error LimitExceededException' },
          ],
        },
      },
    });
    const users = liveTable('users', {}, {
      conditions: conditions(['True', 'Available'], ['True', 'ReconcileSuccess'], at),
      resources: { table: { conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }, { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' }] } },
    });
    const cluster = new Map([['team-prod', new Map([['DynamoDBTable', [failing, users]]]) as LiveObjects]]);

    // WHEN
    const report = buildReport({ desired, selected: ['prod'], live: cluster, context: 'ctx', server: 'https://k8s:6443', now: NOW });

    // THEN the AWS column says error, the provider's words are shown, and the exit code is 1
    expect(formatText(report)).toEqual([
      'Context ctx (https://k8s:6443); desired state: dist/ (what Argo CD applies)',
      '',
      'prod · namespace team-prod',
      '  KIND           NAME    AWS NAME  REGION      READY  SYNCED  AWS    LAST TRANSITION  GIT',
      '  DynamoDBTable  orders  orders    af-south-1  True   True    error  3m ago           in sync',
      '  DynamoDBTable  users   users     af-south-1  True   True    ok     3m ago           in sync',
      '  AWS errors (what the provider reports for the composed resources):',
      '    dynamodbtable/orders  table: Synced=False ReconcileError: update failed: async update failed: api error LimitExceededException: Subscriber limit exceeded',
      '',
      'Summary: 1 of 2 ready: needs attention (exit 1)',
      '',
    ].join('\n'));
    expect(exitCodeOf(report)).toEqual(1);
    expect(report.environments[0].resources[0].aws).toEqual({ problems: [{
      resource: 'table', type: 'Synced', reason: 'ReconcileError', message: 'update failed: async update failed: api error LimitExceededException: Subscriber limit exceeded',
    }] });
  });

  test('all ready and in sync is exit 0; server-defaulted fields are not drift', () => {
    // GIVEN both prod tables Ready and Synced, with server defaults (managementMode, tableClass) present live only
    const ok = new Map<string, LiveObjects>([['team-prod', new Map([['DynamoDBTable', ['orders', 'users'].map((n) =>
      liveTable(n, {}, { conditions: conditions(['True', 'Available'], ['True', 'ReconcileSuccess'], at) }))]])]]);
    // WHEN the report is built
    const report = buildReport({ desired, selected: ['prod'], live: ok, context: 'ctx', server: 'https://k8s:6443', now: NOW });
    // THEN nothing needs attention
    expect(report.summary).toEqual({ resources: 2, ready: 2, notReady: 0, drifted: 0, missingInCluster: 0, notInGit: 0, ok: true, allReady: true });
    expect(exitCodeOf(report)).toEqual(0);
    expect(formatText(report).split('\n').slice(-2)).toEqual(['Summary: 2 of 2 ready: all ready, no drift (exit 0)', '']);
  });
});

describe('formatAge', () => {
  test.each([
    ['2026-03-01T11:59:15Z', '45s', 'under two minutes shows seconds'],
    ['2026-03-01T11:48:00Z', '12m', 'under an hour shows minutes'],
    ['2026-03-01T08:40:00Z', '3h20m', 'hours keep their minutes'],
    ['2026-02-26T08:00:00Z', '3d4h', 'a few days keep their hours'],
    ['2026-01-01T12:00:00Z', '59d', 'long ago shows days only'],
    ['2026-03-01T12:00:05Z', '0s', 'a clock a little ahead never gives a negative age'],
  ])('%s → %s: %s', (from, expected) => {
    // GIVEN a transition time
    // WHEN aged at NOW
    // THEN kubectl-like coarse text
    expect(formatAge(from, NOW)).toEqual(expected);
  });
});

describe('describeCause', () => {
  const fetchFailed = (code: string, message: string) =>
    Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) });
  test.each([
    ['connection refused', 'the server is not listening', fetchFailed('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'connection refused'],
    ['TLS', 'a certificate the kubeconfig does not trust', fetchFailed('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'TLS: self-signed certificate'],
    ['401', 'client-node ApiException with a Status body as text', { code: 401, body: '{"kind":"Status","message":"Unauthorized"}' },
      '401 Unauthorized: the server rejected the credentials (Unauthorized)'],
    ['403', 'the Status message says which verb and resource', { code: 403, body: { message: 'dynamodbtables is forbidden: User "x" cannot list' } },
      '403 Forbidden: dynamodbtables is forbidden: User "x" cannot list'],
    ['404', 'the API is not served: the platform is not installed', { code: 404, body: '' },
      '404 Not Found: the server does not serve the resource (is the platform installed?)'],
    ['watch error', 'client-node Watch errors carry statusCode', Object.assign(new Error('Gone'), { statusCode: 410 }), 'HTTP 410'],
  ])('%s: %s', (_name, _reason, err, expected) => {
    // GIVEN an error shaped as client-node or undici make it
    // WHEN described
    // THEN a few plain words
    expect(describeCause(err)).toEqual(expected);
  });
});
