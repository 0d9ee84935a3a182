/**
 * The live loop, end to end on one machine: git push → Argo CD → Crossplane →
 * (simulated) AWS → back to kubectl, `ddbops status` and Argo CD health.
 *
 * One environment for the whole file (starting it is the expensive part); the
 * scenarios run in order and each starts from the state the previous one
 * left. Only the AWS provider is simulated (provider-simulator.ts); see
 * docs/live-loop.md for the boundary.
 *
 * DDB_CAPTURE_LIVE=DIR writes the kubectl and `ddbops status` outputs of
 * scenario 2 into DIR (docs/captures/ in this repository);
 * DDB_E2E_FIGURES=FILE writes the measured figures as JSON; DDB_E2E_LOGS=DIR
 * keeps every component's full log there.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

import { KubeObject, ResourceType } from '../harness/kube-rest';
import { ensureBuilt } from '../status/status-fixture';
import { readTreeText } from '../write/temp-project';
import { describeWithTools, REPO_ROOT, toolPath } from '../harness/tools';
import { APPLICATIONS, appStatus, AppTimeline } from './app-timeline';
import { ARGOCD_NAMESPACE } from './argocd';
import { LIVE_TOOLS, LiveEnv, startLiveEnv } from './live-env';
import { done, notYet, waitUntil } from './wait';

const GROUP = 'platform.bigbeard.co.za';
const XR_TABLES: ResourceType = { group: GROUP, version: 'v1alpha1', plural: 'dynamodbtables' };
const XR_BACKUPS: ResourceType = { group: GROUP, version: 'v1alpha1', plural: 'dynamodbbackupplans' };
const TABLES: ResourceType = { group: 'dynamodb.aws.m.upbound.io', version: 'v1beta1', plural: 'tables' };
const XRDS: ResourceType = { group: 'apiextensions.crossplane.io', version: 'v1', plural: 'compositeresourcedefinitions', namespaced: false };
const ENVS = ['dev', 'sit', 'prod'] as const;
type Env = (typeof ENVS)[number];
const NS: Record<Env, string> = { dev: 'bbws-dev', sit: 'bbws-sit', prod: 'bbws-prod' };
const APPS = ['bbws-dynamodb-root', 'bbws-dynamodb-platform', 'bbws-dynamodb-dev', 'bbws-dynamodb-sit', 'bbws-dynamodb-prod'];
const ACCOUNT: Record<Env, string> = Object.fromEntries(ENVS.map((e) =>
  [e, (parse(fs.readFileSync(path.join(REPO_ROOT, 'environments', `${e}.yaml`), 'utf8')) as { account: string }).account])) as Record<Env, string>;
const REGION = 'af-south-1';
const TABLE_ARN = (env: Env, table: string): string => `arn:aws:dynamodb:${REGION}:${ACCOUNT[env]}:table/${table}`;
/** What IAM answers when the role lacks a permission (the session name is the provider's). */
const ACCESS_DENIED = (action: string, table: string): string =>
  `AccessDeniedException: User: arn:aws:sts::${ACCOUNT.prod}:assumed-role/crossplane-dynamodb/1764672000000000000 is not authorized to perform: dynamodb:${action} on resource: ${TABLE_ARN('prod', table)} because no identity-based policy allows the dynamodb:${action} action`;

const MINUTE = 60_000;

