/**
 * Renaming and removing an environment, end to end in real git repositories:
 * plan says what the rendered Applications really do (no resources finalizer,
 * FailOnSharedResource=true), never that tables are deleted, and points to
 * docs/environments.md for the steps by hand.
 */
import * as fs from 'fs';
import { anchorLinks, headingAnchors, tableProblems } from '../docs/markdown-check';
import { REMOVING_DOC, RENAMING_DOC } from '../../src/plan/environment-lifecycle';
import { Json, REPO_ROOT, ScratchRepo } from './scratch-repo';
import { CROSSPLANE_CHARTS } from '../../charts';

let template: ScratchRepo;
let repo: ScratchRepo;

beforeAll(() => {
  template = new ScratchRepo({ charts: CROSSPLANE_CHARTS });
  template.commit('base');
});
afterAll(() => template.cleanup());
beforeEach(() => { repo = template.copy(); });
afterEach(() => repo.cleanup());

const rows = (plan: Json, env: string) => plan.changes.filter((c: Json) => c.environment === env && c.action !== 'no-op')
  .map((c: Json) => ({ kind: c.kind, name: c.name, action: c.action, labels: c.labels, blocked: c.blocked }));

const renameSitToQa = (r: ScratchRepo) => {
  r.git('mv', 'environments/sit.yaml', 'environments/qa.yaml');
  r.editYaml('environments/qa.yaml', (d) => { d.set('name', 'qa'); });
};

describe('renaming an environment and keeping its namespace', () => {
  test('the same objects move to the new Application, updated in place, with the tracking-id step; nothing is created or deleted in AWS', async () => {
    // GIVEN sit renamed qa, namespace bbws-sit kept
    renameSitToQa(repo);

    // WHEN
    const result = await repo.plan('--format', 'json');

    // THEN
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const plan = JSON.parse(result.stdout);
    expect(plan.environments.map((e: Json) => e.name)).toEqual(['platform', 'dev', 'prod', 'qa']);
    expect(plan.environments[3].lifecycle).toEqual({
      change: 'renamed', from: 'sit', oldApplication: 'bbws-dynamodb-sit', newApplication: 'bbws-dynamodb-qa',
      explanation: 'environment sit is renamed qa and keeps namespace bbws-sit: bbws-dynamodb-qa takes over what bbws-dynamodb-sit synced, and the root app prunes bbws-dynamodb-sit; '
        + 'that Application has no resources finalizer, so nothing is deleted. But every object it synced still carries argocd.argoproj.io/tracking-id naming bbws-dynamodb-sit, '
        + 'so with FailOnSharedResource=true the sync of bbws-dynamodb-qa fails ("Shared resource found") until that annotation is removed, even once bbws-dynamodb-sit is gone',
      docs: 'docs/environments.md#renaming-an-environment',
    });
    expect(rows(plan, 'qa')).toEqual([
      { kind: 'Namespace', name: 'bbws-sit', action: 'update', labels: ['manual-step', 'cosmetic'], blocked: false },
      { kind: 'ProviderConfig', name: 'aws-qa', action: 'create', labels: [], blocked: false },
      { kind: 'ProviderConfig', name: 'aws-sit', action: 'delete', labels: ['orphaned'], blocked: false },
      ...['campaigns', 'products', 'tenants'].map((name) => ({ kind: 'DynamoDBTable', name, action: 'update', labels: ['manual-step', 'cosmetic'], blocked: false })),
      { kind: 'DynamoDBBackupPlan', name: 'dynamodb-backup', action: 'update', labels: ['manual-step', 'cosmetic'], blocked: false },
    ]);
    expect(plan.changes.find((c: Json) => c.environment === 'qa' && c.name === 'tenants').explanation).toEqual(
      'moves from Application bbws-dynamodb-sit to bbws-dynamodb-qa: its argocd.argoproj.io/tracking-id still names bbws-dynamodb-sit, '
      + 'so bbws-dynamodb-qa\'s sync fails (FailOnSharedResource=true) until that annotation is removed; nothing is deleted; '
      + 'ProviderConfig aws-sit → aws-qa: Crossplane reaches AWS through another role; metadata.labels["platform.bigbeard.co.za/environment"] changes (Kubernetes metadata only)',
    );
  });

  test('the text plan heads the environment with what happens and where the steps are', async () => {
    // GIVEN
    renameSitToQa(repo);

    // WHEN
    const result = await repo.plan();

    // THEN
    const lines = result.stdout.split('\n');
    const at = lines.indexOf('qa:');
    expect(lines.slice(at, at + 3)).toEqual([
      'qa:',
      expect.stringMatching(/^ {2}! environment sit is renamed qa and keeps namespace bbws-sit: .* until that annotation is removed, even once bbws-dynamodb-sit is gone$/),
      '    safe steps: docs/environments.md#renaming-an-environment',
    ]);
    expect(lines).toContain('    - ProviderConfig aws-sit leaves git but stays in the cluster (orphaned)  [orphaned]');
    expect(lines).toContain('Plan: 1 to create, 5 to update in place, 0 to replace, 1 to delete (it is only orphaned: left in the cluster), 18 unchanged.');
  });

  test('a renamed environment keeps the guard of its old name for the change that renames it', async () => {
    // GIVEN prod renamed production, its guard dropped and a table's deletion protection turned off in the same change
    repo.git('mv', 'environments/prod.yaml', 'environments/production.yaml');
    repo.editYaml('environments/production.yaml', (d) => { d.set('name', 'production'); d.setIn(['guard', 'block'], []); d.setIn(['tableDefaults', 'deletionProtection'], false); });

    // WHEN
    const result = await repo.plan('--format', 'json');

    // THEN
    const plan = JSON.parse(result.stdout);
    expect(result.code).toEqual(3);
    expect(plan.environments.find((e: Json) => e.name === 'production').guard).toEqual(['replace', 'delete', 'pitr-off', 'deletion-protection-off', 'backup-removed', 'backup-shortened']);
    expect(plan.guardChanges.map((g: Json) => [g.environment, g.field, g.after])).toEqual([['production', 'guard.block', []]]);
    expect(rows(plan, 'production').filter((r: Json) => r.blocked).map((r: Json) => r.name)).toEqual(['campaigns', 'products', 'tenants']);
  });
});

