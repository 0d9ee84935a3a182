/**
 * `ddbops status` end to end: the compiled CLI against a real kube-apiserver +
 * etcd (127.0.0.1, random ports), with the CRDs Crossplane itself generated
 * from our XRDs and XRs whose status the tests write the way Crossplane does.
 *
 * One server for the whole file; afterAll stops it, and the harness's
 * watchdogs kill it if this process dies first. The tests run in order: the
 * first ones read the initial state, --watch makes everything Ready, the drift
 * test then edits the cluster.
 *
 * Set DDB_CAPTURE_STATUS=FILE to write the real outputs the README shows.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

import { freePort } from '../harness/proc';
import { describeWithTools, REPO_ROOT } from '../harness/tools';
import {
  CliProcess, distXrFiles, ensureBuilt, healthy, iso, PlatformCluster, runCli, setStatus,
  startPlatformCluster, TOOLS,
} from './status-fixture';

const NS = 'bbws-prod';
const ARN = (t: string) => `arn:aws:dynamodb:af-south-1:093646564004:table/${t}`;
const STREAM = (t: string) => `${ARN(t)}/stream/2026-02-14T09:30:12.345`;
const PLAN_ARN = 'arn:aws:backup:af-south-1:093646564004:backup-plan:6f1c2a4e-2d1b-4c55-9e0a-3f6b1d9c8a77';
const APPLY_ERROR = 'cannot compose resources: cannot apply composed resource "table": DynamoDB Table "tenants" is invalid: spec.forProvider.region: Required value';

/** '3h20m' → milliseconds, plus 5 s. */
const AGE = (text: string): number => 5_000 + [...text.matchAll(/(\d+)([dhm])/g)]
  .reduce((ms, [, n, unit]) => ms + Number(n) * { d: 86400_000, h: 3600_000, m: 60_000 }[unit as 'd' | 'h' | 'm'], 0);

const captured: string[] = [];
function capture(title: string, command: string, output: string): void {
  captured.push(`### ${title}\n\n\`\`\`console\n$ ${command}\n${output.trimEnd()}\n\`\`\`\n`);
}