type Condition = { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string };
const conditions = (o: KubeObject | undefined): Condition[] => ((o?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []);
const condition = (o: KubeObject | undefined, type: string): Condition | undefined => conditions(o).find((c) => c.type === type);
const spec = <T = Record<string, unknown>>(o: KubeObject | undefined): T => (o?.spec ?? {}) as T;

/** The repository URL project.yaml names (the clone renders the test repository's instead). */
const REPO_URL = (parse(fs.readFileSync(path.join(REPO_ROOT, 'project.yaml'), 'utf8')) as { repository: { url: string } }).repository.url;

/** Every file under dir, by relative path. */
/** Every table and backup plan XR that dist/<env>/ renders, as `<env>/<kind>/<name>`. */
function renderedXrs(distDir: string): string[] {
  return ENVS.flatMap((e) => fs.readdirSync(path.join(distDir, e))
    .filter((f) => /^dynamodb(table|backupplan)-/.test(f))
    .map((f) => `${e}/${f.startsWith('dynamodbtable-') ? 'DynamoDBTable' : 'DynamoDBBackupPlan'}/${f.replace(/^dynamodb(table|backupplan)-|\.yaml$/g, '')}`)).sort();
}

interface Figures {
  stagesMs: Record<string, number>;
  envStartMs: number;
  scenarioMs: Record<string, number>;
  pushToComposedMs: Record<string, number>;
  selfHealMs?: number;
  /** Per environment app: ms between the platform app first being Synced and Healthy and the app's creation (negative: before). */
  envAppCreatedAfterPlatformHealthyMs?: Record<string, number>;
  memoryMiB: Record<string, { rss: number; peak: number } | null>;
}

describeWithTools(LIVE_TOOLS, 'the live loop: git push → Argo CD → Crossplane → AWS (simulated provider)', () => {
  let env: LiveEnv;
  let timeline: AppTimeline;
  const figures: Figures = { stagesMs: {}, envStartMs: 0, scenarioMs: {}, pushToComposedMs: {}, memoryMiB: {} };
  let scenarioStart = 0;
  const diag = (): string => (env ? env.diagnostics() : '');

  const kubectl = (args: string[], opts: { cwd?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(toolPath('kubectl'), args, { cwd: opts.cwd, env: { ...process.env, KUBECONFIG: env.api.kubeconfigPath }, maxBuffer: 16 * 1024 * 1024 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) }));
    });
  const ddbops = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const cliEnv = { ...process.env };
      delete cliEnv.KUBECONFIG;
      delete cliEnv.DDBOPS_DEBUG;
      execFile(process.execPath, [path.join(REPO_ROOT, 'bin', 'ddbops.js'), ...args, '--kubeconfig', env.api.kubeconfigPath],
        { cwd: env.git.workDir, env: cliEnv, timeout: 60_000 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) }));
    });

  /** The simulated AWS table of an environment's account, if it exists. */
  const awsTable = (e: Env, name: string) => [...env.simulator.aws.values()].find((r) => r.kind === 'Table' && r.id === name && r.account === ACCOUNT[e] && r.region === REGION);
  const app = (name: string): Promise<KubeObject> => env.rest.get(APPLICATIONS, ARGOCD_NAMESPACE, name);
  const xr = (e: Env, name: string): Promise<KubeObject | undefined> => env.rest.find(XR_TABLES, NS[e], name);
  /** The composed dynamodb Table(s) of an XR (Crossplane labels them with the XR's name). */
  const composedTables = async (e: Env, xrName: string): Promise<KubeObject[]> =>
    (await env.rest.list(TABLES, NS[e])).items.filter((t) => t.metadata?.labels?.['crossplane.io/composite'] === xrName);

  /**
   * What Argo CD's git webhook handler does on a push (util/webhook, argo.RefreshApp): a merge patch
   * asking for a normal refresh (and hydration) of every app whose source is the pushed repository.
   */
  const refreshAll = async (): Promise<void> => {
    for (const a of APPS) {
      await env.rest.patch(APPLICATIONS, ARGOCD_NAMESPACE, a,
        { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal', 'argocd.argoproj.io/hydrate': 'normal' } } });
    }
  };
  const pushChange = async (message: string, edit: (workDir: string) => void): Promise<{ pushedAt: number; revision: string }> => {
    edit(env.git.workDir);
    await env.git.synth();
    const revision = await env.git.commitAndPush(message);
    const pushedAt = Date.now();
    await refreshAll();
    return { pushedAt, revision };
  };
  const editJson = (file: string, fn: (o: Record<string, unknown>) => void): void => {
    const o = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fn(o);
    fs.writeFileSync(file, `${JSON.stringify(o, null, 2)}\n`);
  };
  const allSyncedHealthy = async (names: readonly string[], revision?: string) => {
    const states = await Promise.all(names.map(async (n) => {
      const s = appStatus(await app(n));
      return { n, sync: s.sync?.status, health: s.health?.status, rev: s.sync?.revision, msg: s.health?.message ?? s.operationState?.message ?? '' };
    }));
    const ok = states.every((s) => s.sync === 'Synced' && s.health === 'Healthy' && (!revision || s.rev === revision));
    return ok ? done(states) : notYet(states.map((s) => `${s.n}: ${s.sync}/${s.health} @${(s.rev ?? '').slice(0, 7)} ${s.msg}`).join('; '));
  };

  beforeAll(async () => {
    // The CLI, synth and the argocd-cm script run from lib/ (`npm test` builds it first).
    ensureBuilt();
    const t = Date.now();
    env = await startLiveEnv();
    figures.envStartMs = Date.now() - t;
    figures.stagesMs = Object.fromEntries(env.stageMs);
    timeline = new AppTimeline(env.rest, ARGOCD_NAMESPACE);
    await timeline.start();
  }, 5 * MINUTE);

  afterAll(async () => {
    if (env) {
      figures.memoryMiB = Object.fromEntries(Object.entries(env.memory()).map(([k, v]) => [k, v ? { rss: v.rssMiB, peak: v.peakMiB } : null]));
      timeline?.stop();
      if (process.env.DDB_E2E_LOGS) env.saveLogs(process.env.DDB_E2E_LOGS);
      await env.stop();
    }
    const out = process.env.DDB_E2E_FIGURES;
    if (out) fs.writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
    // The figures are part of the report a run gives; print them where CI logs keep them.
    console.log(`live loop figures:\n${JSON.stringify(figures, null, 2)}`);
  }, MINUTE);

  beforeEach(() => {
    scenarioStart = Date.now();
  });
  afterEach(() => {
    // A test that never ran (the environment failed to start) has no time to report.
    if (!env || !scenarioStart) return;
    // Keyed without the suite's own title, which every test name starts with.
    const name = (expect.getState().currentTestName ?? '?').replace(/^the live loop: .*?\(simulated provider\) /, '');
    figures.scenarioMs[name] = Date.now() - scenarioStart;
    scenarioStart = 0;
  });

  describe('1. bootstrap, exactly as the README says', () => {
    test('the clone\'s dist/ is this repository\'s dist/ but for the repository URL', () => {
      // GIVEN the clone rendered by `ddbops synth` with project.yaml naming the test repository
      const ours = readTreeText(path.join(REPO_ROOT, 'dist'));
      const theirs = readTreeText(path.join(env.git.workDir, 'dist'));
      // WHEN the test repository's URL is put back to the one this repository names
      const back = Object.fromEntries(Object.entries(theirs).map(([f, text]) => [f, text.split(env.git.url).join(REPO_URL)]));
      // THEN the files are identical, and the URL was in the Argo CD objects only
      expect(back).toEqual(ours);
      expect(Object.keys(theirs).filter((f) => theirs[f].includes(env.git.url)).sort()).toEqual([
        'argocd/0-appproject-bbws-dynamodb-bootstrap.yaml', 'argocd/1-application-bbws-dynamodb-root.yaml',
        'argocd/apps/application-bbws-dynamodb-dev.yaml', 'argocd/apps/application-bbws-dynamodb-platform.yaml',
        'argocd/apps/application-bbws-dynamodb-prod.yaml', 'argocd/apps/application-bbws-dynamodb-sit.yaml',
        'argocd/apps/appproject-bbws-dynamodb.yaml',
      ]);
    });

    test('patch argocd-cm with `ddbops patch-argocd-cm`, then `kubectl apply -f dist/argocd/`: every app Synced and Healthy', async () => {
      // GIVEN Argo CD running with its stock argocd-cm
      // WHEN the README's two bootstrap commands run (ddbops from the clone, with this cluster's kubeconfig)
      const patch = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(process.execPath, [path.join(REPO_ROOT, 'bin', 'ddbops.js'), 'patch-argocd-cm', '--kubeconfig', env.api.kubeconfigPath], {
          cwd: env.git.workDir,
          env: process.env,
        }, (err, _stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr: String(stderr) }));
      });
      expect({ code: patch.code }).toEqual({ code: 0 });
      const apply = await kubectl(['apply', '-f', 'dist/argocd/'], { cwd: env.git.workDir });
      expect({ code: apply.code, stdout: apply.stdout }).toEqual({
        code: 0,
        stdout: 'appproject.argoproj.io/bbws-dynamodb-bootstrap created\napplication.argoproj.io/bbws-dynamodb-root created\n',
      });
      // THEN the root app syncs the apps folder, and every Application ends Synced and Healthy
      // (creating a backup plan XR opens Crossplane's watch circuit breaker for a minute or two; docs/live-loop.md)
      await waitUntil('every Application Synced and Healthy', () => allSyncedHealthy(APPS), { timeoutMs: 6 * MINUTE, intervalMs: 500, diagnostics: diag });
    }, 7 * MINUTE);

    test('waves: the platform app is Synced and Healthy before any environment app exists, and nothing failed on the way', () => {
      // GIVEN the timeline of the bootstrap (ms, from a watch on the Applications)
      const platformHealthy = timeline.healthy.get('bbws-dynamodb-platform') ?? Number.POSITIVE_INFINITY;
      const createdAfterPlatformMs = Object.fromEntries(ENVS.map((e) => [e, (timeline.created.get(`bbws-dynamodb-${e}`) ?? 0) - platformHealthy]));
      figures.envAppCreatedAfterPlatformHealthyMs = createdAfterPlatformMs;
      // THEN every environment app was created after the platform app became Synced and Healthy,
      // AND no sync error, failed operation or retry happened on the way
      expect({ envAppsCreatedAfterPlatformHealthy: ENVS.filter((e) => createdAfterPlatformMs[e] >= 0), problems: timeline.problems, createdAfterPlatformMs })
        .toEqual({ envAppsCreatedAfterPlatformHealthy: [...ENVS], problems: [], createdAfterPlatformMs: expect.anything() });
    });

    test('the XRDs were Established before any XR was created', async () => {
      // GIVEN the XRDs and the XRs Argo CD applied
      const xrds = (await env.rest.list(XRDS)).items;
      const established = Math.max(...xrds.map((x) => Date.parse(condition(x, 'Established')?.lastTransitionTime ?? '')));
      const xrs = [...(await env.rest.list(XR_TABLES)).items, ...(await env.rest.list(XR_BACKUPS)).items];
      // THEN each XR's creation is not earlier than the establishment of the XRDs (one-second resolution)
      expect(xrs.filter((x) => Date.parse(x.metadata!.creationTimestamp!) < established).map((x) => x.metadata?.name)).toEqual([]);
      expect(xrs.length).toEqual(renderedXrs(path.join(env.git.workDir, 'dist')).length);
    });

    test('every XR is Ready with its ARN, as the provider reported it', async () => {
      // GIVEN the provider simulator created every resource
      const want = renderedXrs(path.join(env.git.workDir, 'dist'));
      // WHEN every XR has reported
      const got = await waitUntil('every XR Ready with an ARN', async () => {
        const xrs = [...(await env.rest.list(XR_TABLES)).items, ...(await env.rest.list(XR_BACKUPS)).items];
        const rows = xrs.map((x) => {
          const e = ENVS.find((n) => NS[n] === x.metadata?.namespace)!;
          const status = x.status as { arn?: string; planArn?: string };
          return { id: `${e}/${x.kind}/${x.metadata?.name}`, ready: condition(x, 'Ready')?.status, arn: status.arn ?? status.planArn ?? '' };
        }).sort((a, b) => a.id.localeCompare(b.id));
        return rows.length === want.length && rows.every((r) => r.ready === 'True' && r.arn) ? done(rows) : notYet(JSON.stringify(rows));
      }, { timeoutMs: 2 * MINUTE, diagnostics: diag });
      // THEN tables carry the table ARN of their account, the backup plan its plan ARN
      const tableName = (e: Env, name: string): string =>
        (parse(fs.readFileSync(path.join(env.git.workDir, 'dist', e, `dynamodbtable-${name}.yaml`), 'utf8')) as { spec: { tableName: string } }).spec.tableName;
      expect(got).toEqual(want.map((id) => {
        const [e, kind, name] = id.split('/') as [Env, string, string];
        return {
          id, ready: 'True',
          arn: kind === 'DynamoDBTable' ? TABLE_ARN(e, tableName(e, name)) : expect.stringMatching(new RegExp(`^arn:aws:backup:${REGION}:${ACCOUNT[e]}:backup-plan:[0-9a-f-]{36}$`)),
        };
      }));
    }, 3 * MINUTE);
  });

  describe('2. kubectl and ddbops status, as a user types them', () => {
    const captures: Array<[string, string]> = [];
    afterAll(() => {
      const dir = process.env.DDB_CAPTURE_LIVE;
      if (!dir) return;
      fs.mkdirSync(dir, { recursive: true });
      for (const [file, text] of captures) fs.writeFileSync(path.join(dir, file), text);
    });

    test('kubectl get dynamodbtables -n bbws-prod prints our printer columns with real values', async () => {
      // WHEN the kubectl built here lists prod's tables
      const r = await kubectl(['get', 'dynamodbtables', '-n', 'bbws-prod']);
      const version = await kubectl(['version', '--client', '-o', 'json']);
      // THEN the columns are ours then Crossplane's, each with the live value
      const rows = r.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/));
      expect({ code: r.code, header: rows[0], rows: rows.slice(1).map((c) => c.slice(0, 6)) }).toEqual({
        code: 0,
        header: ['NAME', 'TABLE', 'AWS', 'SYNCED', 'READY', 'COMPOSITION', 'AGE'],
        rows: ['campaigns', 'products', 'tenants'].map((t) =>
          [t, t, 'ReconcileSuccess', 'True', 'True', 'dynamodbtables.platform.bigbeard.co.za']),
      });
      // The default view fits a 120-column terminal.
      expect(Math.max(...r.stdout.trimEnd().split('\n').map((l) => l.length))).toBeLessThanOrEqual(120);
      expect((JSON.parse(version.stdout) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion).toEqual('v1.35.4');
      captures.push(['kubectl-get-dynamodbtables-prod.txt', `$ kubectl get dynamodbtables -n bbws-prod\n${r.stdout}`]);
    });

    test('kubectl get dynamodbtables -o wide adds billing, where, how protected, the provider\'s words and the ARN', async () => {
      const r = await kubectl(['get', 'dynamodbtables', '-n', 'bbws-prod', '-o', 'wide']);
      const lines = r.stdout.trimEnd().split('\n');
      const header = lines[0].split(/\s+/);
      expect({ code: r.code, header }).toEqual({
        code: 0,
        header: ['NAME', 'TABLE', 'BILLING', 'AWS', 'REGION', 'PITR', 'BACKUP', 'MESSAGE', 'ARN', 'SYNCED', 'READY', 'COMPOSITION', 'COMPOSITIONREVISION', 'AGE'],
      });
      for (const t of ['campaigns', 'products', 'tenants']) {
        const row = lines.find((l) => l.startsWith(`${t} `))!;
        expect(row).toContain(` PAY_PER_REQUEST `);
        expect(row).toContain(` ${REGION} `);
        expect(row).toContain(` true `);
        expect(row).toContain(` dynamodb-backup `);
        expect(row).toContain(` ${TABLE_ARN('prod', t)} `);
      }
      captures.push(['kubectl-get-dynamodbtables-prod-wide.txt', `$ kubectl get dynamodbtables -n bbws-prod -o wide\n${r.stdout}`]);
    });

    test('kubectl get dynamodbbackupplans -A shows each environment\'s schedule, retention, copy and the provider\'s verdict', async () => {
      const r = await kubectl(['get', 'dynamodbbackupplans', '-A']);
      const rows = r.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/));
      expect({ code: r.code, header: rows[0] }).toEqual({
        code: 0,
        header: ['NAMESPACE', 'NAME', 'PLAN', 'SCHEDULE', 'RETENTION', 'COPY-TO', 'AWS', 'SYNCED', 'READY', 'COMPOSITION', 'AGE'],
      });
      expect(r.stdout).toContain('bbws-prod-dynamodb');
      expect(r.stdout).toContain('eu-west-1');
      captures.push(['kubectl-get-dynamodbbackupplans-all.txt', `$ kubectl get dynamodbbackupplans -A\n${r.stdout}`]);
    });

    test('kubectl get dynamodbtables -A lists every environment\'s tables', async () => {
      const r = await kubectl(['get', 'dynamodbtables', '-A']);
      const rows = r.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/));
      expect({ code: r.code, header: rows[0], rows: rows.slice(1).map((c) => [c[0], c[1], c[4], c[5]]) }).toEqual({
        code: 0,
        header: ['NAMESPACE', 'NAME', 'TABLE', 'AWS', 'SYNCED', 'READY', 'COMPOSITION', 'AGE'],
        // kubectl sorts by namespace: bbws-dev, bbws-prod, bbws-sit
        rows: [...ENVS].sort((a, b) => NS[a].localeCompare(NS[b])).flatMap((e) => ['campaigns', 'products', 'tenants'].map((t) => [NS[e], t, 'True', 'True'])),
      });
      captures.push(['kubectl-get-dynamodbtables-all.txt', `$ kubectl get dynamodbtables -A\n${r.stdout}`]);
    });

    test('ddbops status --all exits 0: every XR Ready and Synced, in sync with git', async () => {
      const r = await ddbops(['status', '--all']);
      expect({ code: r.code, stderr: r.stderr, summary: r.stdout.trimEnd().split('\n').pop() })
        .toEqual({ code: 0, stderr: '', summary: 'Summary: 12 of 12 ready: all ready, no drift (exit 0)' });
      captures.push(['ddbops-status-all.txt', `$ ddbops status --all\n${r.stdout.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')}`]);
    });
  });

  describe('3. a change arrives by git push', () => {
    test('a new GSI on products and a new table reach the composed Tables and AWS in every environment; status shows no drift', async () => {
      // GIVEN a commit that adds an index to products and the README's new table (with its prod-only
      // override), pushed, and the webhook's refresh
      const { pushedAt, revision } = await pushChange('products: BillingCycleIndex; new table subscriptions', (dir) => {
        editJson(path.join(dir, 'schemas', 'products.schema.json'), (s) => {
          (s.globalSecondaryIndexes as unknown[]).push({
            indexName: 'BillingCycleIndex',
            partitionKey: { name: 'billingCycle', type: 'S' },
            sortKey: { name: 'price', type: 'N' },
            projectionType: 'KEYS_ONLY',
            description: 'Products by billing cycle, cheapest first',
          });
        });
        fs.copyFileSync(path.join(__dirname, 'fixtures', 'subscriptions.schema.json'), path.join(dir, 'schemas', 'subscriptions.schema.json'));
      });
      // WHEN Argo CD syncs it and Crossplane composes it
      await Promise.all(ENVS.map(async (e) => {
        await waitUntil(`the composed Table of ${e}/products to carry BillingCycleIndex`, async () => {
          const [t] = await composedTables(e, 'products');
          const gsis = (spec<{ forProvider?: { globalSecondaryIndex?: Array<{ name: string }> } }>(t).forProvider?.globalSecondaryIndex ?? []).map((g) => g.name);
          return gsis.includes('BillingCycleIndex') ? done(gsis) : notYet(`indexes ${gsis.join(',')}`);
        }, { timeoutMs: 2 * MINUTE, intervalMs: 100, diagnostics: diag });
        figures.pushToComposedMs[e] = Date.now() - pushedAt;
      }));
      // THEN the apps are Synced to the new commit, the provider updated products and created subscriptions
      // in each account (Standard-IA in prod only, as its override says), and status sees no drift
      await waitUntil('the environment apps Synced and Healthy at the pushed commit', () => allSyncedHealthy(ENVS.map((e) => `bbws-dynamodb-${e}`), revision),
        { timeoutMs: 2 * MINUTE, intervalMs: 500, diagnostics: diag });
      const aws = await waitUntil('the provider to update products and create subscriptions in every account', async () => {
        const state = ENVS.map((e) => ({
          products: ((awsTable(e, 'products')?.config.globalSecondaryIndex ?? []) as Array<{ name: string }>).some((g) => g.name === 'BillingCycleIndex'),
          subscriptions: awsTable(e, 'subscriptions')?.config.tableClass as string | undefined,
        }));
        return state.every((x) => x.products && x.subscriptions) ? done(state) : notYet(JSON.stringify(state));
      }, { timeoutMs: MINUTE, diagnostics: diag });
      expect(aws).toEqual([
        { products: true, subscriptions: 'STANDARD' },
        { products: true, subscriptions: 'STANDARD' },
        { products: true, subscriptions: 'STANDARD_INFREQUENT_ACCESS' },
      ]);
      const r = await ddbops(['status', '--all']);
      expect({ code: r.code, summary: r.stdout.trimEnd().split('\n').pop() }).toEqual({ code: 0, summary: 'Summary: 15 of 15 ready: all ready, no drift (exit 0)' });
      const get = await kubectl(['get', 'dynamodbtables', '-n', NS.prod]);
      const dir = process.env.DDB_CAPTURE_LIVE;
      if (dir) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'kubectl-get-dynamodbtables-prod-after-push.txt'), `$ kubectl get dynamodbtables -n bbws-prod\n${get.stdout}`);
      }
    }, 5 * MINUTE);
  });

  describe('4. AWS refuses', () => {
    test('AccessDenied on the prod tenants Table shows on the XR, in Argo CD (Degraded) and in ddbops status', async () => {
      // GIVEN the provider's role may not update the prod tenants table
      const error = ACCESS_DENIED('UpdateTable', 'tenants');
      env.simulator.refuse({ kind: 'Table', namespace: NS.prod, externalName: 'tenants', operation: 'update', error });
      // What a user sees meanwhile, for docs/captures (DDB_CAPTURE_LIVE).
      let refusedOutputs: { status: string; get: string } | undefined;
      try {
        // WHEN a commit changes tenants (a new index) and reaches prod
        await pushChange('tenants: EmailCreatedIndex', (dir) => editJson(path.join(dir, 'schemas', 'tenants.schema.json'), (s) => {
          (s.globalSecondaryIndexes as unknown[]).push({
            indexName: 'EmailCreatedIndex',
            partitionKey: { name: 'email', type: 'S' },
            sortKey: { name: 'dateCreated', type: 'S' },
            projectionType: 'KEYS_ONLY',
            description: 'Tenants by email, newest first',
          });
        }));
        // THEN the provider reports the refusal on the composed Table (Synced=False, still Ready)...
        const table = await waitUntil('the prod tenants Table to report the refusal', async () => {
          const [t] = await composedTables('prod', 'tenants');
          const synced = condition(t, 'Synced');
          return synced?.status === 'False' ? done(t) : notYet(JSON.stringify(conditions(t)));
        }, { timeoutMs: 2 * MINUTE, diagnostics: diag });
        expect([condition(table, 'Ready')?.status, condition(table, 'Synced')]).toEqual(['True', {
          type: 'Synced', status: 'False', reason: 'ReconcileError', lastTransitionTime: expect.any(String), observedGeneration: expect.any(Number),
          message: expect.stringContaining(`update failed: async update failed: failed to update the resource: [{0 updating Amazon DynamoDB Table (tenants): operation error DynamoDB: UpdateTable, https response error StatusCode: 400, RequestID: `),
        }]);
        expect(condition(table, 'Synced')?.message).toContain(`api error ${error}  []}]`);

        // ...and it reaches everything a user looks at: the XR, Argo CD's health, ddbops status.
        const seen = await waitUntil('the refusal on the XR, Degraded in Argo CD and in ddbops status', async () => {
          const x = await xr('prod', 'tenants');
          // Crossplane never carries a provider error onto the XR's own conditions; the Composition copies the
          // composed Table's conditions into status.resources.table.conditions, which is what users read.
          const copied = ((x?.status as { resources?: { table?: { conditions?: Array<{ type: string; status: string; message?: string }> } } } | undefined)
            ?.resources?.table?.conditions ?? []);
          const xrFailure = copied.find((c) => c.type === 'Synced' && c.status === 'False' && (c.message ?? '').includes('AccessDeniedException'));
          const prodApp = appStatus(await app('bbws-dynamodb-prod'));
          const status = await ddbops(['status', '--env', 'prod']);
          const get = await kubectl(['get', 'dynamodbtable', 'tenants', '-n', NS.prod, '--no-headers']);
          refusedOutputs = { status: status.stdout, get: (await kubectl(['get', 'dynamodbtables', '-n', NS.prod])).stdout };
          const state = {
            xrShowsFailure: xrFailure !== undefined,
            appHealth: prodApp.health?.status,
            statusExit: status.code,
            statusPrintsAwsMessage: status.stdout.includes(error),
            kubectlAwsColumn: get.stdout.split(/\s+/)[2],
          };
          const ok = state.xrShowsFailure && state.appHealth === 'Degraded' && state.statusExit === 1 && state.statusPrintsAwsMessage
            && state.kubectlAwsColumn === 'ReconcileError';
          return ok ? done(state) : notYet(`${JSON.stringify(state)}; XR conditions ${JSON.stringify(conditions(x))}; prod app ${JSON.stringify(prodApp.health)}`);
        }, { timeoutMs: 90_000, intervalMs: 2000, diagnostics: () => '' }).catch((e: Error) => e);
        if (seen instanceof Error) throw seen;
        expect(seen).toEqual({ xrShowsFailure: true, appHealth: 'Degraded', statusExit: 1, statusPrintsAwsMessage: true, kubectlAwsColumn: 'ReconcileError' });
        const dir = process.env.DDB_CAPTURE_LIVE;
        if (dir && refusedOutputs) {
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(path.join(dir, 'kubectl-get-dynamodbtables-prod-aws-refused.txt'), `$ kubectl get dynamodbtables -n bbws-prod\n${refusedOutputs.get}`);
          fs.writeFileSync(path.join(dir, 'ddbops-status-prod-aws-refused.txt'),
            `$ ddbops status --env prod\n${refusedOutputs.status.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>').replace(/RequestID: [0-9a-f-]+/g, 'RequestID: <uuid>')}`);
        }
      } finally {
        // The role gets its permission back; the provider's next attempt succeeds and everything recovers.
        env.simulator.allow('Table', NS.prod, 'tenants');
      }
      await waitUntil('prod Synced and Healthy again once AWS accepts the update', () => allSyncedHealthy(['bbws-dynamodb-prod']),
        { timeoutMs: 2 * MINUTE, intervalMs: 500, diagnostics: diag });
    }, 6 * MINUTE);
  });

  describe('5. removal', () => {
    let pushedAt = 0;

    test('campaigns removed from git: dev and sit prune the XR, its composed Table and the table in AWS', async () => {
      // GIVEN campaigns exists everywhere
      expect(ENVS.map((e) => awsTable(e, 'campaigns') !== undefined)).toEqual([true, true, true]);
      // WHEN its schema is deleted, synth renders dist/ without it, and the commit is pushed
      ({ pushedAt } = await pushChange('retire campaigns', (dir) => fs.rmSync(path.join(dir, 'schemas', 'campaigns.schema.json'))));
      // THEN in dev and sit the XR, the composed Table and the AWS table are gone
      for (const e of ['dev', 'sit'] as const) {
        await waitUntil(`${e}/campaigns pruned down to AWS`, async () => {
          const state = {
            xr: (await xr(e, 'campaigns')) !== undefined,
            composed: (await composedTables(e, 'campaigns')).length,
            aws: awsTable(e, 'campaigns') !== undefined,
          };
          return !state.xr && state.composed === 0 && !state.aws ? done(state) : notYet(JSON.stringify(state));
        }, { timeoutMs: 2 * MINUTE, intervalMs: 500, diagnostics: diag });
      }
      figures.scenarioMs['removal: push → dev and sit pruned'] = Date.now() - pushedAt;
    }, 5 * MINUTE);

    test('prod prunes nothing without confirmation: the app waits, the table and its backup stay', async () => {
      // GIVEN the same commit, in prod (prune: false, Prune=confirm)
      const prod = await waitUntil('prod to show campaigns as needing a prune', async () => {
        const s = appStatus(await app('bbws-dynamodb-prod'));
        const res = (s.resources ?? []).find((r) => r.kind === 'DynamoDBTable' && r.name === 'campaigns');
        return res?.requiresPruning ? done(s) : notYet(JSON.stringify({ sync: s.sync, resource: res }));
      }, { timeoutMs: 2 * MINUTE, intervalMs: 500, diagnostics: diag });
      // THEN the app is OutOfSync, and the XR, its Table, the AWS table and the backup plan are all still there
      expect(prod.sync?.status).toEqual('OutOfSync');
      const backup = await env.rest.get(XR_BACKUPS, NS.prod, 'dynamodb-backup');
      expect({
        xr: condition(await xr('prod', 'campaigns'), 'Ready')?.status,
        composed: (await composedTables('prod', 'campaigns')).length,
        aws: awsTable('prod', 'campaigns') !== undefined,
        backupPlan: condition(backup, 'Ready')?.status,
        backupPlanInAws: [...env.simulator.aws.values()].some((r) => r.kind === 'Plan' && r.account === ACCOUNT.prod),
      }).toEqual({ xr: 'True', composed: 1, aws: true, backupPlan: 'True', backupPlanInAws: true });

      // WHEN an operator asks for a sync with prune (what `argocd app sync --prune` sends)
      await env.rest.patch(APPLICATIONS, ARGOCD_NAMESPACE, 'bbws-dynamodb-prod', {
        operation: { initiatedBy: { username: 'e2e-operator' }, sync: { prune: true, syncOptions: ['ServerSideApply=true', 'FailOnSharedResource=true', 'PruneLast=true'] } },
      });
      // THEN the sync waits for confirmation and still deletes nothing
      await waitUntil('the prune to wait for confirmation', async () => {
        const s = appStatus(await app('bbws-dynamodb-prod'));
        return /Waiting for pruning confirmation of/.test(s.operationState?.message ?? '') ? done(s) : notYet(JSON.stringify(s.operationState));
      }, { timeoutMs: MINUTE, intervalMs: 500, diagnostics: diag });
      expect((await composedTables('prod', 'campaigns')).length).toEqual(1);
    }, 5 * MINUTE);

    test('confirmed in prod (keep-on-delete): the XR and its Table go, the table stays in AWS', async () => {
      // WHEN the operator confirms (what `argocd app confirm-deletion` writes)
      await env.rest.patch(APPLICATIONS, ARGOCD_NAMESPACE, 'bbws-dynamodb-prod', {
        metadata: { annotations: { 'argocd.argoproj.io/deletion-approved': new Date().toISOString().replace(/\.\d+Z$/, 'Z') } },
      });
      // THEN Argo CD prunes the XR, Crossplane deletes the composed Table, and the provider only lets it go
      const state = await waitUntil('prod/campaigns pruned in the cluster', async () => {
        const s = {
          xr: (await xr('prod', 'campaigns')) !== undefined,
          composed: (await composedTables('prod', 'campaigns')).length,
        };
        return !s.xr && s.composed === 0 ? done(s) : notYet(JSON.stringify(s));
      }, { timeoutMs: 2 * MINUTE, intervalMs: 500, diagnostics: diag });
      expect(state).toEqual({ xr: false, composed: 0 });
      expect([...env.simulator.aws.values()].filter((r) => r.kind === 'Table' && r.id === 'campaigns').map((r) => r.account)).toEqual([ACCOUNT.prod]);
      expect(env.simulator.events.filter((e) => e.startsWith(`released Table/${NS.prod}/`))).toEqual([
        expect.stringMatching(/^released Table\/bbws-prod\/campaigns-[a-z0-9]+: management policies have no Delete; the AWS resource stays$/),
      ]);
    }, 3 * MINUTE);
  });

  describe('6. drift', () => {
    test('a hand edit of a live XR is reported by ddbops status and reverted by self-heal', async () => {
      // GIVEN dev in sync
      await waitUntil('dev Synced and Healthy', () => allSyncedHealthy(['bbws-dynamodb-dev']), { timeoutMs: MINUTE, intervalMs: 500, diagnostics: diag });
      // Self-heal closes the drift window within about a second, less than `ddbops status` needs to start on
      // a busy machine. Freezing Argo CD's controller (SIGSTOP) holds the window open while status looks; the
      // controller then resumes exactly where it was.
      const controller = env.argocd.controller;
      controller.pause();
      let patch: { code: number };
      let r: { code: number; stdout: string };
      try {
        // WHEN someone edits products in the cluster, as a user would
        patch = await kubectl(['patch', 'dynamodbtable', 'products', '-n', NS.dev, '--type=merge', '-p', '{"spec":{"tableClass":"STANDARD_INFREQUENT_ACCESS"}}']);
        r = await ddbops(['status', '--env', 'dev']);
      } finally {
        controller.resume();
      }
      const resumed = Date.now();
      // THEN status names the drifted field with both values and exits 1
      expect({ patch: patch.code, code: r.code, drift: r.stdout.split('\n').filter((l) => l.includes('spec.tableClass')).map((l) => l.trim()) }).toEqual({
        patch: 0, code: 1, drift: ['dynamodbtable/products  spec.tableClass: git "STANDARD", cluster "STANDARD_INFREQUENT_ACCESS"'],
      });
      // AND Argo CD's self-heal puts git's value back, and status is clean again
      await waitUntil('self-heal to revert the edit', async () => {
        const c = spec<{ tableClass?: string }>(await xr('dev', 'products')).tableClass;
        return c === 'STANDARD' ? done(c) : notYet(`tableClass ${c}`);
      }, { timeoutMs: MINUTE, intervalMs: 100, diagnostics: diag });
      figures.selfHealMs = Date.now() - resumed;
      await waitUntil('dev Synced and Healthy after self-heal', () => allSyncedHealthy(['bbws-dynamodb-dev']), { timeoutMs: MINUTE, intervalMs: 500, diagnostics: diag });
      const after = await ddbops(['status', '--env', 'dev']);
      expect({ code: after.code, summary: after.stdout.trimEnd().split('\n').pop() }).toEqual({ code: 0, summary: 'Summary: 4 of 4 ready: all ready, no drift (exit 0)' });
    }, 3 * MINUTE);
  });

  describe('7. the provider simulator keeps upjet\'s contract (managed resources made by hand)', () => {
    const NSX = 'simulator-contract';
    const ACCOUNT_X = '111122223333';
    const table = (name: string, managementPolicies?: string[]): KubeObject => ({
      apiVersion: 'dynamodb.aws.m.upbound.io/v1beta1',
      kind: 'Table',
      metadata: { name, namespace: NSX, annotations: { 'crossplane.io/external-name': name } },
      spec: {
        ...(managementPolicies ? { managementPolicies } : {}),
        providerConfigRef: { kind: 'ProviderConfig', name: 'aws-contract' },
        forProvider: { region: REGION, hashKey: 'PK', attribute: [{ name: 'PK', type: 'S' }], billingMode: 'PAY_PER_REQUEST' },
      },
    });
    const inAws = (name: string): boolean => [...env.simulator.aws.values()].some((r) => r.kind === 'Table' && r.id === name && r.account === ACCOUNT_X);
    const get = (name: string) => env.rest.find(TABLES, NSX, name);
    const shape = (o: KubeObject | undefined) => ({
      finalizers: o?.metadata?.finalizers ?? [],
      annotations: Object.keys(o?.metadata?.annotations ?? {}).filter((k) => k.startsWith('crossplane.io/')).sort(),
      conditions: conditions(o).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
      arn: ((o?.status as { atProvider?: { arn?: string } } | undefined)?.atProvider ?? {}).arn,
    });

    beforeAll(async () => {
      await env.api.kubectl(['create', 'namespace', NSX]);
      await env.api.kubectl(['apply', '-f', '-'], JSON.stringify({
        apiVersion: 'aws.m.upbound.io/v1beta1', kind: 'ProviderConfig', metadata: { name: 'aws-contract', namespace: NSX },
        spec: { credentials: { source: 'IRSA' }, assumeRoleChain: [{ roleARN: `arn:aws:iam::${ACCOUNT_X}:role/crossplane-dynamodb` }] },
      }));
    });

    test('a refused create: Synced=False with upjet\'s message, not Ready, external-create-failed; allowed, it becomes Available', async () => {
      // GIVEN AWS refuses CreateTable for this table
      const error = `AccessDeniedException: User: arn:aws:sts::${ACCOUNT_X}:assumed-role/crossplane-dynamodb/1764672000000000000 is not authorized to perform: dynamodb:CreateTable on resource: arn:aws:dynamodb:${REGION}:${ACCOUNT_X}:table/refused because no identity-based policy allows the dynamodb:CreateTable action`;
      env.simulator.refuse({ kind: 'Table', namespace: NSX, externalName: 'refused', operation: 'create', error });
      // WHEN the managed resource is created
      await env.rest.create(TABLES, NSX, table('refused'));
      const failed = await waitUntil('the refusal', async () => {
        const o = await get('refused');
        return condition(o, 'Synced')?.status === 'False' ? done(o) : notYet(JSON.stringify(conditions(o)));
      }, { timeoutMs: MINUTE, diagnostics: diag });
      // THEN it is reported the way upjet reports a failed async create, and nothing exists in AWS
      const async = expect.stringMatching(new RegExp(`^async create failed: failed to create the resource: \\[\\{0 creating Amazon DynamoDB Table \\(refused\\): operation error DynamoDB: CreateTable, https response error StatusCode: 400, RequestID: [0-9a-f-]{36}, api error ${error.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}  \\[\\]\\}\\]$`));
      expect(shape(failed)).toEqual({
        finalizers: ['finalizer.managedresource.crossplane.io'],
        annotations: ['crossplane.io/external-create-failed', 'crossplane.io/external-create-pending', 'crossplane.io/external-name'],
        conditions: [
          { type: 'Ready', status: 'False', reason: 'Creating', message: undefined },
          { type: 'Synced', status: 'False', reason: 'ReconcileError', message: expect.stringMatching(/^create failed: async create failed: /) },
          { type: 'LastAsyncOperation', status: 'False', reason: 'AsyncCreateFailure', message: async },
        ],
        arn: undefined,
      });
      expect(inAws('refused')).toBe(false);
      // WHEN the role gets the permission
      env.simulator.allow('Table', NSX, 'refused');
      // THEN the next attempt creates it and it becomes Available with its ARN
      const ok = await waitUntil('the table to become Ready', async () => {
        const o = await get('refused');
        return condition(o, 'Ready')?.status === 'True' ? done(o) : notYet(JSON.stringify(conditions(o)));
      }, { timeoutMs: MINUTE, diagnostics: diag });
      expect(shape(ok)).toEqual({
        finalizers: ['finalizer.managedresource.crossplane.io'],
        annotations: ['crossplane.io/external-create-failed', 'crossplane.io/external-create-pending', 'crossplane.io/external-create-succeeded', 'crossplane.io/external-name'],
        conditions: [
          { type: 'Ready', status: 'True', reason: 'Available', message: undefined },
          { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', message: undefined },
          { type: 'LastAsyncOperation', status: 'True', reason: 'Success', message: undefined },
        ],
        arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT_X}:table/refused`,
      });
    }, 2 * MINUTE);

    test('Observe only: a table AWS does not have is an observe failure, and nothing is created', async () => {
      await env.rest.create(TABLES, NSX, table('adopt-me', ['Observe']));
      const o = await waitUntil('the observe failure', async () => {
        const x = await get('adopt-me');
        return condition(x, 'Synced')?.status === 'False' ? done(x) : notYet(JSON.stringify(conditions(x)));
      }, { timeoutMs: MINUTE, diagnostics: diag });
      expect([condition(o, 'Synced')?.message, inAws('adopt-me')]).toEqual(['observe failed: external resource does not exist', false]);
    });

    test('deleting: without the Delete policy the table stays in AWS (orphaned); with * it is deleted', async () => {
      // GIVEN two tables, one keep-on-delete, one fully managed, both created
      await env.rest.create(TABLES, NSX, table('kept', ['Observe', 'Create', 'Update', 'LateInitialize']));
      await env.rest.create(TABLES, NSX, table('removed', ['*']));
      await waitUntil('both in AWS and Ready', async () => {
        const r = [await get('kept'), await get('removed')].map((x) => condition(x, 'Ready')?.status);
        return r.every((s) => s === 'True') && inAws('kept') && inAws('removed') ? done(r) : notYet(JSON.stringify(r));
      }, { timeoutMs: MINUTE, diagnostics: diag });
      // WHEN both managed resources are deleted
      await env.rest.delete(TABLES, NSX, 'kept');
      await env.rest.delete(TABLES, NSX, 'removed');
      // THEN both leave the cluster; only the fully managed one leaves AWS
      await waitUntil('both managed resources gone', async () => {
        const left = [await get('kept'), await get('removed')].filter((x) => x !== undefined).map((x) => x!.metadata?.name);
        return left.length === 0 ? done(left) : notYet(`still there: ${left.join(', ')}`);
      }, { timeoutMs: MINUTE, diagnostics: diag });
      expect({ kept: inAws('kept'), removed: inAws('removed') }).toEqual({ kept: true, removed: false });
    });
  });
});