describe('removing an environment', () => {
  test('everything it rendered is orphaned, not deleted: no data-loss, and the text says so', async () => {
    // GIVEN sit removed (dev and sit block nothing)
    repo.remove('environments/sit.yaml');

    // WHEN
    const json = await repo.plan('--format', 'json');
    const text = await repo.plan();

    // THEN
    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 0, stderr: '' });
    const plan = JSON.parse(json.stdout);
    expect(plan.environments.find((e: Json) => e.name === 'sit').lifecycle).toMatchObject({
      change: 'removed', from: null, oldApplication: 'bbws-dynamodb-sit', newApplication: null, docs: 'docs/environments.md#removing-an-environment',
    });
    expect(rows(plan, 'sit')).toEqual([
      { kind: 'Namespace', name: 'bbws-sit', action: 'delete', labels: ['delete', 'orphaned'], blocked: false },
      { kind: 'ProviderConfig', name: 'aws-sit', action: 'delete', labels: ['orphaned'], blocked: false },
      ...['campaigns', 'products', 'tenants'].map((name) => ({ kind: 'DynamoDBTable', name, action: 'delete', labels: ['delete', 'orphaned'], blocked: false })),
      { kind: 'DynamoDBBackupPlan', name: 'dynamodb-backup', action: 'delete', labels: ['delete', 'orphaned'], blocked: false },
    ]);
    expect(plan.changes.find((c: Json) => c.environment === 'sit' && c.name === 'tenants').explanation).toEqual(
      'leaves git but stays in the cluster, orphaned (no Application syncs it any more), so Crossplane keeps table tenants in af-south-1 as last synced and no change in git reaches it; '
      + 'deleting this XR by hand later DELETES the table and its items (management mode full)',
    );
    const lines = text.stdout.split('\n');
    expect(lines).toContain('  ! environment sit is removed: the root app prunes bbws-dynamodb-sit. That Application has no resources finalizer, so Argo CD deletes none of its objects and Crossplane deletes no table: '
      + 'namespace bbws-sit, its ProviderConfig and XRs stay in the cluster, orphaned, and Crossplane keeps each table as last synced while git no longer changes or guards it');
    expect(lines).toContain('    - DynamoDBTable tenants leaves git but stays in the cluster (orphaned)  [delete, orphaned]');
    expect(lines).toContain('Plan: 0 to create, 0 to update in place, 0 to replace, 6 to delete (all are only orphaned: left in the cluster), 18 unchanged.');
    expect(text.stdout).not.toContain('Crossplane DELETES');
  });

  test('a guarded environment cannot be removed unseen, and plan says why no acknowledgement can help', async () => {
    // GIVEN prod removed: its guard blocks delete, and its file is gone
    repo.remove('environments/prod.yaml');

    // WHEN
    const result = await repo.plan();

    // THEN
    expect(result.code).toEqual(3);
    const lines = result.stdout.split('\n');
    expect(lines.slice(lines.findIndex((l) => l.startsWith('✗ Guard:')))).toEqual([
      '✗ Guard: 5 changes blocked in 1 environment; plan exits 3.',
      '  prod, the whole environment is removed (Namespace bbws-prod, DynamoDBTable campaigns, DynamoDBTable products, DynamoDBTable tenants, DynamoDBBackupPlan dynamodb-backup): delete',
      '    safe path (delete): removing an environment deletes nothing but leaves its tables outside git: first settle each table\'s fate in prod\'s file '
        + '(tableDefaults.managementMode keep-on-delete or observe to keep it; a final backup to delete it), then lift prod\'s guard in a PR of its own '
        + '(plan shows that as a guard change), then remove the environment and clean the cluster up by hand; docs/environments.md#removing-an-environment',
      '    nothing can acknowledge it here: the environment file that would hold the acknowledgement is gone',
      '',
    ]);
    expect(result.stdout).toContain('the root app prunes bbws-dynamodb-prod once someone confirms it (it carries Prune=confirm: argocd app confirm-deletion bbws-dynamodb-root)');
  });

  test('after the guard was lifted in a change of its own, removing the environment passes', async () => {
    // GIVEN a base where prod's guard is already empty
    repo.editYaml('environments/prod.yaml', (d) => { d.setIn(['guard', 'block'], []); });
    repo.commit('lift the prod guard');
    repo.remove('environments/prod.yaml');

    // WHEN
    const result = await repo.plan('--format', 'json');

    // THEN
    expect(result.code).toEqual(0);
    expect(JSON.parse(result.stdout).summary).toMatchObject({ delete: 6, blocked: 0 });
  });
});

describe('docs/environments.md', () => {
  const doc = fs.readFileSync(`${REPO_ROOT}/docs/environments.md`, 'utf8');

  test('every section plan links to is a heading of the page', () => {
    // WHEN
    const anchors = headingAnchors(doc);

    // THEN
    expect([REMOVING_DOC, RENAMING_DOC].map((d) => d.split('#')[1]).filter((a) => !anchors.has(a))).toEqual([]);
    expect(anchorLinks(doc).filter((a) => !anchors.has(a))).toEqual([]);
  });

  test('renders on GitHub: closed fences, whole tables, no trailing spaces', () => {
    // WHEN
    const fences = doc.split('\n').filter((l) => l.trim().startsWith('```'));

    // THEN
    expect(fences.length % 2).toEqual(0);
    expect(tableProblems(doc)).toEqual([]);
    expect(doc.split('\n').filter((l) => / $/.test(l))).toEqual([]);
    expect(doc.endsWith('\n') && !doc.endsWith('\n\n')).toBe(true);
  });
});