describeWithTools(TOOLS, 'ddbops status against a real API server', () => {
  let c: PlatformCluster;
  let kubeconfig: string;
  const watchers: CliProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    c = await startPlatformCluster();
    kubeconfig = c.api.kubeconfigPath;
    // The prod XRs exactly as rendered to dist/prod, then statuses as Crossplane would write them.
    for (const f of distXrFiles('prod')) await c.api.kubectl(['create', '-f', f]);
    const now = Date.now();
    await Promise.all([
      // Ages a few seconds past the minute, so they print the same for the next ~50 s.
      // The composed Table's conditions, as the Composition copies them: the AWS column's source.
      setStatus(c.api, 'dynamodbtables', NS, 'campaigns', {
        conditions: healthy(iso(AGE('3h20m'), now)), arn: ARN('campaigns'), streamArn: STREAM('campaigns'),
        resources: { table: { conditions: healthy(iso(AGE('3h20m'), now)) } },
      }),
      setStatus(c.api, 'dynamodbtables', NS, 'products', {
        conditions: [
          { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: iso(AGE('5m'), now) },
          { type: 'Ready', status: 'False', reason: 'Creating', message: 'Unready resources: table', lastTransitionTime: iso(AGE('5m'), now) },
        ],
      }),
      setStatus(c.api, 'dynamodbtables', NS, 'tenants', {
        conditions: [
          { type: 'Synced', status: 'False', reason: 'ReconcileError', message: APPLY_ERROR, lastTransitionTime: iso(AGE('12m'), now) },
          { type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: iso(AGE('2d'), now) },
        ],
        arn: ARN('tenants'),
        streamArn: STREAM('tenants'),
      }),
      setStatus(c.api, 'dynamodbbackupplans', NS, 'dynamodb-backup', {
        conditions: healthy(iso(AGE('3h'), now)), planArn: PLAN_ARN,
        resources: { plan: { conditions: healthy(iso(AGE('3h'), now)) }, 'table-selection': { conditions: healthy(iso(AGE('3h'), now)) } },
      }),
    ]);
  });

  afterAll(async () => {
    for (const w of watchers) w.kill();
    await c?.api.stop();
    if (c) fs.rmSync(c.tmp, { recursive: true, force: true });
    const out = process.env.DDB_CAPTURE_STATUS;
    if (out && captured.length) fs.writeFileSync(out, captured.join('\n'));
  });

  test('the table CRD Crossplane made has our printer columns, then the ones Crossplane appends', () => {
    // GIVEN the CRDs Crossplane's definition controller created from our XRDs
    const crds = (parse(c.crdYaml) as { items: { metadata: { name: string }; spec: { versions: { additionalPrinterColumns: { name: string; priority?: number }[] }[] } }[] }).items;
    // WHEN we read their printer columns
    const columns = (name: string) => crds.find((d) => d.metadata.name === name)!.spec.versions[0].additionalPrinterColumns.map((p) => `${p.name}${p.priority ? `/${p.priority}` : ''}`);
    // THEN ours come first, Crossplane's SYNCED, READY, COMPOSITION, COMPOSITIONREVISION (wide) and AGE follow
    expect(columns('dynamodbtables.platform.bigbeard.co.za')).toEqual(
      ['TABLE', 'BILLING/1', 'AWS', 'REGION/1', 'PITR/1', 'BACKUP/1', 'MESSAGE/1', 'ARN/1', 'SYNCED', 'READY', 'COMPOSITION', 'COMPOSITIONREVISION/1', 'AGE']);
    expect(columns('dynamodbbackupplans.platform.bigbeard.co.za')).toEqual(
      ['PLAN', 'SCHEDULE', 'RETENTION', 'COPY-TO', 'AWS', 'SELECTION/1', 'VAULT/1', 'MESSAGE/1', 'ARN/1', 'SYNCED', 'READY', 'COMPOSITION', 'COMPOSITIONREVISION/1', 'AGE']);
  });

  test('kubectl get dynamodbtables shows our printer columns', async () => {
    // GIVEN the prod XRs
    // WHEN the real kubectl lists them
    const out = await c.api.kubectl(['get', 'dynamodbtables', '-n', NS]);
    // THEN the header is our columns followed by Crossplane's, and each table has its row
    const lines = out.trimEnd().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['NAME', 'TABLE', 'AWS', 'SYNCED', 'READY', 'COMPOSITION', 'AGE']);
    // Cells by the header's column starts (an empty AWS cell leaves only spaces).
    const starts = lines[0].split(/\s+/).map((h) => lines[0].indexOf(h));
    const cells = (l: string) => starts.map((b, i) => l.slice(b, starts[i + 1]).trim());
    // Only campaigns has its composed Table's conditions (products is still being created, tenants failed to compose).
    expect(lines.slice(1).map((l) => cells(l).slice(0, 5))).toEqual([
      ['campaigns', 'campaigns', 'ReconcileSuccess', 'True', 'True'],
      ['products', 'products', '', 'True', 'False'],
      ['tenants', 'tenants', '', 'False', 'True'],
    ]);
    const wide = await c.api.kubectl(['get', 'dynamodbtables', '-n', NS, '-o', 'wide']);
    expect(wide.split('\n')[0].split(/\s+/)).toEqual(['NAME', 'TABLE', 'BILLING', 'AWS', 'REGION', 'PITR', 'BACKUP', 'MESSAGE', 'ARN', 'SYNCED', 'READY', 'COMPOSITION', 'COMPOSITIONREVISION', 'AGE']);
    capture('kubectl get dynamodbtables', `kubectl get dynamodbtables -n ${NS}`, out);
  });

  test('status --env prod: ready, creating and reconcile-error tables, ARNs, backup plan; exit 1', async () => {
    // GIVEN one table Ready, one Creating, one with Synced=False, and a healthy backup plan
    // WHEN status runs for prod
    const r = await runCli(['status', '--env', 'prod', '--kubeconfig', kubeconfig]);
    // THEN every fact is shown, the age is the latest transition's (tenants: Synced, 12m, not Ready, 2d), and exit 1
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `Context test (${c.api.url}); desired state: dist/ (what Argo CD applies)`,
        '',
        'prod · namespace bbws-prod',
        '  KIND                NAME             AWS NAME            REGION      READY  SYNCED  AWS  LAST TRANSITION  GIT',
        '  DynamoDBTable       campaigns        campaigns           af-south-1  True   True    ok   3h20m ago        in sync',
        '  DynamoDBTable       products         products            af-south-1  False  True    -    5m ago           in sync',
        '  DynamoDBTable       tenants          tenants             af-south-1  True   False   -    12m ago          in sync',
        '  DynamoDBBackupPlan  dynamodb-backup  bbws-prod-dynamodb  af-south-1  True   True    ok   3h ago           in sync',
        '  ARNs:',
        `    dynamodbtable/campaigns             ${ARN('campaigns')}`,
        `                                        stream ${STREAM('campaigns')}`,
        `    dynamodbtable/tenants               ${ARN('tenants')}`,
        `                                        stream ${STREAM('tenants')}`,
        `    dynamodbbackupplan/dynamodb-backup  ${PLAN_ARN}`,
        '  Conditions not True:',
        '    dynamodbtable/products  Ready=False Creating: Unready resources: table',
        `    dynamodbtable/tenants   Synced=False ReconcileError: ${APPLY_ERROR}`,
        '',
        'Summary: 2 of 4 ready: needs attention (exit 1)',
        '',
      ].join('\n'),
    });
    capture('ddbops status (one table creating, one failing to sync)', 'ddbops status --env prod', r.stdout);
  });

  test('status --format json has the conditions, ARNs and the desired-state source', async () => {
    // GIVEN the same cluster
    // WHEN status runs with JSON output
    const r = await runCli(['status', '--env', 'prod', '--format', 'json', '--kubeconfig', kubeconfig]);
    const json = JSON.parse(r.stdout);
    // THEN the report is complete and machine-readable
    expect(r.code).toEqual(1);
    expect([json.context, json.server, json.desiredSource]).toEqual(['test', c.api.url, 'dist/']);
    const tenants = json.environments[0].resources.find((x: { name: string }) => x.name === 'tenants');
    expect(tenants.synced).toEqual({ status: 'False', reason: 'ReconcileError', message: APPLY_ERROR, lastTransitionTime: expect.any(String) });
    expect([tenants.arn, tenants.streamArn, tenants.lastTransitionAge]).toEqual([ARN('tenants'), STREAM('tenants'), '12m']);
    expect(json.summary).toEqual({ resources: 4, ready: 2, notReady: 2, drifted: 0, missingInCluster: 0, notInGit: 0, ok: false, allReady: false });
  });

  test('a namespace with no tables: every table rendered for it is reported missing', async () => {
    // GIVEN nothing deployed to bbws-dev
    // WHEN status runs for dev
    const r = await runCli(['status', '--env', 'dev', '--kubeconfig', kubeconfig]);
    // THEN the namespace is empty and git's three tables and its backup plan are missing; exit 1
    expect({ code: r.code, stdout: r.stdout }).toEqual({
      code: 1,
      stdout: [
        `Context test (${c.api.url}); desired state: dist/ (what Argo CD applies)`,
        '',
        'dev · namespace bbws-dev',
        '  no DynamoDBTable or DynamoDBBackupPlan in namespace bbws-dev',
        '  In git, not in the cluster:',
        '    dynamodbtable/campaigns             dist/dev/dynamodbtable-campaigns.yaml',
        '    dynamodbtable/products              dist/dev/dynamodbtable-products.yaml',
        '    dynamodbtable/tenants               dist/dev/dynamodbtable-tenants.yaml',
        '    dynamodbbackupplan/dynamodb-backup  dist/dev/dynamodbbackupplan-dynamodb-backup.yaml',
        '',
        'Summary: 0 of 0 ready, 4 only in git: needs attention (exit 1)',
        '',
      ].join('\n'),
    });
  });

  test('a namespace with no tables in git nor in the cluster is fine: exit 0', async () => {
    // GIVEN a dist/ whose dev folder has only its Namespace
    const dist = path.join(c.tmp, 'dist-empty-dev');
    fs.mkdirSync(path.join(dist, 'dev'), { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, 'dist', 'platform'), path.join(dist, 'platform'), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'dist', 'dev', 'namespace-bbws-dev.yaml'), path.join(dist, 'dev', 'namespace-bbws-dev.yaml'));
    // WHEN status runs against it
    const r = await runCli(['status', '--dist', dist, '--kubeconfig', kubeconfig]);
    // THEN nothing is expected, nothing is there
    expect({ code: r.code, stdout: r.stdout }).toEqual({
      code: 0,
      stdout: [
        `Context test (${c.api.url}); desired state: ${dist}/ (what Argo CD applies)`,
        '',
        'dev · namespace bbws-dev',
        '  no DynamoDBTable or DynamoDBBackupPlan in namespace bbws-dev',
        '',
        'Summary: 0 of 0 ready: all ready, no drift (exit 0)',
        '',
      ].join('\n'),
    });
  });

  test('--watch streams changes and exits 0 once every XR is Ready and Synced', async () => {
    // GIVEN a watch on prod, waiting
    const w = new CliProcess(['status', '--env', 'prod', '--watch', '--kubeconfig', kubeconfig]);
    watchers.push(w);
    await w.waitFor(/watch: waiting for every XR/);
    const now = Date.now();
    // WHEN Crossplane (us) reports products ready, then tenants synced
    await setStatus(c.api, 'dynamodbtables', NS, 'products', {
      conditions: healthy(iso(0, now)), arn: ARN('products'), streamArn: STREAM('products'),
    });
    await w.waitFor(/MODIFIED dynamodbtable\/products/);
    await setStatus(c.api, 'dynamodbtables', NS, 'tenants', {
      conditions: [
        { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: iso(0, now) },
        { type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: iso(AGE('2d'), now) },
      ],
    });
    const done = await Promise.race([w.exited, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
    // THEN it printed each change as it came and exited 0 by itself
    expect(done && done.code).toEqual(0);
    expect(w.stdout.match(/^── \S+ .*──$/gm)!.map((l) => l.replace(/^── \S+ /, ''))).toEqual([
      'MODIFIED dynamodbtable/products ──',
      'MODIFIED dynamodbtable/tenants ──',
    ]);
    expect(w.stdout.trimEnd().split('\n').slice(-1)).toEqual(['Summary: 4 of 4 ready: all ready, no drift (exit 0)']);
    expect(w.stderr).toEqual('watch: waiting for every XR to be Ready and Synced (Ctrl-C to stop)\nwatch: every XR is Ready and Synced\n');
  });

  test('all ready and matching git: exit 0', async () => {
    // GIVEN every prod XR Ready and Synced (after the watch test)
    // WHEN status runs
    const r = await runCli(['status', '--env', 'prod', '--kubeconfig', kubeconfig]);
    // THEN exit 0 and the summary says so
    expect([r.code, r.stdout.trimEnd().split('\n').pop()]).toEqual([0, 'Summary: 4 of 4 ready: all ready, no drift (exit 0)']);
    capture('ddbops status (all ready)', 'ddbops status --env prod', r.stdout);
  });

  test('--watch ends on SIGINT with the current verdict', async () => {
    // GIVEN a watch on dev, which never gets ready (nothing is deployed there)
    const w = new CliProcess(['status', '--env', 'dev', '--watch', '--kubeconfig', kubeconfig]);
    watchers.push(w);
    await w.waitFor(/watch: waiting for every XR/);
    // WHEN interrupted
    w.child.kill('SIGINT');
    const done = await w.exited;
    // THEN it stops cleanly with exit 1 (dev's tables are missing)
    expect([done.code, done.stderr.split('\n').slice(-2)]).toEqual([1, ['watch: interrupted', '']]);
  });

  test('drift: an edited spec field, a table only in the cluster, a table only in git', async () => {
    // GIVEN someone edits campaigns in the cluster, adds a table by hand and deletes products
    await c.api.kubectl(['patch', 'dynamodbtables', 'campaigns', '-n', NS, '--type=merge', '-p',
      JSON.stringify({ spec: { tableClass: 'STANDARD_INFREQUENT_ACCESS', tags: { Hotfix: 'INC-1234' } } })]);
    const legacy = parse(fs.readFileSync(path.join(REPO_ROOT, 'dist', 'prod', 'dynamodbtable-tenants.yaml'), 'utf8'));
    legacy.metadata = { name: 'legacy-orders', namespace: NS };
    legacy.spec.tableName = 'legacy-orders';
    await c.api.kubectl(['create', '-f', '-'], JSON.stringify(legacy));
    await setStatus(c.api, 'dynamodbtables', NS, 'legacy-orders', { conditions: healthy(iso(600_000)), arn: ARN('legacy-orders') });
    await c.api.kubectl(['delete', 'dynamodbtables', 'products', '-n', NS]);
    // WHEN status runs
    const r = await runCli(['status', '--env', 'prod', '--kubeconfig', kubeconfig]);
    // THEN the changed field and the added map key are named by path, with both values; exit 1
    const section = (title: string) => {
      const lines = r.stdout.split('\n');
      const start = lines.findIndex((l) => l.startsWith(`  ${title}`));
      const end = lines.findIndex((l, i) => i > start && !l.startsWith('    '));
      return lines.slice(start, end);
    };
    expect(r.code).toEqual(1);
    expect(section('Drift')).toEqual([
      '  Drift (cluster vs dist/prod/):',
      '    dynamodbtable/campaigns  spec.tableClass: git "STANDARD", cluster "STANDARD_INFREQUENT_ACCESS"',
      '                             spec.tags: not in git, cluster {"Hotfix":"INC-1234"}',
    ]);
    expect(section('In git, not in the cluster')).toEqual([
      '  In git, not in the cluster:',
      '    dynamodbtable/products  dist/prod/dynamodbtable-products.yaml',
    ]);
    expect(section('In the cluster, not in git')).toEqual([
      '  In the cluster, not in git:',
      '    dynamodbtable/legacy-orders  not rendered in dist/prod/',
    ]);
    expect(r.stdout.trimEnd().split('\n').pop()).toEqual('Summary: 4 of 4 ready, 1 drifted, 1 only in git, 1 only in the cluster: needs attention (exit 1)');
    capture('ddbops status (drift)', 'ddbops status --env prod', r.stdout);
  });

  describe('cannot reach or authenticate: exit 2, one line naming the context and the cause', () => {
    const kubeconfigText = () => fs.readFileSync(kubeconfig, 'utf8');
    const write = (name: string, text: string) => {
      const p = path.join(c.tmp, name);
      fs.writeFileSync(p, text);
      return p;
    };

    test('unreachable server: connection refused', async () => {
      // GIVEN a kubeconfig pointing at a port nobody listens on
      const port = await freePort();
      const p = write('refused', kubeconfigText().replace(/server: .*/, `server: https://127.0.0.1:${port}`));
      // WHEN status runs
      const r = await runCli(['status', '--kubeconfig', p]);
      // THEN one line, no stack
      expect(r).toEqual({ code: 2, stdout: '', stderr: `error: cannot use the cluster of context "test" (https://127.0.0.1:${port}): connection refused\n` });
    });

    test('TLS: the server certificate is not trusted', async () => {
      // GIVEN a kubeconfig that verifies the server against an unrelated CA
      const dir = fs.mkdtempSync(path.join(c.tmp, 'other-ca-'));
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=unrelated-ca'],
        { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      const ca = fs.readFileSync(path.join(dir, 'ca.crt')).toString('base64');
      const p = write('tls', kubeconfigText().replace(/certificate-authority-data: .*/, `certificate-authority-data: ${ca}`));
      // WHEN status runs
      const r = await runCli(['status', '--kubeconfig', p]);
      // THEN a TLS cause
      expect(r).toEqual({ code: 2, stdout: '', stderr: `error: cannot use the cluster of context "test" (${c.api.url}): TLS: unable to verify the first certificate\n` });
    });

    test('401: credentials the server does not accept', async () => {
      // GIVEN a kubeconfig whose client certificate comes from a CA the server does not know
      const dir = fs.mkdtempSync(path.join(c.tmp, 'stranger-'));
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'x.key', '-out', 'x.crt', '-days', '1', '-subj', '/O=system:masters/CN=stranger'],
        { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      const b64 = (f: string) => fs.readFileSync(path.join(dir, f)).toString('base64');
      const p = write('stranger', kubeconfigText()
        .replace(/client-certificate-data: .*/, `client-certificate-data: ${b64('x.crt')}`)
        .replace(/client-key-data: .*/, `client-key-data: ${b64('x.key')}`));
      // WHEN status runs
      const r = await runCli(['status', '--kubeconfig', p]);
      // THEN 401
      expect(r).toEqual({ code: 2, stdout: '', stderr: `error: cannot use the cluster of context "test" (${c.api.url}): 401 Unauthorized: the server rejected the credentials\n` });
    });

    test.each([
      ['--context names a context the kubeconfig lacks', (p: string) => ['--kubeconfig', p, '--context', 'prod-eu'],
        (p: string) => `error: context "prod-eu" not found in kubeconfig ${p} (contexts: test)\n`],
      ['current-context names a missing context', (p: string) => ['--kubeconfig', p.replace(/$/, '.current')],
        (p: string) => `error: context "gone" not found in kubeconfig ${p}.current (contexts: test)\n`],
      ['unreadable kubeconfig', (p: string) => ['--kubeconfig', `${p}.missing`],
        (p: string) => `error: cannot read kubeconfig ${p}.missing: no such file\n`],
    ])('%s', async (_name, args, stderr) => {
      // GIVEN a kubeconfig problem
      const p = write('contexts', kubeconfigText());
      write('contexts.current', kubeconfigText().replace('current-context: test', 'current-context: gone'));
      // WHEN status runs
      const r = await runCli(['status', ...args(p)]);
      // THEN exit 2 with one line that names it
      expect(r).toEqual({ code: 2, stdout: '', stderr: stderr(p) });
    });
  });

  test.each([
    ['--env and --all together', ['--env', 'prod', '--all'], 'error: --env and --all cannot be used together\n'],
    ['a mistyped environment', ['--env', 'prd'], 'error: unknown environment "prd" (dist/ has dev, prod, sit)\n  fix: did you mean --env prod?\n'],
  ])('usage: %s is exit 2', async (_name, args, stderr) => {
    // GIVEN wrong options
    // WHEN status runs
    const r = await runCli(['status', ...args, '--kubeconfig', kubeconfig]);
    // THEN a usage error before touching the cluster
    expect(r).toEqual({ code: 2, stdout: '', stderr });
  });
});
